/// A calendar day, packed as the number of days since 1970-01-01.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var number: Int32

    @inlinable
    public init(number: Int32) { self.number = number }

    /// Creates the day for a proleptic Gregorian date, or nil when the date does not exist (2021-02-30).
    public init?(year: Int, month: Int, day: Int) {
        // Every stay's two days and every ID's birth date come through here, nearly all in a few centuries:
        // their months' first days are looked up rather than computed.
        let index = (year &- Day.firstTabledYear) &* 12 &+ (month &- 1)
        if UInt(bitPattern: year &- Day.firstTabledYear) < UInt(Day.tabledYears), UInt(bitPattern: month &- 1) < 12 {
            let first = Day.monthStarts[index]
            guard day >= 1, day <= Int(Day.monthStarts[index + 1] &- first) else { return nil }
            self.init(number: first &+ Int32(truncatingIfNeeded: day &- 1))
            return
        }
        self.init(civilYear: year, month: month, day: day)
    }

    private init?(civilYear year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= Day.daysInMonth(year: year, month: month) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        number = Int32(era * 146097 + doe - 719468)
    }

    static let firstTabledYear = 1900
    static let tabledYears = 256

    /// The first day of each month from January 1900 to January 2156, computed once.
    static let monthStarts: [Int32] = (0...tabledYears * 12).map { i in
        Day(civilYear: firstTabledYear + i / 12, month: i % 12 + 1, day: 1)!.number
    }

    public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The (year, month, day) of this day.
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(number) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func + (lhs: Day, rhs: Int) -> Day { Day(number: lhs.number + Int32(rhs)) }
    public static func - (lhs: Day, rhs: Int) -> Day { Day(number: lhs.number - Int32(rhs)) }
    public static func - (lhs: Day, rhs: Day) -> Int { Int(lhs.number - rhs.number) }
    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }

    /// `YYYY-MM-DD`, the year padded to four digits (SPEC 4), so years before 1000 read back through `init(iso:)`.
    public var description: String {
        let c = components
        guard (1...9999).contains(c.year) else { return "\(c.year)-\(Day.pad2(c.month))-\(Day.pad2(c.day))" }
        return DecimalText.string(count: 10) { Day.writeISO(c, to: $0) }
    }

    /// Lends `description` as UTF-8 bytes, without making a string for years 1 to 9999.
    @inlinable
    public func withISOBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let c = components
        guard (1...9999).contains(c.year) else {
            var text = description
            return try text.withUTF8(body)
        }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { buffer in
            Day.writeISO(c, to: buffer.baseAddress!)
            return try body(UnsafeBufferPointer(buffer))
        }
    }

    /// Writes `YYYY-MM-DD` (10 bytes) for a year of four digits.
    @usableFromInline
    static func writeISO(_ c: (year: Int, month: Int, day: Int), to p: UnsafeMutablePointer<UInt8>) {
        DecimalText.write(UInt64(c.year), count: 4, to: p)
        p[4] = UInt8(ascii: "-")
        DecimalText.write(UInt64(c.month), count: 2, to: p + 5)
        p[7] = UInt8(ascii: "-")
        DecimalText.write(UInt64(c.day), count: 2, to: p + 8)
    }

    /// `YYYYMMDD`, as used in serial numbers.
    public var compact: String {
        let c = components
        guard (1...9999).contains(c.year) else { return "\(c.year)\(Day.pad2(c.month))\(Day.pad2(c.day))" }
        return DecimalText.string(count: 8) { p in
            DecimalText.write(UInt64(c.year * 10000 + c.month * 100 + c.day), count: 8, to: p)
        }
    }

    /// `YYYY年M月D日`, as printed on notices.
    public var chinese: String {
        let c = components
        return "\(c.year)年\(c.month)月\(c.day)日"  // message-lint: allow the date as printed papers write it, always Chinese (SPEC 11)
    }

    /// Parses exactly `YYYY-MM-DD` (command-line and stored values; feeds go through Normalize).
    public init?(iso: String) {
        var text = iso
        guard let day = text.withUTF8({ Day(iso: $0) }) else { return nil }
        self = day
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes (a stored column, read in place).
    public init?(iso b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), let year = DecimalText.value(of: b[0..<4]),
              let month = DecimalText.value(of: b[5..<7]), let day = DecimalText.value(of: b[8..<10]) else { return nil }
        self.init(year: Int(year), month: Int(month), day: Int(day))
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}

/// An inclusive range of days.
public struct DayRange: Sendable, Hashable, CustomStringConvertible {
    public var first: Day
    public var last: Day

    public init(_ first: Day, _ last: Day) { self.first = first; self.last = last }

    public var isEmpty: Bool { last < first }

    public func intersection(_ other: DayRange) -> DayRange {
        DayRange(max(first, other.first), min(last, other.last))
    }

    public func contains(_ day: Day) -> Bool { first <= day && day <= last }

    public var description: String { first == last ? first.description : "\(first)..\(last)" }
}
