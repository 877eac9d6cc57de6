import Dispatch
import Glibc

/// Where a person was and on which days (one accepted travel record, SPEC 1.3), packed for the hot path.
///
/// Forty bytes, not the forty-eight its fields would take laid out one by one: a province store holds ten
/// million, which a night reads back from disk and a full run writes into fresh memory. The region code
/// takes 44 bits and each day 22 (days since 0001-01-01, enough for any date of years 1–9999), so the
/// contact's index fits in the two words' top bits.
public struct Stay: Sendable, Hashable {
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

/// Names and phones of travel records, kept as UTF-8 bytes in one arena so ten million stays cost no allocations.
public struct ContactBook: Sendable {
    // Stored as usable-from-inline so the appends below specialise in the callers' modules (no generic dispatch per record).
    @usableFromInline var storedBytes: [UInt8] = []
    @usableFromInline var storedStarts: [UInt32] = [0]

    public var bytes: [UInt8] { storedBytes }
    /// Start of each entry in `bytes`; entry `i` ends where `i + 1` starts.
    public var starts: [UInt32] { storedStarts }

    public init() {}

    /// Rebuilds a book from its stored arrays.
    public init(starts: [UInt32], bytes: [UInt8]) {
        storedStarts = starts.isEmpty ? [0] : starts
        storedBytes = bytes
    }

    @inlinable
    public var count: Int { storedStarts.count - 1 }

    /// Stores a name and a phone (either may be empty) and returns the index to keep in a `Stay`.
    @inlinable
    public mutating func append(name: some Collection<UInt8>, phone: some Collection<UInt8>) -> UInt32 {
        storedBytes.append(contentsOf: name)
        storedBytes.append(0x1F)
        storedBytes.append(contentsOf: phone)
        storedStarts.append(UInt32(storedBytes.count))
        return UInt32(count - 1)
    }

    /// Takes back the last entry appended (a visitor's contact that turned out to be a resident's).
    @inlinable
    public mutating func removeLast() {
        storedStarts.removeLast()
        storedBytes.removeLast(storedBytes.count - Int(storedStarts[storedStarts.count - 1]))
    }

    /// Appends every entry of another book, returning the offset to add to its indices.
    public mutating func append(_ other: ContactBook) -> UInt32 {
        let offset = UInt32(count)
        let base = UInt32(storedBytes.count)
        storedBytes.append(contentsOf: other.storedBytes)
        storedStarts.append(contentsOf: other.storedStarts.dropFirst().map { $0 + base })
        return offset
    }

    /// Copies entry `index` of `other` as it is stored there (no strings made) and returns its index here; nil when
    /// `other` has no such entry.
    public mutating func append(entry index: UInt32, of other: ContactBook) -> UInt32? {
        guard index != Stay.noContact, Int(index) < other.count else { return nil }
        storedBytes.append(contentsOf: other.storedBytes[Int(other.storedStarts[Int(index)])..<Int(other.storedStarts[Int(index) + 1])])
        storedStarts.append(UInt32(storedBytes.count))
        return UInt32(count - 1)
    }

    public func entry(_ index: UInt32) -> (name: String, phone: String)? {
        guard index != Stay.noContact, Int(index) < count else { return nil }
        let slice = bytes[Int(starts[Int(index)])..<Int(starts[Int(index) + 1])]
        let split = slice.firstIndex(of: 0x1F) ?? slice.endIndex
        let name = String(decoding: slice[..<split], as: UTF8.self)
        let phone = split < slice.endIndex ? String(decoding: slice[(split + 1)...], as: UTF8.self) : ""
        return (name, phone)
    }
}

/// A read-only file mapping that stays mapped while any `StayBlock` (or other view) refers to it.
public final class MappedRegion: @unchecked Sendable {
    // Immutable after init; the mapping is read-only, so views may read it from any thread.
    public let base: UnsafeRawPointer
    public let count: Int

    /// Maps the whole of an open file read-only, and queues reading it into the page cache (`prefetch`); nil
    /// when it cannot be mapped.
    public init?(fd: Int32, count: Int) {
        guard count > 0, let base = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
        self.base = UnsafeRawPointer(base)
        self.count = count
        prefetch()
    }

