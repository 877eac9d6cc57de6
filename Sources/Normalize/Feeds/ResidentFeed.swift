import Ingest
import Machinery
import RiskModel

/// The residence snapshot of this run after validation and dedupe (SPEC 1.2).
public struct ResidentBatch: Sendable {
    public var table: ResidentTable
    /// The digests of the snapshot's people (as `table.people()`), for reading the travel feeds next; empty
    /// when the reader was not asked for them.
    public var people: FlatSet
    public var rejects: [Reject]
    public var reports: [FeedReport]
}

/// Reads residence feeds into a snapshot with one row per person.
public enum ResidentFeed {
    static let schema = FeedSchema.residents
    static let idNoColumn = schema.index(of: "id_no") ?? -1
    static let idTypeColumn = schema.index(of: "id_type") ?? -1
    static let nameColumn = schema.index(of: "name") ?? -1
    static let phoneColumn = schema.index(of: "phone") ?? -1
    static let communityColumn = schema.index(of: "community_code") ?? -1
    static let communityNameColumn = schema.index(of: "community_name") ?? -1
    static let gridColumn = schema.index(of: "grid_id") ?? -1
    static let addressColumn = schema.index(of: "address") ?? -1
    static let updatedColumn = schema.index(of: "updated_at") ?? -1

    /// What one chunk of one file gave: its accepted rows in line order, and its rejects.
    struct Part: FeedPart {
        var table = ResidentTable()
        var rejects: [Reject] = []
        var accepted = 0
        var blanked = 0
        var file = 0
    }

    /// Reads every input in order; when a person appears twice the latest `updated_at` wins, ties going to the later row.
    ///
    /// Large files are parsed in chunks on all workers and merged in file order. `digests` asks for `people` as well,
    /// for travel feeds read next (`check`, which keeps nothing it reads, goes without).
    public static func read(_ inputs: [FeedInput], digests: Bool = true, workers: Workers) throws -> ResidentBatch {
        var (parts, reports) = try ChunkedFeed.readAll(inputs, schema: schema, workers: workers) { reader, chunk, input in
            try parse(reader, chunk: chunk, input: input)
        }
        var table = ResidentTable()
        var owners: [Int32] = []
        var rejects: [Reject] = []
        if parts.count == 1 {
            table = parts[0].table
            owners = [Int32](repeating: Int32(parts[0].file), count: table.count)
            rejects = parts[0].rejects
        } else {
            table.reserve(rows: parts.reduce(0) { $0 + $1.table.count })
            for p in parts.indices {
                let part = parts[p]
                parts[p] = Part()
                table.append(contentsOf: part.table)
                owners += repeatElement(Int32(part.file), count: part.table.count)
                rejects += part.rejects
            }
        }
        // Two passes that miss the cache on nearly every row, at once on two threads: the dedupe, and the digest
        // set the travel feeds need next. Duplicate rows share a person, so every row's digest is a kept row's.
        let files = reports.count
        let (latest, people) = table.withRows { rows in
            workers.both({ latestRows(rows, owners: owners, files: files) },
                         { digests ? ResidentTable.people(of: rows) : FlatSet(capacity: 0) })
        }
        for file in reports.indices {
            reports[file].duplicates += latest.duplicates[file]
            reports[file].accepted -= latest.duplicates[file]
        }
        if latest.winners != table.count {
            table.keepRows(where: latest.keep)
        }
        return ResidentBatch(table: table, people: people, rejects: rejects, reports: reports)
    }

