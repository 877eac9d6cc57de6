import Foundation
import GRDB
import Machinery
import RiskModel
import Synchronization

/// Everything one run writes to the store, committed in one transaction.
public struct RunCommit: Sendable {
    public var run: RunRecord
    public var inputs: [RunInputRecord]
    /// The stays to store, with their contacts: those this run's travel feeds accepted (nil when it had none), or
    /// every stay in force when `replacesStoredStays`.
    public var stays: StayParts?
    /// The new residence snapshot; nil when the run had no residence feed.
    public var residents: ResidentTable?
    public var reconciliation: Reconciliation
    /// Paths of the policy and rule file, copied into the store so `explain` can replay the run.
    public var rules: (policy: String, regions: String)?
    /// `stays` are every stay in force, the stored runs' merged with this run's, and replace the stored stays files
    /// at the commit (whose files `removeOrphanFiles` then deletes): see `Store.staysFilesToMerge`.
    public var replacesStoredStays: Bool

    public init(run: RunRecord, inputs: [RunInputRecord], stays: StayParts?, residents: ResidentTable?,
                reconciliation: Reconciliation, rules: (policy: String, regions: String)? = nil, replacesStoredStays: Bool = false) {
        self.rules = rules
        self.replacesStoredStays = replacesStoredStays
        self.run = run
        self.inputs = inputs
        self.stays = stays
        self.residents = residents
        self.reconciliation = reconciliation
    }
}

extension Store {
    /// Commits the run, its inputs, notices and rescissions in one transaction, writing its packed files first unless given.
    ///
    /// A crash before the transaction leaves only orphan files, removed by `removeOrphanFiles()` next time.
    public func commit(_ commit: RunCommit, files: [SegmentRecord]? = nil) throws -> Int64 {
        guard let runID = commit.run.id else { preconditionFailure("a run to commit has its id assigned") }
        let segments = try files ?? writeFiles(runID: runID, stays: commit.stays, residents: commit.residents, rules: commit.rules)
        try beginCommit(commit).finish(files: segments)
        return runID
    }

    /// Starts the run's transaction on another thread: the notices are inserted while the caller stages its
    /// outputs, and nothing is committed until `finish` (or is, if the caller abandons it or the process dies).
    ///
    /// Until then the store takes no other calls from this process: its one connection is inside the transaction.
    public func beginCommit(_ commit: RunCommit) -> PendingCommit {
        guard let runID = commit.run.id else { preconditionFailure("a run to commit has its id assigned") }
        let files = Handoff<[SegmentRecord]?>()
        let transaction = BackgroundTask { [db] in
            try db.writeWithoutTransaction { db in
                    // Foreign keys are not enforced while a run inserts its rows (the pragma is refused inside a
                    // transaction): looking up each `runNotice` row's notice and run costs more than inserting it.
                    // They hold by construction: every row names
                    // this run, a notice inserted before it in the same transaction or one read from the store
                    // under the run lock. Debug builds (every test) check them before each commit.
                    try db.execute(sql: "PRAGMA foreign_keys = OFF")
                    defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                    try db.inTransaction {
                        var run = commit.run
                        try run.insert(db)
                        for input in commit.inputs { try input.insert(db) }
                        try Store.insertNotices(commit.reconciliation, runID: runID, asOf: Day(iso: commit.run.asOf) ?? Day(number: 0), db)
                        guard let segments = files.take() else { throw PendingCommit.Abandoned() }
                        CrashPoint.hit("before-store-commit")
                        if commit.replacesStoredStays {
                            try db.execute(sql: "DELETE FROM segment WHERE kind = 'stays' AND runID < ?", arguments: [runID])
                        }
                        for segment in segments { try segment.insert(db) }
                        #if DEBUG
                        try db.checkForeignKeys()
                        #endif
                        return .commit
                    }
                }
        }
        return PendingCommit(files: files, transaction: transaction)
    }

