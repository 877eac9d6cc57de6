/// Finds the table headers that TOMLKit's parser (toml++ 3) cannot be given.
///
/// toml++ assumes that a table header's first key starts with a bare-key character or a quote: on
/// `[=]`, `[ ]`, `[é]`, `[[{]]` or a control character after the `[` it stops the process with a failed
/// `assert` (SwiftPM compiles C++ without `NDEBUG`; with it the assumption would be undefined behaviour),
/// where it should report a syntax error. Found by `scripts/fuzz.sh policy`; fixtures/fuzz/policy/.
/// Such a header is never valid TOML, so the text is refused here before the parser sees it.
public enum TOMLHeaderCheck {
    /// The 1-based line and column of the first character after `[` or `[[` of the first table header
    /// whose key does not start with `A-Z a-z 0-9 _ -` or a quote; nil when there is none.
    ///
    /// Headers are looked for only where toml++ reads them: at the start of a line (after blanks),
    /// outside multi-line strings and outside the arrays and inline tables of a value.
    public static func badTableHeader(in text: String) -> (line: Int, column: Int)? {
        var text = text
        return text.withUTF8 { scan($0) }
    }

    private static func scan(_ b: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int)? {
        let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), backslash = UInt8(ascii: "\\")
        let newline = UInt8(ascii: "\n")
        let n = b.count
        var i = 0, line = 1
        var depth = 0  // open `[` and `{` of values
        var multiline: UInt8?  // the quote of an open multi-line string
        var atLineStart = true

        func isBlank(_ c: UInt8) -> Bool { c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") }
        func opensKey(_ c: UInt8) -> Bool {
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), quote, apostrophe:
                return true
            default:
                return false
            }
        }
        func tripled(_ c: UInt8, at k: Int) -> Bool { k + 2 < n && b[k + 1] == c && b[k + 2] == c }
        func skipLine(from k: Int) -> Int {
            var k = k
            while k < n, b[k] != newline { k += 1 }
            return k
        }

        while i < n {
            if atLineStart {
                atLineStart = false
                if multiline == nil, depth == 0 {
                    let start = i
                    var k = i
                    while k < n, isBlank(b[k]) { k += 1 }
                    if k < n, b[k] == UInt8(ascii: "[") {
                        k += 1
                        if k < n, b[k] == UInt8(ascii: "[") { k += 1 }
                        while k < n, isBlank(b[k]) { k += 1 }
                        if k >= n || !opensKey(b[k]) { return (line, k - start + 1) }
                        // A header holds no multi-line string or value: the rest of its line cannot open one.
                        i = skipLine(from: k)
                        continue
                    }
                }
            }
            let c = b[i]
            if let q = multiline {
                if c == q, tripled(q, at: i) {
                    multiline = nil
                    i += 3
                    continue
                }
                if q == quote, c == backslash, i + 1 < n, b[i + 1] != newline {
                    i += 2
                    continue
                }
                if c == newline {
                    line += 1
                    atLineStart = true
                }
                i += 1
                continue
            }
            switch c {
            case newline:
                line += 1
                atLineStart = true
            case UInt8(ascii: "#"):
                i = skipLine(from: i)
                continue
            case quote, apostrophe:
                if tripled(c, at: i) {
                    multiline = c
                    i += 3
                    continue
                }
                // A one-line string: to its closing quote, or to the end of the line when it has none.
                var k = i + 1
                while k < n, b[k] != c, b[k] != newline {
                    k += c == quote && b[k] == backslash && k + 1 < n && b[k + 1] != newline ? 2 : 1
                }
                i = k < n && b[k] == c ? k + 1 : min(k, n)
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(depth - 1, 0)
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
