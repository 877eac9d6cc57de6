/// A small append-only HTML writer that escapes every piece of text it is given.
struct HTML {
    private(set) var text = ""

    init() {
        text.reserveCapacity(64 << 10)
    }

    /// Appends markup as is (only for literals of this module).
    mutating func raw(_ markup: String) { text += markup }

    /// Appends text, escaped for element content and attribute values alike.
    mutating func text(_ s: String) { text += HTML.escape(s) }

    /// `<tag attrs>escaped text</tag>`.
    mutating func element(_ tag: String, _ content: String, attributes: String = "") {
        text += "<\(tag)\(attributes.isEmpty ? "" : " " + attributes)>\(HTML.escape(content))</\(tag)>"
    }

    /// Escapes `& < > " '`; enough for content and double- or single-quoted attributes.
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A whole number with thousands separators (`12,345`), independent of the locale.
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// A number with a fixed count of decimals, independent of the locale.
    static func decimal(_ x: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(x) * scale).rounded())
        let whole = scaled / Int(scale), fraction = scaled % Int(scale)
        let sign = x < 0 && scaled != 0 ? "-" : ""
        guard places > 0 else { return sign + String(whole) }
        let f = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: places - f.count) + f
    }
}
