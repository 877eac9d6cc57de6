/// Where a person was and on which days (one accepted travel record, SPEC 1.3), packed for the hot path.
///
/// Forty bytes, not the forty-eight its fields would take laid out one by one: a province store holds ten
/// million, which a night reads back from disk and a full run writes into fresh memory. The region code
/// takes 44 bits and each day 22 (days since 0001-01-01, enough for any date of years 1–9999), so the
/// contact's index fits in the two words' top bits.
public struct Stay: Sendable, Hashable, BitwiseCopyable {
    public var person: PersonKey
    /// Hash of the stay's identity: (`source`, `record_id`), or (`source`, person, region, days) without one.
    public var identity: UInt64
    // Bits 0–43 the region's `raw`, 48–63 the contact's upper half.
    @usableFromInline var regionWord: UInt64
    // Bits 0–21 `arrived`, 22–43 `left` (each `Day.number + dayOffset`), 48–63 the contact's lower half.
    @usableFromInline var dayWord: UInt64

    public static let noContact = UInt32.max

    @inlinable
    public init(person: PersonKey, region: RegionCode, arrived: Day, left: Day, identity: UInt64, contact: UInt32 = Stay.noContact) {
        self.person = person
        self.identity = identity
        precondition(region.raw >> Stay.regionBits == 0 && Stay.holds(arrived) && Stay.holds(left), "a stay's region and days fit their bits")
        regionWord = region.raw | UInt64(contact >> 16) << 48
        dayWord = Stay.dayBits(arrived) | Stay.dayBits(left) << 22 | UInt64(contact & 0xFFFF) << 48
    }

    /// Where `Day.number` 0 (1970-01-01) lies in the packed days, which count from 0001-01-01.
    @inlinable static var dayOffset: Int64 { 719_162 }
    @inlinable static var regionBits: UInt64 { 44 }
    @inlinable static var regionMask: UInt64 { (1 << 44) - 1 }
    @inlinable static var dayMask: UInt64 { (1 << 22) - 1 }

    /// Whether a day can be packed: 0001-01-01 and the 2^22 days after it, which hold every date a feed can give (years 1–9999).
    @inlinable
    public static func holds(_ day: Day) -> Bool {
        (0...Int64(dayMask)).contains(Int64(day.number) + dayOffset)
    }

    @inlinable @inline(__always)
    static func dayBits(_ day: Day) -> UInt64 { UInt64(Int64(day.number) + dayOffset) }

    @inlinable @inline(__always)
    static func day(_ bits: UInt64) -> Day { Day(number: Int32(truncatingIfNeeded: Int64(bits & dayMask) - dayOffset)) }

    public var region: RegionCode {
        @inlinable @inline(__always) get { RegionCode(raw: regionWord & Stay.regionMask) }
        @inlinable set {
            precondition(newValue.raw >> Stay.regionBits == 0, "a region code fits 44 bits")
            regionWord = regionWord & ~Stay.regionMask | newValue.raw
        }
    }

    public var arrived: Day {
        @inlinable @inline(__always) get { Stay.day(dayWord) }
        @inlinable set {
            precondition(Stay.holds(newValue), "a stay's days lie in years 1-9999")
            dayWord = dayWord & ~Stay.dayMask | Stay.dayBits(newValue)
        }
    }

    public var left: Day {
        @inlinable @inline(__always) get { Stay.day(dayWord >> 22) }
        @inlinable set {
            precondition(Stay.holds(newValue), "a stay's days lie in years 1-9999")
            dayWord = dayWord & ~(Stay.dayMask << 22) | Stay.dayBits(newValue) << 22
        }
    }

    /// Index into the `ContactBook` holding this record's name and phone, or `Stay.noContact`.
    public var contact: UInt32 {
        @inlinable @inline(__always) get { UInt32(truncatingIfNeeded: regionWord >> 48) << 16 | UInt32(truncatingIfNeeded: dayWord >> 48) }
        @inlinable set {
            regionWord = regionWord & Stay.regionMask | UInt64(newValue >> 16) << 48
            dayWord = dayWord & ((1 << 48) - 1) | UInt64(newValue & 0xFFFF) << 48
        }
    }

    public var days: DayRange { DayRange(arrived, left) }
}

