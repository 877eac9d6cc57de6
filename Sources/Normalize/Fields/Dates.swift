import RiskModel

extension Fields {
    /// Parses a date field (SPEC 1.1): `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.M.D`, `YYYYMMDD` or `YYYY年M月D日`.
    ///
    /// Decided where SPEC is silent:
    /// - month and day take one or two digits with any of the separators `-`, `/`, `.`, but both
    ///   separators must be the same (`2020-1-5` is accepted, `2020-01/05` is not);
    /// - a time is anything after a space (also U+3000) or `T` that follows the date, and is ignored
    ///   without being checked (`2020-01-20 08:30:00`, `2020-01-20T08:30`, `20200120 0830`);
    ///   anything else after the date makes the field invalid;
    /// - the field is trimmed and full-width folded first; a blank field is a problem (callers
    ///   check `isBlank` for optional dates).
    public static func date(_ field: UnsafeBufferPointer<UInt8>) throws(FieldProblem) -> Day {
        if let day = quickDate(field) { return day }
        return try withNormalized(field, fold: true) { (bytes) throws(FieldProblem) -> Day in
            try parseDate(bytes)
        }
    }

    /// Parses a date field (SPEC 1.1); see the `UnsafeBufferPointer` form.
    @inlinable
    public static func date(_ field: some Collection<UInt8>) throws(FieldProblem) -> Day {
        try withBuffer(field) { (bytes) throws(FieldProblem) -> Day in try date(bytes) }
    }

    /// `optionalColumn` for a date: a plain well-formed date (nearly every field) is read before the blank check.
    @inline(__always)
    static func optionalDate(_ column: String, _ field: UnsafeBufferPointer<UInt8>) throws(FieldProblem) -> Day? {
        if let day = quickDate(field) { return day }
        return try optionalColumn(column, field, date)
    }

    static func parseDate(_ b: UnsafeBufferPointer<UInt8>) throws(FieldProblem) -> Day {
        guard !b.isEmpty else { throw FieldProblem(RejectText.dateEmpty()) }
        var cursor = ByteCursor(b)
        guard let parsed = cursor.readDate(),
              cursor.atEnd || cursor.peek == UInt8(ascii: " ") || cursor.peek == UInt8(ascii: "T") || cursor.expect("\u{3000}") else {
            throw FieldProblem(RejectText.dateFormat(["value": quoted(b)]))
        }
        if let day = Day(year: parsed.year, month: parsed.month, day: parsed.day) { return day }
        throw FieldProblem(RejectText.dateNonexistent(["value": quoted(UnsafeBufferPointer(rebasing: b[0..<cursor.index])),
                                                       "why": whyNoSuchDate(parsed)]))
    }

    /// The common case of `date` without trimming, folding or wording: `YYYY-MM-DD` (or `/`, `.`, with one- or
    /// two-digit month and day), alone or before a space or `T` and a time, naming a real day. Nil sends the
    /// field through the full rule.
    @inline(__always)
    static func quickDate(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
        let n = b.count
        guard n >= 8, let p = b.baseAddress else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let d = p[i] &- UInt8(ascii: "0")
            return d < 10 ? Int(d) : nil
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3) else { return nil }
        let sep = p[4]
        guard sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") else { return nil }
        var i = 5
        @inline(__always) func number() -> Int? {
            guard i < n, let first = digit(i) else { return nil }
            i += 1
            guard i < n, let second = digit(i) else { return first }
            i += 1
            return first * 10 + second
        }
        guard let month = number(), i < n, p[i] == sep else { return nil }
        i += 1
        guard let day = number() else { return nil }
        // A third digit, or anything but a time after the date, is for the full rule to judge and word.
        guard i == n || p[i] == UInt8(ascii: " ") || p[i] == UInt8(ascii: "T") else { return nil }
        return Day(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: month, day: day)
    }

    static func whyNoSuchDate(_ d: (year: Int, month: Int, day: Int)) -> Message {
        if d.year == 0 { return RejectPartText.noYearZero() }
        if !(1...12).contains(d.month) { return RejectPartText.noSuchMonth(["month": d.month]) }
        if d.day == 0 { return RejectPartText.noDayZero() }
        let mm = d.month < 10 ? "0\(d.month)" : "\(d.month)"
        return RejectPartText.monthDays(["month": "\(d.year)-\(mm)", "days": Day.daysInMonth(year: d.year, month: d.month)])
    }

    @inline(__always)
    static func digit(_ b: UInt8) -> Int? {
        let d = b &- UInt8(ascii: "0")
        return d < 10 ? Int(d) : nil
    }
}

/// A forward reader over a field's bytes.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { atEnd ? nil : bytes[index] }

    /// Reads `min`…`max` ASCII digits; leaves the cursor where it was when there are fewer than `min`.
    mutating func number(min: Int, max: Int) -> Int? {
        let start = index
        var value = 0
        while index - start < max, index < bytes.count, let d = Fields.digit(bytes[index]) {
            value = value * 10 + d
            index += 1
        }
        if index - start < min { index = start; return nil }
        return value
    }

    /// Consumes `literal` when the bytes continue with it.
    mutating func expect(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for k in 0..<count where bytes[index + k] != literal.utf8Start[k] { return false }
        index += count
        return true
    }

    /// Reads the date part of every SPEC 1.1 form, without checking that the date exists.
    mutating func readDate() -> (year: Int, month: Int, day: Int)? {
        guard let year = number(min: 4, max: 4), let sep = peek else { return nil }
        if Fields.digit(sep) != nil {
            guard let month = number(min: 2, max: 2), let day = number(min: 2, max: 2) else { return nil }
            return (year, month, day)
        }
        if sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") {
            index += 1
            guard let month = number(min: 1, max: 2), peek == sep else { return nil }
            index += 1
            guard let day = number(min: 1, max: 2) else { return nil }
            return (year, month, day)
        }
        guard expect("年"), let month = number(min: 1, max: 2), expect("月"),
              let day = number(min: 1, max: 2), expect("日") else { return nil }
        return (year, month, day)
    }
}