    /// Has the kernel read the whole file in, after the files mapped before it, while the run goes on.
    ///
    /// The store's files were written past the page cache, so a night reads them from disk. One `MADV_WILLNEED`
    /// over a whole file reads only the first readahead window (8 MiB here): the rest came in by page faults,
    /// one window at a time, with the scan waiting on each. Asked window by window, on a queue of its own, the
    /// kernel reads everything ahead, in the order the files were mapped.
    private func prefetch() {
        let window = 8 << 20
        MappedRegion.prefetching.async { [self] in
            var offset = 0
            while offset < count {
                madvise(UnsafeMutableRawPointer(mutating: base + offset), min(window, count - offset), MADV_WILLNEED)
                offset += window
            }
        }
    }

    private static let prefetching = DispatchQueue(label: "riskscreen.prefetch")

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), count) }
}

/// The stays of one part: an array, or a view of a stored file mapped into memory.
///
/// A night's run reads ten million stored stays; viewing them where the page cache holds them spares
/// copying half a gigabyte into fresh memory (and zeroing it first), which on this kind of machine costs
/// more than screening them. The stays a newer run replaced are skipped as holes in the view, not copied
/// around: a night resending a tenth of the province's records leaves the file mapped as it is.
public struct StayBlock: RandomAccessCollection, @unchecked Sendable {
    // Either `owned`, or `count` stays at `mapped` inside `region` (which keeps the mapping alive), less the
    // ascending offsets in `holes`.
    private var owned: [Stay]
    private var region: MappedRegion?
    private var mapped: UnsafePointer<Stay>?
    private var mappedCount = 0
    private var holes: [Int] = []

    public init(_ stays: [Stay]) {
        owned = stays
    }

