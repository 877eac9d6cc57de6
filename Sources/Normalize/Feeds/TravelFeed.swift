import Ingest
import Machinery
import RiskModel

/// The stays of this run's travel feeds after validation and identity replacement (SPEC 1.3).
public struct TravelBatch: Sendable {
    /// Surviving stays, one part per chunk read: for each identity, its last occurrence (later file, then later line).
    public var stays: StayParts
    public var rejects: [Reject]
    public var reports: [FeedReport]
}

/// Reads travel feeds into stays.
public enum TravelFeed {
    static let schema = FeedSchema.travel
    static let recordIDColumn = schema.index(of: "record_id") ?? -1
    static let sourceColumn = schema.index(of: "source") ?? -1
    static let idNoColumn = schema.index(of: "id_no") ?? -1
    static let idTypeColumn = schema.index(of: "id_type") ?? -1
    static let nameColumn = schema.index(of: "name") ?? -1
    static let phoneColumn = schema.index(of: "phone") ?? -1
    static let regionColumn = schema.index(of: "region_code") ?? -1
    static let arrivedColumn = schema.index(of: "arrived_on") ?? -1
    static let leftColumn = schema.index(of: "left_on") ?? -1

    /// What one chunk of one file gave: its stays in line order with their contacts, and its rejects.
    struct Part: FeedPart {
        var stays: [Stay] = []
        var contacts = ContactBook()
        var rejects: [Reject] = []
        var accepted = 0
        var blanked = 0
        var file = 0
    }

    /// Reads every input in order; a structural problem with a file (missing column, unreadable) throws.
    ///
    /// Each large file is parsed in chunks on all workers; the chunks are merged in file order, so
    /// rejects, counts and identity replacement are the same as in one sequential pass.
    ///
    /// `residents` are the registered people's digests: their stays keep no name and phone, which only visitors need.
    public static func read(_ inputs: [FeedInput], residents: consuming FlatSet = FlatSet(capacity: 0), workers: Workers) throws -> TravelBatch {
        var (parts, reports) = try readParts(inputs, residents: residents, workers: workers)
        // The residents' set is not needed past parsing: freed here, it stays off the dedupe's peak memory.
        _ = consume residents
        let (keep, offsets, duplicates) = latestOccurrences(parts, workers: workers)
        for p in parts.indices {
            reports[parts[p].file].duplicates += duplicates[p]
            reports[parts[p].file].accepted -= duplicates[p]
        }
        // Drop the replaced stays from each part in place: the parts are kept as they are, never copied into one array.
        var kept: [StayParts.Part] = []
        var rejects: [Reject] = []
        for p in parts.indices {
            var part = parts[p]
            parts[p] = Part()
            rejects += part.rejects
            let mask = keep[offsets[p]..<offsets[p + 1]]
            if mask.contains(false) {
                var kept = 0
                mask.withUnsafeBufferPointer { mask in
                    part.stays.withUnsafeMutableBufferPointer { stays in
                        for i in stays.indices where mask[i] {
                            stays[kept] = stays[i]
                            kept += 1
                        }
                    }
                }
                part.stays.removeLast(part.stays.count - kept)
            }
            if !part.stays.isEmpty { kept.append(StayParts.Part(stays: part.stays, contacts: part.contacts)) }
        }
        return TravelBatch(stays: StayParts(parts: kept), rejects: rejects, reports: reports)
    }

    /// Every chunk's part, in file order, with a report per file.
    private static func readParts(_ inputs: [FeedInput], residents: FlatSet, workers: Workers) throws -> (parts: [Part], reports: [FeedReport]) {
        try ChunkedFeed.readAll(inputs, schema: schema, workers: workers) { reader, chunk, input in
            try parse(reader, chunk: chunk, input: input, residents: residents)
        }
    }

