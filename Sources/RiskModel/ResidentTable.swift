import Machinery

/// The residence snapshot packed into one byte arena: two million residents cost a few allocations, not ten million.
///
/// Text fields are decoded into a `Resident` only for the people who are looked up (those under a measure).
public struct ResidentTable: Sendable {
    /// The fixed part of a resident; text lives in `arena` at `offset` as five fields separated by 0x1F.
    public struct Row: Sendable, Hashable, BitwiseCopyable {
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
    /// The text `append` writes to. Rows' offsets count from the start of `sealedArenas`, then into this.
    @usableFromInline var storedArena: [UInt8] = []
    /// Arenas of appended tables, taken over whole: merging a province's residents from their chunks would copy
    /// hundreds of megabytes of text into fresh memory on one core while the other waits.
    private var sealedArenas: [[UInt8]] = []
    /// Where each of `sealedArenas` starts, and (last) where `storedArena` does.
    @usableFromInline var sealedStarts: [Int] = [0]
    /// A table read from the store views its rows where they lie in its file.
    @usableFromInline var mappedRows: MappedArray<Row>?
    /// A table whose text lies in a file at `offset` (`count` bytes), read back row by row with `pread`: only the few
    /// rows under a measure are ever read, and reading them maps nothing, so the text takes no memory of the process.
    @usableFromInline var filed: (file: MappedFile, offset: Int, count: Int)?

    public init() {}

    public init(rows: [Row], arena: [UInt8]) {
        storedRows = rows
        storedArena = arena
    }

    /// A table viewing a stored file: its rows where they lie, its text (`count` bytes from `offset`) read back
    /// row by row.
    ///
    /// A night's run needs only the rows of two million residents and the text of the few under a measure:
    /// viewing the file where the page cache holds it spares copying ~300 MB into fresh memory.
    public init(mappedRows rows: MappedArray<Row>, textIn file: MappedFile, at offset: Int, count: Int) {
        mappedRows = rows
        filed = (file, offset, count)
    }

    /// This table's rows with their text read back from `file`, where it lies from byte `offset` on, as this table's
    /// arena wrote it (`PackedFile.writeResidents`); the table's own text is not kept.
    ///
    /// A province's residents feed can carry 400 MB of names and addresses; once the store's file holds them, a run
    /// needs them only for the few thousand people under a measure.
    public func readingText(from file: MappedFile, at offset: Int) -> ResidentTable {
        var table = ResidentTable()
        table.storedRows = storedRows
        table.mappedRows = mappedRows
        table.filed = (file, offset, arenaCount)
        return table
    }

    public var count: Int { mappedRows?.count ?? storedRows.count }

    public func withRows<R>(_ body: (UnsafeBufferPointer<Row>) throws -> R) rethrows -> R {
        if let mappedRows { return try mappedRows.withUnsafeBufferPointer(body) }
        return try storedRows.withUnsafeBufferPointer(body)
    }

    /// Bytes of text of all rows.
    public var arenaCount: Int { filed?.count ?? sealedStarts[sealedStarts.count - 1] + storedArena.count }

