/// Page geometry in points (A4).
enum Page {
    static let width = Canvas.width
    static let height = Canvas.height
    static let left = 56.7
    static let right = width - 56.7
    static let contentWidth = right - left
    /// Where the receipt is cut off.
    static let cutY = height - 196
}

/// Fonts: TrueType CJK faces, since cairo 1.16 damages CFF (Noto CJK) glyphs when subsetting.
enum Fonts {
    static let body = "AR PL UMing CN"
    static let heading = "WenQuanYi Zen Hei"
}