    private static func insertNotices(_ reconciliation: Reconciliation, runID: Int64, asOf: Day, _ db: Database) throws {
        // A province night commits over a hundred thousand rows: they are bound straight to SQLite's statements,
        // since building GRDB's argument arrays (an existential per value) cost more than SQLite's own work.
        let insertNotice = try BulkInsert(db, table: "notice", columns: [
            "serial", "runID", "person", "status", "supersedes", "action", "level", "regionCode", "regionName",
            "lastExposureOn", "until", "communityCode", "communityName", "gridID", "address", "name", "phone",
            "exposure", "designatedLevel", "stayRegionCode", "stayRegionName", "printed", "changes"])
        let insertRunNotice = try BulkInsert(db, table: "runNotice", columns: ["runID", "serial", "status"])
        let notices = reconciliation.notices
        let issued = notices.indices.filter { notices[$0].status != .continuing }
        // Bound from each notice's fields where they lie (no record, no copy of the notice); the person and days
        // are written out as bytes rather than made strings.
        try notices.withUnsafeBufferPointer { notices in
            try insertNotice.rows(issued.count) { i, b in
                let n = issued[i]
                b.text(notices[n].serial); b.int(runID)
                notices[n].measure.person.withDescriptionBytes { b.text(bytes: $0) }
                b.text(notices[n].status.rawValue); b.text(notices[n].supersedes)
                b.text(notices[n].measure.action.code); b.text(notices[n].measure.level.code)
                b.text(notices[n].measure.region.canonical); b.text(notices[n].measure.regionName)
                notices[n].measure.lastExposure.withISOBytes { b.text(bytes: $0) }
                notices[n].measure.until.withISOBytes { b.text(bytes: $0) }
                b.text(notices[n].assignment.community?.canonical); b.text(notices[n].assignment.communityName)
                b.text(notices[n].assignment.gridID); b.text(notices[n].assignment.address)
                b.text(notices[n].name); b.text(notices[n].phone)
                b.text(notices[n].measure.exposure.code); b.text(notices[n].measure.designatedLevel.code)
                b.text(notices[n].measure.stayRegion.canonical); b.text(notices[n].measure.stayRegionName)
                b.int(notices[n].isPrinted(asOf: asOf) ? 1 : 0); b.text(notices[n].changes.codes)
            }
        }
        // In key order: each insert then lands beside the last in the (runID, serial) index, where it would
        // otherwise seek through the tree.
        let serials = notices.map(\.serial)
        let inKeyOrder = Store.byteOrder(serials)
        try insertRunNotice.rows(inKeyOrder.count) { i, b in
            b.int(runID); b.text(serials[inKeyOrder[i]]); b.text(notices[inKeyOrder[i]].status.rawValue)
        }
        let rescinded = reconciliation.rescinded
        try BulkInsert(db, table: "rescission", columns: ["runID", "serial", "reason", "causes"]).rows(rescinded.count) { i, b in
            b.int(runID); b.text(rescinded[i].serial); b.text(rescinded[i].reason); b.text(rescinded[i].causes.codes)
        }
        let released = reconciliation.released
        try BulkInsert(db, table: "released", columns: ["runID", "serial", "lastPrinted", "releaseSerial"]).rows(released.count) { i, b in
            b.int(runID); b.text(released[i].ended.serial); b.text(released[i].lastPrinted); b.text(released[i].releaseSerial)
        }
        let sequences = Array(reconciliation.sequences)
        try BulkInsert(db, table: "serialSequence", columns: ["prefix", "last"], replacing: true).rows(sequences.count) { i, b in
            b.text(sequences[i].key); b.int(Int64(sequences[i].value))
        }
    }
}

extension Store {
    /// The permutation that puts `texts` in the order of their UTF-8 bytes, as SQLite's `BINARY` collation does.
    ///
    /// A night sorts its 120,000 serials (26 bytes each) on the transaction's thread: as `ByteOrderKey`s they
    /// compare as integers, not as strings. A text a key cannot hold sends them all through string comparison,
    /// which orders ASCII the same way.
    static func byteOrder(_ texts: [String]) -> [Int] {
        var keys: [(key: ByteOrderKey, index: Int)] = []
        keys.reserveCapacity(texts.count)
        for i in texts.indices {
            guard let key = texts[i].utf8.withContiguousStorageIfAvailable({ ByteOrderKey($0) }) ?? nil else {
                return texts.indices.sorted { texts[$0] < texts[$1] }
            }
            keys.append((key, i))
        }
        keys.sort { $0.key < $1.key }
        return keys.map(\.index)
    }
}

/// A run's store transaction in progress on another thread (`Store.beginCommit`).
public final class PendingCommit: Sendable {
    /// The run's packed files, handed to the transaction's thread once they are written; nil abandons the run.
    private let files: Handoff<[SegmentRecord]?>
    private let transaction: BackgroundTask<Void>
    private let settled = Mutex(false)

    struct Abandoned: Error {}

    init(files: Handoff<[SegmentRecord]?>, transaction: BackgroundTask<Void>) {
        self.files = files
        self.transaction = transaction
    }

    /// Settles the commit once; false when it was settled before.
    private func settle() -> Bool {
        settled.withLock { done in
            defer { done = true }
            return !done
        }
    }

    /// Commits with the run's packed files (written by then); returns once the transaction is on disk, or throws.
    public func finish(files segments: [SegmentRecord]) throws {
        precondition(settle(), "a pending commit is finished or abandoned once")
        files.put(segments)
        try transaction.wait()
    }

    /// Rolls the transaction back and waits for it, unless it was finished; for runs that end early.
    public func abandon() {
        guard settle() else { return }
        files.put(nil)
        transaction.join()
    }
}
