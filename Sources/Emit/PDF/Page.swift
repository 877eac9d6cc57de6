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
///
/// AR PL UMing and WenQuanYi Zen Hei stop at the Basic Multilingual Plane; HanaMinA and HanaMinB (Debian
/// fonts-hanazono, TrueType) follow in each family list for the characters they lack, CJK Extension B (𠮷) among
/// them, so a rare character in a name prints as itself, not as a box.
enum Fonts {
    static let body = "AR PL UMing CN,HanaMinA,HanaMinB"
    static let heading = "WenQuanYi Zen Hei,HanaMinA,HanaMinB"
}