    /// Calls `body` with each piece of the text in order; together they are the arena the rows' offsets count in.
    public func forEachArenaPiece(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        if let filed {
            let piece = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 8 << 20)
            defer { piece.deallocate() }
            var done = 0
            while done < filed.count {
                let n = min(piece.count, filed.count - done)
                try filed.file.readExactly(into: UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(piece)[0..<n]),
                                           at: filed.offset + done)
                try body(UnsafeBufferPointer(rebasing: piece[0..<n]))
                done += n
            }
            return
        }
        for piece in sealedArenas { try piece.withUnsafeBufferPointer(body) }
        try storedArena.withUnsafeBufferPointer(body)
    }

    /// The text of a row, `length` bytes at `offset` of the arena.
    func withText<R>(of row: Row, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let (offset, length) = (Int(row.offset), Int(row.length))
        if let filed {
            // A damaged file's row gets the text that lies in the arena, never bytes beyond it.
            let length = min(length, max(filed.count - offset, 0))
            return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(length, 1)) { buffer in
                // The file was checked or written by this run and is still open: a read that fails there is a failing
                // disk, as a page fault on a mapped file would be, and ends the run before anything is published.
                let text = UnsafeMutableBufferPointer(rebasing: buffer[0..<length])
                do throws(MappedFile.OpenError) {
                    try filed.file.readExactly(into: UnsafeMutableRawBufferPointer(text), at: filed.offset + offset)
                } catch {
                    fatalError("riskscreen could not read back the residents' text from \(filed.file.path): \(error.systemReason)")
                }
                return try body(UnsafeBufferPointer(text))
            }
        }
        // The piece holding it: the last whose start is at or before the offset (one piece per merged chunk, a few dozen).
        var piece = sealedStarts.count - 1
        while sealedStarts[piece] > offset { piece -= 1 }
        let start = offset - sealedStarts[piece]
        return try (piece == sealedArenas.count ? storedArena : sealedArenas[piece]).withUnsafeBufferPointer { text in
            try body(UnsafeBufferPointer(rebasing: text[start..<start + length]))
        }
    }

    /// Copies viewed rows and text read from a file into arrays before the table changes.
    @usableFromInline
    mutating func materialize() {
        if let mappedRows {
            storedRows = Array(mappedRows)
            self.mappedRows = nil
        }
        guard filed != nil else { return }
        var text: [UInt8] = []
        text.reserveCapacity(arenaCount)
        // Only `append` and friends get here, which no run calls on a stored or filed table; a failing read is as above.
        do { try forEachArenaPiece { text.append(contentsOf: $0) } } catch { fatalError("\(error)") }
        storedArena = text
        sealedArenas = []
        sealedStarts = [0]
        filed = nil
    }

    /// Appends a resident given as UTF-8 fields; returns its row index.
    @discardableResult @inlinable
    public mutating func append(person: PersonKey, community: RegionCode, updatedAt: Day?,
                                name: some Collection<UInt8>, phone: some Collection<UInt8>, communityName: some Collection<UInt8>,
                                gridID: some Collection<UInt8>, address: some Collection<UInt8>) -> Int {
        if mappedRows != nil || filed != nil { materialize() }
        let base = sealedStarts[sealedStarts.count - 1]
        let start = storedArena.count
        storedArena.append(contentsOf: name); storedArena.append(0x1F)
        storedArena.append(contentsOf: phone); storedArena.append(0x1F)
        storedArena.append(contentsOf: communityName); storedArena.append(0x1F)
        storedArena.append(contentsOf: gridID); storedArena.append(0x1F)
        storedArena.append(contentsOf: address)
        storedRows.append(Row(person: person, community: community, updatedAt: updatedAt?.number ?? Int32.min,
                        offset: UInt32(base + start), length: UInt32(storedArena.count - start)))
        return storedRows.count - 1
    }

    /// Reserves room for `rows` more rows and `bytes` more text, so appends do not reallocate and copy.
    public mutating func reserve(rows: Int, bytes: Int = 0) {
        materialize()
        storedRows.reserveCapacity(storedRows.count + rows)
        storedArena.reserveCapacity(storedArena.count + bytes)
    }

    /// Appends every row of another table after this one's, in order; its text is taken over, not copied.
    public mutating func append(contentsOf other: ResidentTable) {
        materialize()
        var other = other
        other.materialize()
        let base = UInt32(arenaCount)
        for piece in [storedArena] + other.sealedArenas + [other.storedArena] where !piece.isEmpty {
            sealedArenas.append(piece)
            sealedStarts.append(sealedStarts[sealedStarts.count - 1] + piece.count)
        }
        storedArena = []
        // Copied whole, then shifted in place: a mapped copy goes element by element through the generic path.
        let start = storedRows.count
        storedRows.append(contentsOf: other.storedRows)
        guard base != 0 else { return }
        storedRows.withUnsafeMutableBufferPointer { rows in
            for i in start..<rows.count { rows[i].offset += base }
        }
    }

    /// Keeps the rows whose flag is set, in order; the arena stays as it is (dropped rows' text is left unreferenced).
    public mutating func keepRows(where keep: [Bool]) {
        materialize()
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
        let row = withRows { $0[index] }
        var fields = ("", "", "", "", "")
        withText(of: row) { text in
            // Five fields separated by 0x1F; the last runs to the end of the row's text.
            var start = 0
            let end = text.count
            for i in 0..<5 {
                var stop = start
                while stop < end, text[stop] != 0x1F { stop += 1 }
                if i == 4 { stop = end }
                let field = String(decoding: UnsafeBufferPointer(rebasing: text[start..<stop]), as: UTF8.self)
                switch i {
                case 0: fields.0 = field
                case 1: fields.1 = field
                case 2: fields.2 = field
                case 3: fields.3 = field
                default: fields.4 = field
                }
                start = min(stop + 1, end)
            }
        }
        return Resident(person: row.person, name: fields.0, phone: fields.1, community: row.community, communityName: fields.2,
                        gridID: fields.3, address: fields.4, updatedAt: row.updatedAt == Int32.min ? nil : Day(number: row.updatedAt))
    }

    /// The digests of every resident, for telling residents from visitors while reading travel feeds.
    public func people() -> FlatSet {
        withRows { ResidentTable.people(of: $0) }
    }

    /// The digests of the people of `rows`.
    public static func people(of rows: UnsafeBufferPointer<Row>) -> FlatSet {
        var set = FlatSet(capacity: rows.count)
        for i in rows.indices {
            // Every insert misses the cache: fetch a few rows ahead.
            if i + 16 < rows.count { set.prefetch(rows[i + 16].person.digest) }
            set.insert(rows[i].person.digest)
        }
        return set
    }

    /// A map from person to row, for looking up the few people under a measure.
    ///
    /// `people` is asked `contains` for each candidate row: a `Set`, or a dictionary's keys, answer by hashing.
    public func index(of people: some Collection<PersonKey> & Sendable, workers: Workers) -> [PersonKey: Int] {
        // Most rows are not wanted: a digest set in cache answers for them before the hashed set is asked.
        let digests = FlatSet(digestsOf: people)
        // A night looks up its hundred thousand people among two million rows with nothing else to do: each
        // thread scans a span of the rows, and the spans' finds are merged in order.
        let spans = count < 65_536 ? 1 : workers.count
        let found = withRows { rows in
            workers.map(spans) { s in
                var mine: [PersonKey: Int] = [:]
                for i in rows.count * s / spans..<rows.count * (s + 1) / spans
                where digests.contains(rows[i].person.digest) && people.contains(rows[i].person) {
                    mine[rows[i].person] = i
                }
                return mine
            }
        }
        var merged = found[0]
        for s in found.indices.dropFirst() { merged.merge(found[s]) { _, later in later } }
        return merged
    }
}
