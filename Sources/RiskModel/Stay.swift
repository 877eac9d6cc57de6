/// Where a person was and on which days (one accepted travel record, SPEC 1.3), packed for the hot path.
public struct Stay: Sendable, Hashable {
    public var person: PersonKey
    public var region: RegionCode
    public var arrived: Day
    public var left: Day
    /// Hash of the stay's identity: (`source`, `record_id`), or (`source`, person, region, days) without one.
    public var identity: UInt64
    /// Index into the `ContactBook` holding this record's name and phone, or `Stay.noContact`.
    public var contact: UInt32

    public static let noContact = UInt32.max

    public init(person: PersonKey, region: RegionCode, arrived: Day, left: Day, identity: UInt64, contact: UInt32 = Stay.noContact) {
        self.person = person
        self.region = region
        self.arrived = arrived
        self.left = left
        self.identity = identity
        self.contact = contact
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

    public func entry(_ index: UInt32) -> (name: String, phone: String)? {
        guard index != Stay.noContact, Int(index) < count else { return nil }
        let slice = bytes[Int(starts[Int(index)])..<Int(starts[Int(index) + 1])]
        let split = slice.firstIndex(of: 0x1F) ?? slice.endIndex
        let name = String(decoding: slice[..<split], as: UTF8.self)
        let phone = split < slice.endIndex ? String(decoding: slice[(split + 1)...], as: UTF8.self) : ""
        return (name, phone)
    }
}

/// Stays held as several arrays (one per stored segment, plus the run's own), so merging a night into a
/// province store never copies ten million of them; each part's contacts are indexed by its own stays.
public struct StayParts: Sendable {
    public struct Part: Sendable {
        public var stays: [Stay]
        public var contacts: ContactBook

        public init(stays: [Stay], contacts: ContactBook) {
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