    /// A view of `count` stays at byte `offset` of `region` (which must be aligned for `Stay`).
    public init(region: MappedRegion, offset: Int, count: Int) {
        precondition(offset % MemoryLayout<Stay>.alignment == 0 && offset + count * MemoryLayout<Stay>.stride <= region.count)
        owned = []
        self.region = region
        mapped = (region.base + offset).assumingMemoryBound(to: Stay.self)
        mappedCount = count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { region == nil ? owned.count : mappedCount - holes.count }

    public subscript(position: Int) -> Stay {
        if let mapped {
            precondition(position >= 0 && position < endIndex, "stay index out of range")
            return mapped[stored(position)]
        }
        return owned[position]
    }

    /// Whether the stays are a view of a mapped file.
    public var isMapped: Bool { region != nil }

    /// How many stays of the mapped file are skipped as replaced.
    public var skipped: Int { holes.count }

    /// The offset in the mapped file of the stay at `position`: past every hole at or before it.
    private func stored(_ position: Int) -> Int {
        // The j-th hole comes before position p exactly when holes[j] - j <= p, which rises with j.
        var low = 0, high = holes.count
        while low < high {
            let mid = (low + high) / 2
            if holes[mid] - mid <= position { low = mid + 1 } else { high = mid }
        }
        return position + low
    }

    /// Calls `body` with the stays at `positions`, in order, as the fewest contiguous runs (one without holes).
    public func forEachSpan(in positions: Range<Int>, _ body: (UnsafeBufferPointer<Stay>) throws -> Void) rethrows {
        precondition(positions.lowerBound >= 0 && positions.upperBound <= endIndex, "stay range out of bounds")
        guard !positions.isEmpty else { return }
        guard let mapped, !holes.isEmpty else {
            return try withRawStays { try body(UnsafeBufferPointer(rebasing: $0[positions])) }
        }
        try withExtendedLifetime(region) {
            var from = stored(positions.lowerBound)
            var left = positions.count
            var h = from - positions.lowerBound  // the holes before `from`
            while left > 0 {
                let end = h < holes.count ? Swift.min(holes[h], from + left) : from + left
                if end > from {
                    try body(UnsafeBufferPointer(start: mapped + from, count: end - from))
                    left -= end - from
                }
                from = end + 1
                h += 1
            }
        }
    }

    /// Calls `body` with every stay, as contiguous runs.
    public func forEachSpan(_ body: (UnsafeBufferPointer<Stay>) throws -> Void) rethrows {
        try forEachSpan(in: startIndex..<endIndex, body)
    }

    /// The stays in one buffer: a block with holes is first copied into an array (prefer `forEachSpan`).
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Stay>) throws -> R) rethrows -> R {
        guard holes.isEmpty else { return try Array(self).withUnsafeBufferPointer(body) }
        return try withRawStays(body)
    }

    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Stay>) throws -> R) rethrows -> R? {
        guard holes.isEmpty else { return nil }
        return try withRawStays(body)
    }

    public func makeIterator() -> Iterator { Iterator(block: self) }

    /// Walks the stays in order, stepping over the holes without a search per stay.
    public struct Iterator: IteratorProtocol {
        let block: StayBlock
        var position = 0, offset = 0, hole = 0

        public mutating func next() -> Stay? {
            guard position < block.endIndex else { return nil }
            guard let mapped = block.mapped else {
                position += 1
                return block.owned[position - 1]
            }
            while hole < block.holes.count && block.holes[hole] == offset {
                offset += 1
                hole += 1
            }
            defer { position += 1; offset += 1 }
            return mapped[offset]
        }
    }

    /// The stays as stored: a mapped block's holes included.
    private func withRawStays<R>(_ body: (UnsafeBufferPointer<Stay>) throws -> R) rethrows -> R {
        if let mapped { return try withExtendedLifetime(region) { try body(UnsafeBufferPointer(start: mapped, count: mappedCount)) } }
        return try owned.withUnsafeBufferPointer(body)
    }

    /// Removes the stays at `offsets` (ascending, each once, counted as positions in the block).
    ///
    /// A mapped block without holes keeps its view and skips them; otherwise the others are copied, span by
    /// span, into an array.
    public mutating func remove(atSortedOffsets offsets: [Int]) {
        guard !offsets.isEmpty else { return }
        if region != nil && holes.isEmpty {
            precondition(zip(offsets, offsets.dropFirst()).allSatisfy { $0 < $1 } && offsets[0] >= 0 && offsets[offsets.count - 1] < mappedCount,
                         "offsets to remove are ascending and in range")
            holes = offsets
            return
        }
        let kept = withUnsafeBufferPointer { stays in
            [Stay](unsafeUninitializedCapacity: stays.count - offsets.count) { out, initialized in
                var from = 0, written = 0
                func keep(upTo end: Int) {
                    precondition(end >= from && end <= stays.count, "offsets to remove are ascending and in range")
                    (out.baseAddress! + written).initialize(from: stays.baseAddress! + from, count: end - from)
                    written += end - from
                    from = end + 1
                }
                for gone in offsets { keep(upTo: gone) }
                keep(upTo: stays.count)
                initialized = written
            }
        }
        owned = kept
        region = nil
        mapped = nil
        mappedCount = 0
        holes = []
    }
}

/// Stays held as several blocks (one per stored segment, plus the run's own), so merging a night into a
/// province store never copies ten million of them; each part's contacts are indexed by its own stays.
public struct StayParts: Sendable {
    public struct Part: Sendable {
        public var stays: StayBlock
        public var contacts: ContactBook

        public init(stays: [Stay], contacts: ContactBook) {
            self.stays = StayBlock(stays)
            self.contacts = contacts
        }

        public init(stays: StayBlock, contacts: ContactBook) {
            self.stays = stays
            self.contacts = contacts
        }
    }

    public var parts: [Part]

    public init(parts: [Part]) { self.parts = parts }

    /// One part.
    public init(stays: [Stay], contacts: ContactBook = ContactBook()) {
        parts = [Part(stays: stays, contacts: contacts)]
    }

    public var count: Int { parts.reduce(0) { $0 + $1.stays.count } }

    /// Every stay in one array (a copy: for small stores, tests and `explain`).
    public var stays: [Stay] { parts.flatMap(\.stays) }
}
