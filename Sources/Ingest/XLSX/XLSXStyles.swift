import RiskModel

/// Which cell styles (`s` attribute, an index into `cellXfs`) show numbers as dates or times.
struct XLSXStyles {
    /// By style index; an index past the end is not a date (a missing styles part means no dates at all).
    private let dateStyles: [Bool]

    init(dateStyles: [Bool] = []) { self.dateStyles = dateStyles }

    @inline(__always)
    func isDate(_ style: Int) -> Bool { style >= 0 && style < dateStyles.count && dateStyles[style] }

    /// Reads `xl/styles.xml`.
    init(archive: XLSXArchive, part: String, limits: XLSXLimits) throws {
        let sink = StylesSink()
        try archive.parse(part, with: sink, limit: limits.maxPartBytes, what: WorkbookText.styleBytes())
        dateStyles = sink.cellFormats.map { id in
            if let code = sink.customFormats[id] { return Self.isDateFormat(code) }
            return Self.builtInDateFormats.contains(id)
        }
    }

    /// Built-in number formats that show dates or times: 14–22 and 45–47 everywhere, and 27–36 and 50–58,
    /// which Excel and WPS define as date formats (年月日, 時分) in Chinese, Japanese and Korean locales.
    static let builtInDateFormats: Set<Int> = Set(14...22).union(45...47).union(27...36).union(50...58)

    /// Whether a format code shows a date or time: a `d`, `m`, `y`, `h` or `s` outside quoted text, escaped
    /// characters and brackets (`[Red]`, `[$-804]`), in its first section.
    ///
    /// `General` has none of those letters, nor do `0.00E+00` or `#,##0`; `yyyy"年"m"月"d"日"` keeps its
    /// tokens once the quoted text is dropped. Elapsed-time formats written only as `[h]:mm` still count by
    /// their `mm`.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuotes = false
        var inBrackets = false
        var escaped = false
        var skipNext = false
        for byte in code.utf8 {
            if skipNext {
                skipNext = false
                continue
            }
            if escaped {
                escaped = false
                continue
            }
            if inQuotes {
                if byte == UInt8(ascii: "\"") { inQuotes = false }
                continue
            }
            if inBrackets {
                if byte == UInt8(ascii: "]") { inBrackets = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inQuotes = true
            case UInt8(ascii: "["): inBrackets = true
            case UInt8(ascii: "\\"): escaped = true
            // `_x` leaves the width of x, `*x` repeats x: the x is not a token.
            case UInt8(ascii: "_"), UInt8(ascii: "*"): skipNext = true
            case UInt8(ascii: ";"): return false
            case UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "m"), UInt8(ascii: "M"), UInt8(ascii: "y"), UInt8(ascii: "Y"),
                 UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "s"), UInt8(ascii: "S"):
                return true
            default: continue
            }
        }
        return false
    }
}

/// Reads the number formats of `styles.xml` and the format of each cell style (`cellXfs`, not `cellStyleXfs`).
private final class StylesSink: XMLSink {
    var customFormats: [Int: String] = [:]
    var cellFormats: [Int] = []
    private var inCellFormats = false

    override func start(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) {
        if XMLName.matches(name, "numFmt") {
            if let id = attributes.string("numFmtId").flatMap({ Int($0) }), let code = attributes.string("formatCode") {
                customFormats[id] = code
            }
        } else if XMLName.matches(name, "cellXfs") {
            inCellFormats = true
        } else if inCellFormats, XMLName.matches(name, "xf") {
            cellFormats.append(attributes.string("numFmtId").flatMap { Int($0) } ?? 0)
        }
    }

    override func end(_ name: UnsafePointer<UInt8>) {
        if XMLName.matches(name, "cellXfs") { inCellFormats = false }
    }
}
