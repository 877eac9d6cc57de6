import Dispatch
import Foundation
import GRDB
import RiskModel

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
    /// The id the next committed run will have.
    public func nextRunID() throws -> Int64 {
        (try lastRun()?.id ?? 0) + 1
    }

    /// The last sequence number used for a serial prefix.
    public func lastSequence(_ prefix: String) throws -> Int {
        try db.read { db in try SerialSequenceRecord.fetchOne(db, key: prefix)?.last ?? 0 }
    }

    /// The notices in force after the last committed run, as values, each with its status in that run.
    ///
    /// What the tests compare the store with; a run reads `priorNotices(after:)` and the few it rescinds whole.
    func noticesInForce() throws -> [Notice] {
        try noticesInForce(after: lastRun())
    }

    /// The notices in force after `run` (nil: none), for the tests.
    func noticesInForce(after run: RunRecord?) throws -> [Notice] {
        try inForce(after: run, columns: Store.noticeColumns(status: "runNotice.status"), Store.notice)
    }

    /// What reconciliation needs of each notice in force after `run` (nil: none), in serial order.
    ///
    /// A night reads every one of them while its feeds are parsed, on the core the parse also wants (a store in
    /// steady state holds over a hundred thousand): five columns, of which only the serial becomes a string.
    /// The few notices a night rescinds are then read whole with `notices(serials:)`.
    public func priorNotices(after run: RunRecord?) throws -> [PriorNotice] {
        try inForce(after: run, columns: "notice.serial, notice.person, notice.action, notice.until, notice.communityCode") { row in
            // A row with an unreadable value is left out, as `noticesInForce` leaves it out; an unreadable
            // community code counts as none, as it leaves the notice unassigned.
            guard let person = row.withBytes(1, { PersonKey(stored: $0) }), let action = Action(code: row.text(2)),
                  let until = row.withBytes(3, { Day(iso: $0) })
            else { return nil }
            let community = row.isNull(4) ? nil : row.withBytes(4) { RegionCode.parse($0) }
            return PriorNotice(serial: row.text(0), person: person, action: action, until: until, community: community)
        }
    }

    /// `make` of each row of `columns` of the notices in force after `run`, in serial order; rows it refuses are left out.
    private func inForce<T>(after run: RunRecord?, columns: String, _ make: (RawQuery.Columns) -> T?) throws -> [T] {
        guard let run, let id = run.id else { return [] }
        return try db.read { db in
            var values: [T] = []
            // Room for all of them first: growing the array copied it and faulted in fresh pages each time.
            values.reserveCapacity(run.measures)
            try RawQuery(db, sql: """
                SELECT \(columns)
                FROM runNotice JOIN notice USING (serial) WHERE runNotice.runID = ? ORDER BY runNotice.serial
                """, arguments: [id]).forEachRow { row in
                if let value = make(row) { values.append(value) }
            }
            return values
        }
    }

    /// The stored notices with these serials, each with the status it was issued with, in serial order.
    public func notices(serials: [String]) throws -> [Notice] {
        try db.read { db in
            var notices: [Notice] = []
            notices.reserveCapacity(serials.count)
            // Hundreds at a time: a statement per serial costs a step each, one for them all would need thousands
            // of parameters.
            let batch = 500
            for start in stride(from: 0, to: serials.count, by: batch) {
                let some = serials[start..<min(start + batch, serials.count)]
                let marks = Array(repeating: "?", count: some.count).joined(separator: ", ")
                try RawQuery(db, sql: "SELECT \(Store.noticeColumns(status: "notice.status")) FROM notice WHERE serial IN (\(marks))",
                             arguments: StatementArguments(Array(some))).forEachRow { row in
                    if let notice = Store.notice(row) { notices.append(notice) }
                }
            }
            return notices.sorted { $0.serial < $1.serial }
        }
    }

    /// The columns `notice(_:)` reads, in its order, with the status from `status` (a notice's status in a run,
    /// or as issued).
    private static func noticeColumns(status: String) -> String {
        """
        notice.serial, \(status), notice.supersedes, notice.person, notice.action, notice.level, notice.regionCode, notice.regionName,
        notice.lastExposureOn, notice.until, notice.communityCode, notice.communityName, notice.gridID, notice.address,
        notice.name, notice.phone
        """
    }

    /// A notice made straight from a row of `noticeColumns`, or nil when a value cannot be read.
    ///
    /// The person, codes and days are parsed from the columns in place; only the texts a notice keeps become
    /// strings. An unreadable community code leaves the notice unassigned, as a missing one does.
    private static func notice(_ row: RawQuery.Columns) -> Notice? {
        guard let person = row.withBytes(3, { PersonKey(stored: $0) }), let action = Action(code: row.text(4)),
              let level = RiskLevel(code: row.text(5)), let region = row.withBytes(6, { RegionCode.parse($0) }),
              let lastExposure = row.withBytes(8, { Day(iso: $0) }), let until = row.withBytes(9, { Day(iso: $0) })
        else { return nil }
        let community = row.isNull(10) ? nil : row.withBytes(10) { RegionCode.parse($0) }
        return Notice(
            serial: row.text(0), status: NoticeStatus(rawValue: row.text(1)) ?? .continuing, supersedes: row.optionalText(2),
            measure: Measure(person: person, action: action, level: level, region: region, regionName: row.text(7),
                             lastExposure: lastExposure, until: until),
            name: row.text(14), phone: row.text(15),
            assignment: Assignment(community: community, communityName: row.text(11), gridID: row.text(12), address: row.text(13)))
    }

    /// Every stored stay with later runs' versions replacing earlier ones, and `incoming` (which replaces them all).
    ///
    /// Identity replacement runs newest first, keeping the newest occurrence of each identity (SPEC 1.3).
    public func stays(with incoming: StayParts?) throws -> StayParts {
        Store.merge(try storedStays(), with: incoming)
    }

    /// The stays of every committed run, one group of parts per run (a run's file holds its feeds' chunks), oldest first.
    ///
    /// Reading them takes a moment at province scale (the files were written past the page cache), so a run
    /// starts this on another thread while it reads the night's feeds.
    public func storedStays() throws -> [[StayParts.Part]] {
        try segments(kind: "stays").map { segment in
            try PackedFile.readStays(dataFolder.appendingPathComponent(segment.file), expectedBytes: segment.bytes).parts
        }
    }

    /// A run that finds this many stays files stored writes every stay in force as its own file, which replaces them.
    ///
    /// A night merges every stored run's stays: each stored night adds its identities to the set the night fills on
    /// one core before the rest, and its replaced stays to what it reads. `purge` merges them too; this keeps nights
    /// from slowing down where no purge is scheduled. The run that merges writes about as much as a full run, on the
    /// thread that writes while the run screens. Nine cron nights of 1M stays on a 10M store took 11.1–12.0 s in
    /// all with three, 12.8–15.3 s with four and 16.1 s with eight (two weeks each, interleaved; the slowest night
    /// 1.99, 4.06 and 2.94 s).
    public static let staysFilesToMerge = 3

    /// How many stays ahead the merge asks for a probe's table line: enough to cover a miss to memory.
    static let probeAhead = 8

    /// The stays in force: the stored runs' (from `storedStays()`) and this run's, each identity from its newest run.
    public static func merge(_ stored: consuming [[StayParts.Part]], with incoming: StayParts?) -> StayParts {
        // Taken over, not copied: the filtering below then changes the arrays in place.
        var runs = consume stored
        if let incoming { runs.append(incoming.parts) }
        guard runs.count > 1 else { return StayParts(parts: runs.first ?? []) }
        // No identity repeats within one run (a run dedupes its own feeds), so going from the newest run to the
        // oldest, a stay survives unless a newer run has its identity. The oldest run, normally the largest, is only
        // probed, never hashed. Parts are filtered in place, never merged.
        let newer = runs.dropFirst().joined().reduce(0) { $0 + $1.stays.count }
        var seen = IdentitySet(capacity: newer)
        for r in runs.indices.reversed() {
            if seen.count > 0 {
                // Probing misses the cache for most stays: the parts of a run are filtered on all cores, each
                // probe's table line asked for a few stays ahead. A mapped part keeps its view, the replaced
                // stays skipped as holes; an array part is copied span by span.
                let replaced = seen
                runs[r].withUnsafeMutableBufferPointer { parts in
                    nonisolated(unsafe) let parts = parts
                    DispatchQueue.concurrentPerform(iterations: parts.count) { p in
                        let gone = parts[p].stays.withUnsafeBufferPointer { stays in
                            var gone: [Int] = []
                            for i in stays.indices {
                                if i + Store.probeAhead < stays.count { replaced.prefetchProbe(stays[i + Store.probeAhead].identity) }
                                if replaced.contains(stays[i].identity) { gone.append(i) }
                            }
                            return gone
                        }
                        parts[p].stays.remove(atSortedOffsets: gone)
                    }
                }
            }
            if r > 0 {
                for part in runs[r] {
                    part.stays.forEachSpan { stays in
                        for i in stays.indices {
                            if i + Store.probeAhead < stays.count { seen.prefetch(stays[i + Store.probeAhead].identity) }
                            _ = seen.insert(stays[i].identity)
                        }
                    }
                }
            }
        }
        return StayParts(parts: Array(runs.joined()))
    }

    /// The stored residence snapshot, or nil when no run has given one.
    public func residents() throws -> ResidentTable? {
        guard let latest = try segments(kind: "residents").last else { return nil }
        return try PackedFile.readResidents(dataFolder.appendingPathComponent(latest.file), expectedBytes: latest.bytes)
    }

    /// Writes a run's packed stays, residents and rule files beside the database; they count only once a commit names them.
    ///
    /// Callable ahead of the commit (on another thread, while the run screens), since nothing refers to them yet.
    public func writeFiles(runID: Int64, stays: StayParts?, residents: ResidentTable?,
                           rules: (policy: String, regions: String)?) throws -> [SegmentRecord] {
        var segments: [SegmentRecord] = []
        if let stays, stays.count > 0 {
            let file = "stays-\(runID).bin"
            let bytes = try PackedFile.writeStays(stays, to: dataFolder.appendingPathComponent(file))
            segments.append(SegmentRecord(runID: runID, kind: "stays", file: file, count: stays.count, bytes: bytes))
        }
        if let residents {
            let file = "residents-\(runID).bin"
            let bytes = try PackedFile.writeResidents(residents, to: dataFolder.appendingPathComponent(file))
            segments.append(SegmentRecord(runID: runID, kind: "residents", file: file, count: residents.count, bytes: bytes))
        }
        if let rules {
            for (kind, path, ext) in [("policy", rules.policy, "toml"), ("regions", rules.regions, "csv")] {
                let file = "\(kind)-\(runID).\(ext)"
                let target = dataFolder.appendingPathComponent(file)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(atPath: path, toPath: target.path)
                let bytes = (try FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int) ?? 0
                segments.append(SegmentRecord(runID: runID, kind: kind, file: file, count: 0, bytes: bytes))
            }
        }
        return segments
    }

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
        let pending = PendingCommit()
        DispatchQueue.global().async { [db] in
            pending.settle(Result {
                try db.writeWithoutTransaction { db in
                    // Foreign keys are not enforced while a run inserts its rows (the pragma is refused inside a
                    // transaction): a night's 120,000 `runNotice` rows cost SQLite 0.05 s to insert and 0.10 s
                    // more to look up each one's notice and run. They hold by construction: every row names
                    // this run, a notice inserted before it in the same transaction or one read from the store
                    // under the run lock. Debug builds (every test) check them before each commit.
                    try db.execute(sql: "PRAGMA foreign_keys = OFF")
                    defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                    try db.inTransaction {
                        var run = commit.run
                        try run.insert(db)
                        for input in commit.inputs { try input.insert(db) }
                        try Store.insertNotices(commit.reconciliation, runID: runID, db)
                        guard let segments = pending.waitForFiles() else { throw PendingCommit.Abandoned() }
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
            })
        }
        return pending
    }

    private static func insertNotices(_ reconciliation: Reconciliation, runID: Int64, _ db: Database) throws {
        // A province night commits over a hundred thousand rows: they are bound straight to SQLite's statements,
        // since building GRDB's argument arrays (an existential per value) cost more than SQLite's own work.
        let insertNotice = try BulkInsert(db, table: "notice", columns: [
            "serial", "runID", "person", "status", "supersedes", "action", "level", "regionCode", "regionName",
            "lastExposureOn", "until", "communityCode", "communityName", "gridID", "address", "name", "phone"])
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
            }
        }
        // In key order: each insert then lands beside the last in the (runID, serial) index, where it would
        // otherwise seek through the tree (the night's runNotice rows took 0.33 s in output order, 0.19 s sorted).
        let serials = notices.map(\.serial)
        let inKeyOrder = Store.byteOrder(serials)
        try insertRunNotice.rows(inKeyOrder.count) { i, b in
            b.int(runID); b.text(serials[inKeyOrder[i]]); b.text(notices[inKeyOrder[i]].status.rawValue)
        }
        let rescinded = reconciliation.rescinded
        try BulkInsert(db, table: "rescission", columns: ["runID", "serial", "reason"]).rows(rescinded.count) { i, b in
            b.int(runID); b.text(rescinded[i].serial); b.text(rescinded[i].reason)
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
public final class PendingCommit: @unchecked Sendable {
    // The caller's thread writes `files` then signals `go`; the transaction's thread writes `result` then signals `done`.
    private let go = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var files: [SegmentRecord]?
    private var result: Result<Void, any Error>?
    private var settled = false

    struct Abandoned: Error {}

    /// Commits with the run's packed files (written by then); returns once the transaction is on disk, or throws.
    public func finish(files: [SegmentRecord]) throws {
        precondition(!settled, "a pending commit is finished or abandoned once")
        settled = true
        self.files = files
        go.signal()
        done.wait()
        try result?.get()
    }

    /// Rolls the transaction back and waits for it, unless it was finished; for runs that end early.
    public func abandon() {
        guard !settled else { return }
        settled = true
        go.signal()
        done.wait()
    }

    fileprivate func waitForFiles() -> [SegmentRecord]? {
        go.wait()
        return files
    }

    fileprivate func settle(_ result: Result<Void, any Error>) {
        self.result = result
        done.signal()
    }
}
