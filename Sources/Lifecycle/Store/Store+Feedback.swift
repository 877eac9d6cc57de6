import GRDB
import RiskModel

/// A returned worklist or scan list that `feedback` recorded (table `feedbackImport`), found again by its SHA-256.
public struct FeedbackImportRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord, Hashable {
    public static let databaseTableName = "feedbackImport"
    public var id: Int64?
    public var sha256: String
    /// The path as given on the command line.
    public var path: String
    /// `worklist` or `scan_list`.
    public var kind: String
    /// When it was imported (UTC, ISO 8601), for `history`-style questions; never written into an output.
    public var importedAt: String
    /// The `--date` of the import: what a scan list's rows and a worklist's undated outcomes mean.
    public var importedOn: String
    /// Rows read (blank lines aside), and what became of them.
    public var rowsRead: Int
    public var recorded: Int
    public var blank: Int
    public var duplicates: Int
    /// Rows for notices no longer in force, recorded as history.
    public var history: Int
    public var rejected: Int

    public enum Columns {
        public static let sha256 = Column(CodingKeys.sha256)
    }

    public init(id: Int64? = nil, sha256: String, path: String, kind: String, importedAt: String, importedOn: String, rowsRead: Int,
                recorded: Int, blank: Int, duplicates: Int, history: Int, rejected: Int) {
        self.id = id; self.sha256 = sha256; self.path = path; self.kind = kind; self.importedAt = importedAt
        self.importedOn = importedOn; self.rowsRead = rowsRead; self.recorded = recorded; self.blank = blank
        self.duplicates = duplicates; self.history = history; self.rejected = rejected
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One outcome reported for a notice (table `deliveryOutcome`): never replaced; of a serial's, the latest counts.
public struct DeliveryOutcomeRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord, Hashable {
    public static let databaseTableName = "deliveryOutcome"
    public var id: Int64?
    public var importID: Int64
    public var serial: String
    /// `DeliveryOutcome`'s code.
    public var outcome: String
    /// The `送达日期`, `YYYY-MM-DD`.
    public var deliveredOn: String
    /// The worklist's `备注`.
    public var note: String
    /// The row of the file it came from (the sheet's row number for an XLSX).
    public var line: Int

    public init(id: Int64? = nil, importID: Int64, serial: String, outcome: String, deliveredOn: String, note: String, line: Int) {
        self.id = id; self.importID = importID; self.serial = serial; self.outcome = outcome
        self.deliveredOn = deliveredOn; self.note = note; self.line = line
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// What the store knows of a serial that feedback names.
public struct SerialFacts: Sendable, Hashable {
    /// Where the notice stands after the last committed run.
    public enum Standing: String, Sendable, Hashable, CaseIterable {
        case inForce = "in_force"
        /// A later notice replaced it (an amended measure).
        case superseded
        case rescinded
        /// Its measure ran out (released, or ended before the last run), or it is a release notice itself.
        case released
    }

    public var issuedOn: Day
    public var community: RegionCode?
    public var communityName: String
    public var standing: Standing

    public init(issuedOn: Day, community: RegionCode?, communityName: String, standing: Standing) {
        self.issuedOn = issuedOn
        self.community = community
        self.communityName = communityName
        self.standing = standing
    }
}

/// The feedback of one file, to record in one transaction with the other files of an import.
public struct FeedbackBatch: Sendable {
    public var file: FeedbackImportRecord
    /// The outcomes, `importID` left for the store to fill in.
    public var outcomes: [DeliveryOutcomeRecord]

    public init(file: FeedbackImportRecord, outcomes: [DeliveryOutcomeRecord]) {
        self.file = file
        self.outcomes = outcomes
    }
}

extension Store {
    /// Delivery feedback (SPEC 8): a row per imported file, kept to skip it when it comes again, and every outcome
    /// ever reported. The serial is not a foreign key: the notices a grid worker can scan are not all in `notice`.
    static func registerFeedbackMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("record delivery feedback: imported files and outcomes") { db in
            try db.create(table: "feedbackImport") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sha256", .text).notNull().unique()
                t.column("path", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("importedAt", .text).notNull()
                t.column("importedOn", .text).notNull()
                t.column("rowsRead", .integer).notNull()
                t.column("recorded", .integer).notNull()
                t.column("blank", .integer).notNull()
                t.column("duplicates", .integer).notNull()
                t.column("history", .integer).notNull()
                t.column("rejected", .integer).notNull()
            }
            try db.create(table: "deliveryOutcome") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("importID", .integer).notNull().references("feedbackImport", onDelete: .cascade)
                t.column("serial", .text).notNull().indexed()
                t.column("outcome", .text).notNull()
                t.column("deliveredOn", .text).notNull()
                t.column("note", .text).notNull()
                t.column("line", .integer).notNull()
            }
        }
    }

    /// The import of a file with this SHA-256, if one was recorded.
    public func feedbackImport(sha256: String) throws -> FeedbackImportRecord? {
        try db.read { db in try FeedbackImportRecord.filter(FeedbackImportRecord.Columns.sha256 == sha256).fetchOne(db) }
    }

    /// What the store knows of each of `serials` it has issued, notices and release notices (SPEC 7) alike; a serial
    /// it never issued is not in the answer.
    public func serialFacts(_ serials: [String]) throws -> [String: SerialFacts] {
        let last = try lastRun()?.id ?? 0
        return try db.read { db in
            var facts: [String: SerialFacts] = [:]
            for start in stride(from: 0, to: serials.count, by: 500) {
                let some = Array(serials[start..<min(start + 500, serials.count)])
                let marks = Array(repeating: "?", count: some.count).joined(separator: ", ")
                try RawQuery(db, sql: """
                    SELECT notice.serial, run.asOf, notice.communityCode, notice.communityName,
                           EXISTS (SELECT 1 FROM runNotice WHERE runNotice.runID = ? AND runNotice.serial = notice.serial),
                           EXISTS (SELECT 1 FROM notice AS later WHERE later.supersedes = notice.serial),
                           EXISTS (SELECT 1 FROM rescission WHERE rescission.serial = notice.serial)
                    FROM notice JOIN run ON run.id = notice.runID WHERE notice.serial IN (\(marks))
                    UNION ALL
                    SELECT released.releaseSerial, run.asOf, notice.communityCode, notice.communityName, 0, 0, 0
                    FROM released JOIN run ON run.id = released.runID JOIN notice ON notice.serial = released.serial
                    WHERE released.releaseSerial IN (\(marks))
                    """, arguments: [last] + StatementArguments(some) + StatementArguments(some)).forEachRow { row in
                    guard let issued = row.withBytes(1, { Day(iso: $0) }) else { return }
                    let community = row.isNull(2) ? nil : row.withBytes(2) { RegionCode.parse($0) }
                    let standing: SerialFacts.Standing = row.text(4) == "1" ? .inForce
                        : row.text(5) == "1" ? .superseded : row.text(6) == "1" ? .rescinded : .released
                    facts[row.text(0)] = SerialFacts(issuedOn: issued, community: community, communityName: row.text(3), standing: standing)
                }
            }
            return facts
        }
    }

    /// Of `serials`, the (outcome code, day) pairs already recorded for each: an outcome reported again is not recorded twice.
    public func recordedOutcomes(serials: [String]) throws -> [String: Set<String>] {
        try db.read { db in
            var recorded: [String: Set<String>] = [:]
            for start in stride(from: 0, to: serials.count, by: 500) {
                let some = Array(serials[start..<min(start + 500, serials.count)])
                let marks = Array(repeating: "?", count: some.count).joined(separator: ", ")
                try RawQuery(db, sql: "SELECT serial, outcome, deliveredOn FROM deliveryOutcome WHERE serial IN (\(marks))",
                             arguments: StatementArguments(some)).forEachRow { row in
                    recorded[row.text(0), default: []].insert(row.text(1) + " " + row.text(2))
                }
            }
            return recorded
        }
    }

    /// Records the files of one import and their outcomes in one transaction: all of them or none.
    public func recordFeedback(_ batches: [FeedbackBatch]) throws {
        try db.write { db in
            for batch in batches {
                var file = batch.file
                try file.insert(db)
                guard let importID = file.id else { continue }
                for var outcome in batch.outcomes {
                    outcome.importID = importID
                    try outcome.insert(db)
                }
            }
        }
    }

    /// For each notice in force after `run` (nil: none), the day it was issued and the outcome that counts.
    ///
    /// Of the outcomes recorded for a serial, the one with the latest `送达日期` counts, then the later import, then
    /// the later row of one file (SPEC 8). Read while a night parses its feeds, in one pass over the notices in force
    /// (by the run's key, so each serial's outcomes come together) with each one's outcomes joined by the index on
    /// serial: a second query for the outcomes alone had to sort them.
    public func noticeDeliveries(after run: RunRecord?) throws -> [String: NoticeDelivery] {
        guard let run, let id = run.id else { return [:] }
        let issuedOn = Dictionary(uniqueKeysWithValues: try runs().compactMap { r in r.id.flatMap { id in Day(iso: r.asOf).map { (id, $0) } } })
        return try db.read { db in
            var deliveries: [String: NoticeDelivery] = [:]
            deliveries.reserveCapacity(run.measures)
            var current: (serial: String, delivery: NoticeDelivery, rank: (String, Int64, Int64))?
            func flush() { if let c = current { deliveries[c.serial] = c.delivery } }
            try RawQuery(db, sql: """
                SELECT runNotice.serial, notice.runID, deliveryOutcome.outcome, deliveryOutcome.deliveredOn,
                       deliveryOutcome.importID, deliveryOutcome.id
                FROM runNotice JOIN notice USING (serial) LEFT JOIN deliveryOutcome ON deliveryOutcome.serial = runNotice.serial
                WHERE runNotice.runID = ?
                """, arguments: [id]).forEachRow { row in
                let serial = row.text(0)
                if serial != current?.serial {
                    flush()
                    guard let runID = Int64(row.text(1)), let day = issuedOn[runID] else {
                        current = nil
                        return
                    }
                    current = (serial, NoticeDelivery(issuedOn: day, delivery: nil), ("", 0, 0))
                }
                guard !row.isNull(2), let outcome = DeliveryOutcome(code: row.text(2)), let on = row.withBytes(3, { Day(iso: $0) }),
                      let importID = Int64(row.text(4)), let outcomeID = Int64(row.text(5)) else { return }
                // The day, then the import, then the row: the order they were recorded in.
                let rank = (on.description, importID, outcomeID)
                if let c = current, c.delivery.delivery == nil || rank > c.rank {
                    current?.delivery.delivery = RecordedDelivery(outcome: outcome, date: on)
                    current?.rank = rank
                }
            }
            flush()
            return deliveries
        }
    }
}
