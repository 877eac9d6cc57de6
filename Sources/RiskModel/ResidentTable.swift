/// The residence snapshot packed into one byte arena: two million residents cost a few allocations, not ten million.
///
/// Text fields are decoded into a `Resident` only for the people who are looked up (those under a measure).
public struct ResidentTable: Sendable {
    /// The fixed part of a resident; text lives in `arena` at `offset` as five fields separated by 0x1F.
    public struct Row: Sendable, Hashable {
        public var person: PersonKey
        public var community: RegionCode
        /// `Day.number`, or `Int32.min` when the feed gave no date.
        public var updatedAt: Int32
        public var offset: UInt32
        public var length: UInt32

        @inlinable
        public init(person: PersonKey, community: RegionCode, updatedAt: Int32, offset: UInt32, length: UInt32) {
            self.person = person
            self.community = community
            self.updatedAt = updatedAt
            self.offset = offset
            self.length = length
        }
    }

    // Stored as usable-from-inline so `append` specialises in the callers' modules (no generic dispatch per record).
    @usableFromInline var storedRows: [Row] = []
    @usableFromInline var storedArena: [UInt8] = []

    public var rows: [Row] { storedRows }
    public var arena: [UInt8] { storedArena }

    public init() {}

    public init(rows: [Row], arena: [UInt8]) {
        storedRows = rows
        storedArena = arena
    }

    public var count: Int { storedRows.count }

    /// Appends a resident given as UTF-8 fields; returns its row index.
    @discardableResult @inlinable
    public mutating func append(person: PersonKey, community: RegionCode, updatedAt: Day?,
                                name: some Collection<UInt8>, phone: some Collection<UInt8>, communityName: some Collection<UInt8>,
                                gridID: some Collection<UInt8>, address: some Collection<UInt8>) -> Int {
        let start = storedArena.count
        storedArena.append(contentsOf: name); storedArena.append(0x1F)
        storedArena.append(contentsOf: phone); storedArena.append(0x1F)
        storedArena.append(contentsOf: communityName); storedArena.append(0x1F)
        storedArena.append(contentsOf: gridID); storedArena.append(0x1F)
        storedArena.append(contentsOf: address)
        storedRows.append(Row(person: person, community: community, updatedAt: updatedAt?.number ?? Int32.min,
                        offset: UInt32(start), length: UInt32(storedArena.count - start)))
        return storedRows.count - 1
    }

    /// Reserves room for `rows` more rows and `bytes` more arena bytes, so appends do not reallocate and copy.
    public mutating func reserve(rows: Int, bytes: Int) {
        storedRows.reserveCapacity(storedRows.count + rows)
        storedArena.reserveCapacity(storedArena.count + bytes)
    }

    /// Appends every row of another table after this one's, in order.
    public mutating func append(contentsOf other: ResidentTable) {
        let base = UInt32(storedArena.count)
        storedArena.append(contentsOf: other.storedArena)
        storedRows.append(contentsOf: other.storedRows.lazy.map { row in
            var row = row
            row.offset += base
            return row
        })
    }

    /// Keeps the rows whose flag is set, in order; the arena stays as it is (dropped rows' text is left unreferenced).
    public mutating func keepRows(where keep: [Bool]) {
        var kept = 0
        storedRows.withUnsafeMutableBufferPointer { rows in
            for i in rows.indices where keep[i] {
                rows[kept] = rows[i]
                kept += 1
            }
        }
        storedRows.removeLast(storedRows.count - kept)
    }

    /// The resident at a row, with its text decoded.
    public func resident(at index: Int) -> Resident {
        let row = rows[index]
        let fields = arena[Int(row.offset)..<Int(row.offset + row.length)].split(separator: 0x1F, maxSplits: 4, omittingEmptySubsequences: false)
        func text(_ i: Int) -> String { i < fields.count ? String(decoding: fields[i], as: UTF8.self) : "" }
        return Resident(person: row.person, name: text(0), phone: text(1), community: row.community, communityName: text(2),
                        gridID: text(3), address: text(4), updatedAt: row.updatedAt == Int32.min ? nil : Day(number: row.updatedAt))
    }

    /// The digests of every resident, for telling residents from visitors while reading travel feeds.
    public func people() -> IdentitySet {
        var set = IdentitySet(capacity: storedRows.count, filtered: false)
        for row in storedRows { _ = set.insert(row.person.digest) }
        return set
    }

    /// A map from person to row, for looking up the few people under a measure.
    public func index(of people: Set<PersonKey>) -> [PersonKey: Int] {
        var found: [PersonKey: Int] = [:]
        for (i, row) in rows.enumerated() where people.contains(row.person) {
            found[row.person] = i
        }
        return found
    }
}
