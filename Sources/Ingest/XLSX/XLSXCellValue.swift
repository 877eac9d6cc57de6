import Glibc

/// The text of one cell or shared string as it arrives in pieces from the parser, bounded.
///
/// Kept raw (escapes and all) up to 7 bytes per byte of `maxFieldBytes`, the most an `_xHHHH_` escape can
/// take per decoded byte, so whether the decoded value is too long is known exactly.
final class CellText {
    let maxFieldBytes: Int
    private let rawLimit: Int
    let raw = ByteBuffer(capacity: 256)
    private(set) var overflowed = false
    /// Whether text events belong to the value (inside `<v>`, or a `<t>` that is not phonetic).
    var collecting = false

    init(maxFieldBytes: Int) {
        self.maxFieldBytes = max(maxFieldBytes, 1)
        rawLimit = self.maxFieldBytes * 7 + 7
    }

    @inline(__always)
    func reset() {
        raw.removeAll()
        overflowed = false
        collecting = false
    }

    @inline(__always)
    func append(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        let room = rawLimit - raw.count
        if count <= room {
            raw.append(bytes, count)
        } else {
            raw.append(bytes, room)
            overflowed = true
        }
    }

    /// The value with `_xHHHH_` escapes decoded (into `scratch` when there are any), cut to `maxFieldBytes`
    /// at a character boundary, and whether it was cut. Valid until the next `reset` or `decoded`.
    func decoded(into scratch: ByteBuffer) -> (bytes: UnsafeBufferPointer<UInt8>, truncated: Bool) {
        var value = raw.bytes
        if let base = value.baseAddress, memchr(base, Int32(UInt8(ascii: "_")), value.count) != nil {
            scratch.removeAll()
            XLSXCellValue.decodeEscapes(value, into: scratch)
            value = scratch.bytes
        }
        guard overflowed || value.count > maxFieldBytes else { return (value, false) }
        var cut = min(value.count, maxFieldBytes)
        while cut > 0, cut < value.count, value[cut] & 0xC0 == 0x80 { cut -= 1 }
        return (UnsafeBufferPointer(rebasing: value[..<cut]), true)
    }
}

/// Turns the stored text of a cell into the field a person would have typed: numbers, dates, escapes.
enum XLSXCellValue {
    /// Decodes OOXML's `_xHHHH_` escapes (characters XML cannot carry, such as `_x000D_` for CR; `_x005F_` is
    /// a literal `_`), joining surrogate pairs; a lone surrogate becomes U+FFFD.
    static func decodeEscapes(_ text: UnsafeBufferPointer<UInt8>, into out: ByteBuffer) {
        let n = text.count
        var i = 0
        var copied = 0
        func unit(at j: Int) -> UInt32? {
            guard j + 7 <= n, text[j] == UInt8(ascii: "_"), text[j + 1] == UInt8(ascii: "x"), text[j + 6] == UInt8(ascii: "_") else { return nil }
            var v: UInt32 = 0
            for k in j + 2..<j + 6 {
                guard let h = hexValue(text[k]) else { return nil }
                v = v << 4 | h
            }
            return v
        }
        while i < n {
            guard text[i] == UInt8(ascii: "_"), var u = unit(at: i) else {
                i += 1
                continue
            }
            out.append(text.baseAddress! + copied, i - copied)
            var length = 7
            if (0xD800..<0xDC00).contains(u) {
                if let low = unit(at: i + 7), (0xDC00..<0xE000).contains(low) {
                    u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                    length = 14
                } else {
                    u = 0xFFFD
                }
            } else if (0xDC00..<0xE000).contains(u) {
                u = 0xFFFD
            }
            appendUTF8(u, to: out)
            i += length
            copied = i
        }
        out.append(text.baseAddress.map { $0 + copied }, n - copied)
    }