    /// Which rows hold the latest `updated_at` of their person (a later row wins a tie), how many rows that
    /// is, and how many rows of each file lost.
    static func latestRows(_ rows: UnsafeBufferPointer<ResidentTable.Row>, owners: [Int32], files: Int)
        -> (keep: [Bool], winners: Int, duplicates: [Int]) {
        // Rows are in file-then-line order, so a later row wins a tie simply by coming later. The table maps a
        // person's digest to the row of its current winner; rows with equal digests are told apart by person.
        var best = FlatTable<Int32>(capacity: rows.count)
        var winners = 0
        var keep = [Bool](repeating: false, count: rows.count)
        var duplicates = [Int](repeating: 0, count: files)
        for i in rows.indices {
            // The index is larger than the cache: fetch a few rows ahead.
            if i + 16 < rows.count { best.prefetch(rows[i + 16].person.digest) }
            let person = rows[i].person
            guard let current = best.insert(person.digest, Int32(i), unlessPresent: { rows[Int($0)].person == person }).map(Int.init) else {
                keep[i] = true
                winners += 1
                continue
            }
            let loser = rows[i].updatedAt >= rows[current].updatedAt ? current : i
            duplicates[Int(owners[loser])] += 1
            if loser == current {
                best.update(person.digest, where: { rows[Int($0)].person == person }, to: Int32(i))
                keep[current] = false
                keep[i] = true
            }
        }
        return (keep, winners, duplicates)
    }

    /// Parses one chunk (or, for `chunk == nil`, the whole file) into a part.
    static func parse(_ reader: FeedReader, chunk: FeedChunk?, input: FeedInput) throws -> (part: Part, records: Int) {
        let hasType = reader.mapping.fileColumn[idTypeColumn] >= 0
        var part = Part()
        let bytes = chunk?.range.count ?? reader.stats.bytes
        // Untouched reserved pages cost no memory; rows are at least ~60 bytes of CSV.
        part.table.reserve(rows: bytes / 60 + 16, bytes: bytes)
        // The schema's column numbers, read once: a `static let` is a lazily initialised global, checked on every use.
        let (idNoColumn, idTypeColumn, nameColumn, phoneColumn) = (idNoColumn, idTypeColumn, nameColumn, phoneColumn)
        let (communityColumn, communityNameColumn, gridColumn) = (communityColumn, communityNameColumn, gridColumn)
        let (addressColumn, updatedColumn) = (addressColumn, updatedColumn)
        let body: (borrowing RecordView) throws -> Void = { record in
            if let problem = record.problem {
                part.rejects.append(Reject(record, input: input, column: problem.column, reason: problem.reason))
                return
            }
            do throws(FieldProblem) {
                if record.cellKind(idNoColumn) == .number { try Fields.checkWorkbookNumber(idNo: record.field(idNoColumn)) }
                let person = try Fields.personKey(idType: hasType ? record.field(idTypeColumn) : nil, idNo: record.field(idNoColumn))
                let name = Fields.trimmed(record.field(nameColumn))
                guard !name.isEmpty else { throw FieldProblem(RejectText.nameEmpty(["column": Message.Value.column("name")]), column: "name") }
                let community = try Fields.column("community_code", record.field(communityColumn), Fields.regionCode)
                let communityName = Fields.trimmed(record.field(communityNameColumn))
                guard !communityName.isEmpty else {
                    throw FieldProblem(RejectText.communityNameEmpty(["column": Message.Value.column("community_name")]),
                                       column: "community_name")
                }
                let updated = try Fields.optionalDate("updated_at", record.field(updatedColumn))
                let phone = Fields.phone(record.field(phoneColumn))
                if case .invalid = phone { part.blanked += 1 }
                let number = phone.number ?? PhoneNumber(value: 0, digitCount: 0)
                Fields.withNormalized(record.field(gridColumn), fold: true) { grid in
                    number.withDigits { digits in
                        part.table.append(person: person, community: community, updatedAt: updated, name: name,
                                          phone: digits, communityName: communityName,
                                          gridID: grid, address: Fields.trimmed(record.field(addressColumn)))
                    }
                }
                part.accepted += 1
            } catch {
                part.rejects.append(Reject(record, input: input, column: error.column ?? "", reason: error.reason))
            }
        }
        let records: Int
        if let chunk {
            records = try reader.forEachRecord(in: chunk, body)
        } else {
            try reader.forEachRecord(body)
            records = reader.stats.records
        }
        return (part, records)
    }
}
