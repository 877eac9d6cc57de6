/// Finds the text that TOMLKit's parser (toml++ 3) cannot be given.
///
/// toml++ asserts things about its input that it does not check first, and SwiftPM compiles C++ without
/// `NDEBUG`: on such input the `assert` fails and the process aborts, where a syntax error was due (with
/// `NDEBUG` the assertions become assumptions: undefined behaviour). Found by `scripts/fuzz.sh policy`
/// (fixtures/fuzz/policy/, docs/fuzzing.md). What is refused here is never valid TOML:
/// - a table header whose first key starts with neither `A-Z a-z 0-9 _ -` nor a quote (`[=]`, `[ ]`,
///   `[ 健康监测]`, `[[{]]`): `parser::parse_key` assumes one of those;
/// - a value that is a date, a space and one digit (`days = 2020-01-20 1`): `parser::parse_value` takes
///   it for the start of a date-time and then asserts it is not at the end of the value.
public enum TOMLPreflight {
    /// Where the text goes wrong, in toml++'s terms (1-based line and column), and what to do.
    public struct Problem: Sendable, Hashable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    /// The first place toml++ would abort on; nil when there is none.
    ///
    /// Headers are looked for only where toml++ reads them: at the start of a line (after blanks), outside
    /// multi-line strings and outside the arrays and inline tables of a value; dates only outside strings
    /// and comments, where a value starts (after `=`, `,` or `[`).
    public static func problem(in text: String) -> Problem? {
        var text = text
        return text.withUTF8 { scan($0) }
    }

    static let headerMessage = "a table header needs a key after [ (letters, digits, _ or -, or a quoted key)"
    static let dateMessage = "a date followed by a space and one digit is neither a date nor a date and time; write 2020-01-20 or 2020-01-20 08:00:00"

    private static func scan(_ b: UnsafeBufferPointer<UInt8>) -> Problem? {
        let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), backslash = UInt8(ascii: "\\")
        let newline = UInt8(ascii: "\n")
        let n = b.count
        var i = 0, line = 1
        var depth = 0  // open `[` and `{` of values
        var multiline: UInt8?  // the quote of an open multi-line string
        var atLineStart = true
        var lineStart = 0

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
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        /// A byte of a bare key, number, date or time.
        func isWord(_ c: UInt8) -> Bool {
            (opensKey(c) && c != quote && c != apostrophe) || c == UInt8(ascii: ":") || c == UInt8(ascii: ".") || c == UInt8(ascii: "+")
        }
        /// Whether a value starts at `k`: the last byte before it, past blanks and line ends, is `=`, `,` or `[`.
        func startsValue(before k: Int) -> Bool {
            var j = k - 1
            while j >= 0, isBlank(b[j]) || b[j] == newline || b[j] == UInt8(ascii: "\r") { j -= 1 }
            return j >= 0 && (b[j] == UInt8(ascii: "=") || b[j] == UInt8(ascii: ",") || b[j] == UInt8(ascii: "["))
        }
        /// `YYYY-MM-DD`, a space, one digit, and then neither the end of the text nor another word character.
        func dateSpaceDigit(at k: Int) -> Bool {
            let shape = Array("0000-00-00 0".utf8)  // "0" a digit, anything else itself
            guard k + shape.count < n else { return false }
            for (offset, expected) in shape.enumerated() {
                let c = b[k + offset]
                guard expected == UInt8(ascii: "0") ? isDigit(c) : c == expected else { return false }
            }
            return !isWord(b[k + shape.count])
        }
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
                        if k >= n || !opensKey(b[k]) { return Problem(line: line, column: k - start + 1, message: headerMessage) }
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
                    lineStart = i + 1
                }
                i += 1
                continue
            }
            switch c {
            case newline:
                line += 1
                atLineStart = true
                lineStart = i + 1
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
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if startsValue(before: i), dateSpaceDigit(at: i) {
                    return Problem(line: line, column: i - lineStart + 1, message: dateMessage)
                }
                // The rest of this number, date or bare key: no value starts inside it.
                while i < n, isWord(b[i]) { i += 1 }
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