    @inline(__always)
    private static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        default: return nil
        }
    }

    private static func appendUTF8(_ u: UInt32, to out: ByteBuffer) {
        var encoded: [UInt8] = []
        UTF8.encode(Unicode.Scalar(u) ?? "\u{FFFD}") { encoded.append($0) }
        encoded.withUnsafeBufferPointer { out.append($0.baseAddress, $0.count) }
    }

    /// Appends a stored number as typed: an integral value as plain digits (`1.3800138E10` → `13800138000`,
    /// `13800138000.0` → `13800138000`), anything else exactly as stored (`0.1`, `1.5E-3`).
    ///
    /// Works on the decimal text, never through a `Double`, so no digit is invented or lost; integers longer
    /// than 30 digits stay in the stored form.
    static func appendNumber(_ text: UnsafeBufferPointer<UInt8>, to out: ByteBuffer) {
        if isPlainInteger(text) {
            out.append(text.baseAddress, text.count)
            return
        }
        guard let parsed = DecimalText(text) else {
            out.append(text.baseAddress, text.count)
            return
        }
        let digits = parsed.digits
        if digits.isEmpty {
            out.append(UInt8(ascii: "0"))
            return
        }
        var integerDigits = digits.count + parsed.exponent
        var zeros = parsed.exponent
        if parsed.exponent < 0 {
            // Integral only when every digit after the decimal point is 0.
            let fraction = digits.suffix(-parsed.exponent)
            guard fraction.count == -parsed.exponent, fraction.allSatisfy({ $0 == UInt8(ascii: "0") }) else {
                out.append(text.baseAddress, text.count)
                return
            }
            zeros = 0
            integerDigits = digits.count + parsed.exponent
        }
        guard integerDigits <= 30 else {
            out.append(text.baseAddress, text.count)
            return
        }
        if integerDigits <= 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        if parsed.negative { out.append(UInt8(ascii: "-")) }
        for d in digits.prefix(integerDigits) { out.append(d) }
        for _ in 0..<max(zeros, 0) { out.append(UInt8(ascii: "0")) }
    }

    /// Digits with an optional leading `-`, no leading zero: what Excel and libxlsxwriter store for most numbers.
    @inline(__always)
    private static func isPlainInteger(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = text.first == UInt8(ascii: "-") ? 1 : 0
        guard i < text.count, text[i] != UInt8(ascii: "0") || text.count == 1 else { return false }
        while i < text.count {
            guard text[i] >= 0x30, text[i] <= 0x39 else { return false }
            i += 1
        }
        return true
    }

    /// Appends a date serial as `YYYY-MM-DD`, with ` HH:MM:SS` when it has a time of day (rounded to the
    /// second); returns false, appending nothing, when the text is no serial Excel shows as a date.
    ///
    /// 1900 system: serial 1 is 1900-01-01 and serial 60 the 1900-02-29 Excel keeps from Lotus 1-2-3
    /// (a day that never was, so serials from 61 on are one day ahead of a plain count); serial 0 shows
    /// as 1900-01-00. 1904 system: serial 0 is 1904-01-01. Negative serials and serials past 9999-12-31
    /// are numbers to Excel.
    static func appendDate(serial text: UnsafeBufferPointer<UInt8>, date1904: Bool, to out: ByteBuffer) -> Bool {
        guard let serial = parseDouble(text), serial >= 0, serial < (date1904 ? 2_957_004 : 2_958_466) else { return false }
        let seconds = Int64((serial * 86_400).rounded())
        let day = Int(seconds / 86_400)
        let time = Int(seconds % 86_400)
        var civil: (year: Int, month: Int, day: Int)
        if date1904 {
            civil = civilDate(daysSince1970: day - 24_107)
        } else if day == 0 {
            civil = (1900, 1, 0)
        } else if day == 60 {
            civil = (1900, 2, 29)
        } else {
            civil = civilDate(daysSince1970: day - (day < 60 ? 25_568 : 25_569))
        }
        appendDigits(civil.year, 4, to: out)
        out.append(UInt8(ascii: "-"))
        appendDigits(civil.month, 2, to: out)
        out.append(UInt8(ascii: "-"))
        appendDigits(civil.day, 2, to: out)
        if time != 0 { appendTime(time, to: out) }
        return true
    }

    /// Appends an ISO 8601 date cell (`t="d"`, `2020-01-02T08:30:00`) as `YYYY-MM-DD`, with ` HH:MM:SS` unless
    /// the time is midnight; text of another shape is appended as it is.
    static func appendISODate(_ text: UnsafeBufferPointer<UInt8>, to out: ByteBuffer) {
        func digits(_ range: Range<Int>) -> Bool { range.upperBound <= text.count && range.allSatisfy { (0x30...0x39).contains(text[$0]) } }
        let dateShaped = digits(0..<4) && text.count >= 10 && text[4] == UInt8(ascii: "-") && digits(5..<7)
            && text[7] == UInt8(ascii: "-") && digits(8..<10)
        guard dateShaped else {
            out.append(text.baseAddress, text.count)
            return
        }
        out.append(text.baseAddress, 10)
        let timeShaped = text.count >= 19 && text[10] == UInt8(ascii: "T") && digits(11..<13) && digits(14..<16) && digits(17..<19)
        guard timeShaped else { return }
        let time = UnsafeBufferPointer(rebasing: text[11..<19])
        if !time.elementsEqual("00:00:00".utf8) {
            out.append(UInt8(ascii: " "))
            out.append(time.baseAddress, time.count)
        }
    }

    private static func appendTime(_ seconds: Int, to out: ByteBuffer) {
        out.append(UInt8(ascii: " "))
        appendDigits(seconds / 3600, 2, to: out)
        out.append(UInt8(ascii: ":"))
        appendDigits(seconds / 60 % 60, 2, to: out)
        out.append(UInt8(ascii: ":"))
        appendDigits(seconds % 60, 2, to: out)
    }

    @inline(__always)
    private static func appendDigits(_ value: Int, _ width: Int, to out: ByteBuffer) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var v = value
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(v / divisor % 10))
            v %= divisor
            divisor /= 10
        }
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civilDate(daysSince1970 z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// A number in C syntax, the whole text (surrounding spaces allowed), or nil.
    static func parseDouble(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        guard text.count > 0, text.count < 64, let base = text.baseAddress else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { buffer in
            let start = buffer.baseAddress!
            UnsafeMutableRawPointer(start).copyMemory(from: base, byteCount: text.count)
            start[text.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(start, &end)
            guard let end else { return nil }
            var rest = end
            while rest.pointee == 0x20 { rest += 1 }
            return end != start && rest.pointee == 0 && value.isFinite ? value : nil
        }
    }

    /// A 0-based column index from a cell reference such as `AB12` (letters only are read), or nil.
    @inline(__always)
    static func columnIndex(_ reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var column = 0
        var letters = 0
        for c in reference {
            let upper = c & ~0x20
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(upper - UInt8(ascii: "A")) + 1
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : column - 1
    }

    /// A column's letters from its 0-based index: 0 → `A`, 27 → `AB`.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }
}

/// The parts of a decimal literal: sign, significant digits without leading zeros, and the power of ten
/// the digits are to be multiplied by.
private struct DecimalText {
    var negative = false
    var digits: [UInt8] = []
    var exponent = 0

    init?(_ text: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = text.count
        while i < n, text[i] == 0x20 { i += 1 }
        if i < n, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
            negative = text[i] == UInt8(ascii: "-")
            i += 1
        }
        var sawDigit = false
        var fractionDigits = 0
        var inFraction = false
        while i < n {
            let c = text[i]
            if c >= 0x30, c <= 0x39 {
                sawDigit = true
                // Leading zeros are dropped; they never change the value.
                if !(digits.isEmpty && c == 0x30) { digits.append(c) }
                if inFraction { fractionDigits += 1 }
            } else if c == UInt8(ascii: "."), !inFraction {
                inFraction = true
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { return nil }
        var e = 0
        if i < n, text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E") {
            i += 1
            var negativeExponent = false
            if i < n, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
                negativeExponent = text[i] == UInt8(ascii: "-")
                i += 1
            }
            var expDigits = 0
            while i < n, text[i] >= 0x30, text[i] <= 0x39 {
                if e < 100_000 { e = e * 10 + Int(text[i] - 0x30) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return nil }
            if negativeExponent { e = -e }
        }
        while i < n, text[i] == 0x20 { i += 1 }
        guard i == n else { return nil }
        exponent += e - fractionDigits
        if digits.isEmpty { negative = false }
    }
}
