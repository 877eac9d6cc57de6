import RiskModel

/// Finds the text that TOMLKit's parser (toml++ 3) cannot be given.
///
/// toml++ asserts things about its input that it does not check first, and SwiftPM compiles C++ without
/// `NDEBUG`: on such input the `assert` fails and the process aborts, where a syntax error was due (with
/// `NDEBUG` the assertions become assumptions: undefined behaviour). Found by `scripts/fuzz.sh policy`
/// (fixtures/fuzz/policy/, docs/fuzzing.md). What is refused here is never valid TOML:
/// - a table header whose first key starts with neither `A-Z a-z 0-9 _ -` nor a quote (`[=]`, `[ ]`,
///   `[ 健康监测]`, `[[{]]`): `parser::parse_key` assumes one of those;
/// - a value that starts as a date and goes on as a date and time that is not one: a date, a space and
///   one digit (`days = 2020-01-20 1`, and what toml++ takes for a date: ten characters with `-` fifth and
///   eighth, `7199-05-2\u{1} 7`), where `parser::parse_value` asserts it is not at the end of the value;
///   `2020-01-20T:` and the like, where `parser::parse_time` asserts a digit;
/// - a `}` inside an array, outside its inline tables (`a = [1, }`): `parser::parse_value` asserts it is not
///   at the end of a value where an element should start.
public enum TOMLPreflight {
    /// Where the text goes wrong, in toml++'s terms (1-based line and column), and what to do.
    public struct Problem: Sendable, Hashable {
        public var line: Int
        public var column: Int
        public var message: Message
    }

    /// The first place toml++ would abort on; nil when there is none.
    ///
    /// Headers are looked for only where toml++ reads them: at the start of a line (after blanks), outside
    /// multi-line strings and outside the arrays and inline tables of a value; dates and times only outside
    /// strings and comments, where a value starts (after `=`, `,` or `[`).
    public static func problem(in text: String) -> Problem? {
        var text = text
        return text.withUTF8 { scan($0) }
    }

    static var headerMessage: Message { PolicyText.tomlHeader() }
    static var braceMessage: Message { PolicyText.tomlBrace() }
    static var dateMessage: Message { PolicyText.tomlDate() }

    private static func scan(_ b: UnsafeBufferPointer<UInt8>) -> Problem? {
        let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), backslash = UInt8(ascii: "\\")
        let newline = UInt8(ascii: "\n")
        let n = b.count
        var i = 0, line = 1
        var open: [UInt8] = []  // the `[` and `{` of values not yet closed, innermost last
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
        func digits(_ k: Int, _ count: Int) -> Bool { k + count <= n && (k..<k + count).allSatisfy { isDigit(b[$0]) } }
        /// The length of the time at `k` (`HH:MM`, `HH:MM:SS`, `HH:MM:SS.fff`), or nil.
        func timeLength(at k: Int) -> Int? {
            guard digits(k, 2), k + 2 < n, b[k + 2] == UInt8(ascii: ":"), digits(k + 3, 2) else { return nil }
            var m = k + 5
            if m < n, b[m] == UInt8(ascii: ":") {
                guard digits(m + 1, 2) else { return nil }
                m += 3
                if m < n, b[m] == UInt8(ascii: ".") {
                    m += 1
                    let first = m
                    while m < n, isDigit(b[m]) { m += 1 }
                    guard m > first else { return nil }
                }
            }
            return m - k
        }
        /// The length of the offset at `k` (`Z`, `+08:00`), 0 when there is none, nil when it is malformed.
        func offsetLength(at k: Int) -> Int? {
            guard k < n else { return 0 }
            switch b[k] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"): return 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                return digits(k + 1, 2) && k + 3 < n && b[k + 3] == UInt8(ascii: ":") && digits(k + 4, 2) ? 6 : nil
            default: return 0
            }
        }
        /// A value at `k` that starts as a date and goes on as a date and time (after `T`, or a space and a
        /// digit) that is not one.
        func badDateTime(at k: Int) -> Bool {
            let date = Array("0000-00-00".utf8)  // "0" a digit, anything else itself
            guard k + date.count < n else { return false }
            for (offset, expected) in date.enumerated() {
                let c = b[k + offset]
                guard expected == UInt8(ascii: "0") ? isDigit(c) : c == expected else { return false }
            }
            let separator = k + date.count
            switch b[separator] {
            case UInt8(ascii: "T"), UInt8(ascii: "t"): break
            case UInt8(ascii: " "): guard separator + 1 < n, isDigit(b[separator + 1]) else { return false }
            default: return false
            }
            guard let time = timeLength(at: separator + 1), let offset = offsetLength(at: separator + 1 + time) else { return true }
            let end = separator + 1 + time + offset
            return end < n && isWord(b[end])
        }
        /// toml++'s own, looser test for "a date, then a space" (`parser::parse_value`): ten characters up to the end
        /// of the value (`_` not counted), `-` the fifth and the eighth, none giving the value another trait (`+`, `.`,
        /// `:`, or the letters b e o p t x z); a control character or another letter passes it. Then a space, one digit
        /// and the end of the value, where toml++ asserts there is more (`7199-05-2\u{1} 7,`).
        func looseDateThenOneDigit(at k: Int) -> Bool {
            var chars: [UInt8] = []
            var i = k
            while i < n, !isValueEnd(b[i]) {
                let c = b[i]
                // One entry per character: a UTF-8 continuation byte adds none.
                if c != UInt8(ascii: "_") && c & 0xC0 != 0x80 {
                    chars.append(c)
                    if chars.count > 10 { return false }
                }
                i += 1
            }
            guard chars.count == 10, isDigit(chars[0]), chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-") else { return false }
            for c in chars {
                if c == UInt8(ascii: "+") || c == UInt8(ascii: ".") || c == UInt8(ascii: ":") { return false }
                if Array("beoptxzBEOPTXZ".utf8).contains(c) { return false }
            }
            return i + 2 < n && b[i] == UInt8(ascii: " ") && isDigit(b[i + 1]) && isValueEnd(b[i + 2])
        }
        /// What ends a value for toml++ (`is_value_terminator`): white space, a line end, `]`, `}`, `,` or `#`.
        func isValueEnd(_ c: UInt8) -> Bool {
            c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
                || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == UInt8(ascii: ",") || c == UInt8(ascii: "#")
        }
        func skipLine(from k: Int) -> Int {
            var k = k
            while k < n, b[k] != newline { k += 1 }
            return k
        }

        while i < n {
            if atLineStart {
                atLineStart = false
                if multiline == nil, open.isEmpty {
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
                if startsValue(before: i), badDateTime(at: i) || looseDateThenOneDigit(at: i) {
                    return Problem(line: line, column: i - lineStart + 1, message: dateMessage)
                }
                // The rest of this number, date or bare key: no value starts inside it.
                while i < n, isWord(b[i]) { i += 1 }
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                open.append(c)
            case UInt8(ascii: "}"):
                if open.last == UInt8(ascii: "[") {
                    return Problem(line: line, column: i - lineStart + 1, message: braceMessage)
                }
                _ = open.popLast()
            case UInt8(ascii: "]"):
                _ = open.popLast()
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