    /// Which stays are the last occurrence of their identity (later part, then later position), flagged in one
    /// array where part p starts at `offsets[p]`, and how many earlier occurrences each part had.
    ///
    /// The identity table misses the cache on nearly every insert, so it is kept small and busy: identities
    /// are split by their top two bits into four quarters, each deduplicated with a table a quarter the size, the
    /// quarters shared among the workers (a pass over the stays per quarter is cheap next to the inserts).
    static func latestOccurrences(_ parts: [Part], workers: Workers) -> (keep: [Bool], offsets: [Int], duplicates: [Int]) {
        let quarters = 4
        let total = parts.reduce(0) { $0 + $1.stays.count }
        let offsets = parts.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.stays.count) }
        // Each quarter writes the flags of its own stays (a stay's quarter is fixed by its identity) and counts its
        // own duplicates per part.
        var keep = [Bool](repeating: false, count: total)
        let counts = workers.sharing(&keep) { flags in
            Workers(min(workers.count, quarters)).map(quarters) { q in
                let quarter = UInt64(q)
                let prefetchDistance = 16
                var duplicates = [Int](repeating: 0, count: parts.count)
                // Mostly inserts of new identities: the filter would be a second miss.
                var seen = FlatSet(capacity: total / quarters + total / 64 + 16)
                for p in parts.indices.reversed() {
                    parts[p].stays.withUnsafeBufferPointer { stays in
                        for i in stays.indices.reversed() {
                            if i >= prefetchDistance {
                                let ahead = stays[i - prefetchDistance].identity
                                if ahead >> 62 == quarter { seen.prefetch(ahead) }
                            }
                            let identity = stays[i].identity
                            guard identity >> 62 == quarter else { continue }
                            if seen.insert(identity) {
                                flags[offsets[p] + i] = true
                            } else {
                                duplicates[p] += 1
                            }
                        }
                    }
                }
                return duplicates
            }
        }
        let duplicates = parts.indices.map { p in counts.reduce(0) { $0 + $1[p] } }
        return (keep, offsets, duplicates)
    }

    /// Parses one chunk (or, for `chunk == nil`, the whole file) into a part.
    static func parse(_ reader: FeedReader, chunk: FeedChunk?, input: FeedInput, residents: FlatSet) throws -> (part: Part, records: Int) {
        var parser = ChunkParser(input: input, hasType: reader.mapping.fileColumn[idTypeColumn] >= 0, residents: residents)
        // Rows are at least ~40 bytes; untouched reserved pages cost no memory.
        parser.part.stays.reserveCapacity((chunk?.range.count ?? reader.stats.bytes) / 40 + 16)
        // The closures are passed straight to the reader (not stored), so `parser` is checked for exclusive access
        // at compile time rather than on every record.
        let records: Int
        if let chunk {
            records = try reader.forEachRecord(in: chunk) { parser.take($0) }
        } else {
            try reader.forEachRecord { parser.take($0) }
            records = reader.stats.records
        }
        parser.settlePending()
        return (parser.part, records)
    }

    /// Turns the records of one chunk into stays and rejects.
    struct ChunkParser {
        let input: FeedInput
        let hasType: Bool
        /// The schema's column numbers, read once: a `static let` is a lazily initialised global, checked on every use.
        let recordIDColumn = TravelFeed.recordIDColumn, sourceColumn = TravelFeed.sourceColumn
        let idNoColumn = TravelFeed.idNoColumn, idTypeColumn = TravelFeed.idTypeColumn
        let nameColumn = TravelFeed.nameColumn, phoneColumn = TravelFeed.phoneColumn, regionColumn = TravelFeed.regionColumn
        let arrivedColumn = TravelFeed.arrivedColumn, leftColumn = TravelFeed.leftColumn
        let residents: FlatSet
        let defaultSource: [UInt8]
        var part = Part()
        /// The stay whose contact waits for the residents lookup: its index in `part.stays` and its person's digest.
        var pending: (stay: Int, digest: UInt64)?
        /// That stay's name and then phone digits, copied out of the reader's buffer: `pendingName` and then
        /// `pendingPhone` bytes at the front (the buffer keeps its size, so waiting costs no appends).
        var pendingContact = [UInt8](repeating: 0, count: 128)
        var pendingName = 0, pendingPhone = 0

        init(input: FeedInput, hasType: Bool, residents: FlatSet) {
            self.input = input
            self.hasType = hasType
            self.residents = residents
            defaultSource = Array(input.feed.utf8)
        }

        mutating func take(_ record: borrowing RecordView) {
            if let problem = record.problem {
                part.rejects.append(Reject(record, input: input, column: problem.column, reason: problem.reason))
                return
            }
            do throws(FieldProblem) {
                try accept(record)
            } catch {
                part.rejects.append(Reject(record, input: input, column: error.column ?? "", reason: error.reason))
            }
        }

        /// Stores the pending contact unless its person is a resident (residents' stays keep no name and phone).
        mutating func settlePending() {
            guard let (stay, digest) = pending else { return }
            pending = nil
            guard !residents.contains(digest) else { return }
            let (name, phone) = (pendingName, pendingPhone)
            part.stays[stay].contact = pendingContact.withUnsafeBufferPointer { contact in
                part.contacts.append(name: UnsafeBufferPointer(rebasing: contact[..<name]),
                                     phone: UnsafeBufferPointer(rebasing: contact[name..<name + phone]))
            }
        }

        private mutating func accept(_ record: borrowing RecordView) throws(FieldProblem) {
            if record.cellKind(idNoColumn) == .number { try Fields.checkWorkbookNumber(idNo: record.field(idNoColumn)) }
            let person = try Fields.personKey(idType: hasType ? record.field(idTypeColumn) : nil, idNo: record.field(idNoColumn))
            let region = try Fields.column("region_code", record.field(regionColumn), Fields.regionCode)
            let first = try Fields.column("arrived_on", record.field(arrivedColumn), Fields.date)
            let last = try Fields.optionalDate("left_on", record.field(leftColumn)) ?? first
            guard last >= first else {
                throw FieldProblem(RejectText.leftBeforeArrived(["left": last, "arrived": first]), column: "left_on")
            }
            var hasher = IdentityHasher()
            let sourceField = Fields.trimmed(record.field(sourceColumn))
            if sourceField.isEmpty {
                defaultSource.withUnsafeBufferPointer { hasher.add($0) }
            } else {
                hasher.addFolding(sourceField)
            }
            let recordField = Fields.trimmed(record.field(recordIDColumn))
            if recordField.isEmpty {
                hasher.add(person.hi); hasher.add(person.lo); hasher.add(region.raw)
                hasher.add(UInt64(UInt32(bitPattern: first.number)) << 32 | UInt64(UInt32(bitPattern: last.number)))
            } else {
                hasher.addFolding(recordField)
                hasher.add(0x5245_4344)  // keeps "record id" identities apart from field-built ones
            }
            let phoneField = Fields.phone(record.field(phoneColumn))
            if case .invalid = phoneField { part.blanked += 1 }
            let nameField = Fields.trimmed(record.field(nameColumn))
            // The residents table is far larger than the cache: the previous record's line was prefetched while
            // libcsv read this one, and this record's is fetched now. The contact waits aside and is stored when
            // the person turns out not to be a resident.
            settlePending()
            if !nameField.isEmpty || phoneField.number != nil {
                let phone = phoneField.number ?? PhoneNumber(value: 0, digitCount: 0)
                (pendingName, pendingPhone) = (nameField.count, phone.digitCount)
                if pendingName + pendingPhone > pendingContact.count {
                    pendingContact = [UInt8](repeating: 0, count: 2 * (pendingName + pendingPhone))
                }
                pendingContact.withUnsafeMutableBufferPointer { contact in
                    _ = contact.initialize(fromContentsOf: nameField)
                    phone.withDigits { digits in
                        _ = UnsafeMutableBufferPointer(rebasing: contact[nameField.count...]).initialize(fromContentsOf: digits)
                    }
                }
                residents.prefetch(person.digest)
                pending = (part.stays.count, person.digest)
            }
            part.stays.append(Stay(person: person, region: region, arrived: first, left: last, identity: hasher.value,
                                   contact: Stay.noContact))
            part.accepted += 1
        }
    }
}
