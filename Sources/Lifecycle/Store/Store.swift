import Foundation
import GRDB
import RiskModel

#if canImport(Glibc)
import Glibc
#endif

/// Problems with the state store, described so an operator can act.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, reason: Message)
    case corruptSegment(file: String, reason: Message)
    case missingSegment(file: String)
    /// A packed file whose bytes no longer give the checksum written with them: changed or damaged on disk.
    case checksumMismatch(file: String)

    public var message: Message {
        switch self {
        case let .cannotOpen(path, reason):
            return StoreText.cannotOpen(["path": path, "reason": reason])
        case let .corruptSegment(file, reason):
            return StoreText.corrupt(["file": file, "reason": reason, "restore": StoreError.whatToRestore(file)])
        case let .missingSegment(file):
            return StoreText.missing(["file": file, "restore": StoreError.whatToRestore(file)])
        case let .checksumMismatch(file):
            return StoreText.checksum(["file": file, "restore": StoreError.whatToRestore(file)])
        }
    }

    public var description: String { message.description }

    /// What to restore: the store and its folder from one backup, or for a residence snapshot, tonight's feed instead.
    static func whatToRestore(_ file: String) -> Message {
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        let store = folder.deletingPathExtension().path
        guard URL(fileURLWithPath: file).lastPathComponent.hasPrefix("residents-") else {
            return StoreText.restore(["store": store, "folder": folder.path])
        }
        return StoreText.restoreResidents(["store": store, "folder": folder.path])
    }
}

/// The state store: SQLite through GRDB for runs and notices, packed files beside it for the bulk of stays and residents.
public final class Store: Sendable {
    public let path: String
    /// Folder holding the packed files (`<state>.d/`).
    public let dataFolder: URL
    public let db: DatabaseQueue
    /// Modes this opening changed on files and folders an earlier build (or a loose umask) left open (SPEC 5).
    public let modeChanges: [FileModes.Change]
    /// What could not be tightened without touching files that are not the store's, in words for the log.
    public let modeWarnings: [Message]

    public init(path: String) throws {
        self.path = path
        dataFolder = URL(fileURLWithPath: path + ".d")
        if FileModes.isFolder(path) {
            throw StoreError.cannotOpen(path: path, reason: StoreText.isFolder([
                "example": URL(fileURLWithPath: path).appendingPathComponent("riskscreen.sqlite").path,
            ]))
        }
        do {
            (modeChanges, modeWarnings) = try Store.secure(path: path, dataFolder: dataFolder.path)
            var config = Configuration()
            config.foreignKeysEnabled = true
            // `explain` or `history` reading while a run commits (or the reverse) waits instead of failing at once
            // with "database is locked" (exit 4), which would throw away a whole night's run.
            config.busyMode = .timeout(30)
            config.prepareDatabase { db in
                // A province night commits tens of thousands of notices in one transaction: with SQLite's default
                // 2 MB page cache the transaction spills pages mid-way, and 4 KiB pages mean a write call each.
                // Bigger pages (taken only by a new database) and a cache that holds the transaction write it once.
                try db.execute(sql: "PRAGMA page_size = 16384")
                try db.execute(sql: "PRAGMA cache_size = -131072")
            }
            db = try DatabaseQueue(path: path, configuration: config)
            try Store.migrator.migrate(db)
        } catch let error as CocoaError {
            // Foundation's text (`Error Domain=NSCocoaErrorDomain Code=513 …`) hides the reason the system gave.
            throw StoreError.cannotOpen(path: error.filePath ?? path, reason: SystemText.reason(of: error))
        } catch {
            throw StoreError.cannotOpen(path: path, reason: SystemText.other(["reason": "\(error)"]))
        }
    }

    /// Makes the store's folders and files owner-only (SPEC 5: files 0600, folders 0700), whatever the umask:
    /// new ones are created so, existing ones are tightened.
    ///
    /// The folder holding the database is tightened only when it holds nothing but this store's files: a store
    /// kept in a shared folder (a home folder, /tmp) keeps that folder's mode, with a warning, since its own
    /// files are owner-only anyway. The database file is created here, before SQLite opens it, because SQLite
    /// creates it (and later its journal, with the same mode) with 0644 less the umask.
    static func secure(path: String, dataFolder: String) throws -> (changes: [FileModes.Change], warnings: [Message]) {
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent().path
        var changes: [FileModes.Change] = []
        var warnings: [Message] = []
        if FileManager.default.fileExists(atPath: parent) {
            if let mode = FileModes.mode(of: parent), mode & 0o077 != 0 {
                let base = url.lastPathComponent
                let others = ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).filter { !$0.hasPrefix(base) }
                if others.isEmpty {
                    if let change = FileModes.tighten(parent, to: FileModes.storeFolder) { changes.append(change) }
                } else {
                    warnings.append(StoreText.folderShared(["folder": parent, "others": Array(others.sorted().prefix(3))]))
                }
            }
        } else {
            try FileModes.makeFolder(parent, mode: FileModes.storeFolder)
        }
        if FileManager.default.fileExists(atPath: dataFolder) {
            if let change = FileModes.tighten(dataFolder, to: FileModes.storeFolder) { changes.append(change) }
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dataFolder)) ?? [] {
                if let change = FileModes.tighten(dataFolder + "/" + name, to: FileModes.storeFile) { changes.append(change) }
            }
        } else {
            try FileModes.makeFolder(dataFolder, mode: FileModes.storeFolder)
        }
        if !FileManager.default.fileExists(atPath: path) {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, FileModes.storeFile)
            if fd >= 0 {
                _ = fchmod(fd, FileModes.storeFile)
                close(fd)
            }
        }
        for file in [path, path + "-journal", path + "-wal", path + "-shm", path + ".lock"] {
            if let change = FileModes.tighten(file, to: FileModes.storeFile) { changes.append(change) }
        }
        return (changes, warnings)
    }

    /// Named migrations; a shipped one is never edited, a change is a new migration.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("create runs, inputs, segments, notices") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("asOf", .text).notNull()
                t.column("startedAt", .text).notNull()
                t.column("finishedAt", .text).notNull()
                t.column("policyName", .text).notNull()
                t.column("policyFile", .text).notNull()
                t.column("policySHA256", .text).notNull()
                t.column("regionsFile", .text).notNull()
                t.column("regionsSHA256", .text).notNull()
                t.column("folder", .text).notNull().unique()
                t.column("measures", .integer).notNull()
                t.column("newCount", .integer).notNull()
                t.column("amendedCount", .integer).notNull()
                t.column("continuingCount", .integer).notNull()
                t.column("rescindedCount", .integer).notNull()
                t.column("rejects", .integer).notNull()
                t.column("forced", .boolean).notNull()
            }
            try db.create(table: "runInput") { t in
                t.column("runID", .integer).notNull().references("run", onDelete: .cascade)
                t.column("kind", .text).notNull()
                t.column("feed", .text).notNull()
                t.column("path", .text).notNull()
                t.column("sha256", .text).notNull()
                t.column("read", .integer).notNull()
                t.column("accepted", .integer).notNull()
                t.column("rejected", .integer).notNull()
                t.column("duplicates", .integer).notNull()
            }
            try db.create(table: "segment") { t in
                t.column("runID", .integer).notNull().references("run", onDelete: .restrict)
                t.column("kind", .text).notNull()
                t.column("file", .text).notNull().unique()
                t.column("count", .integer).notNull()
                t.column("bytes", .integer).notNull()
            }
            try db.create(table: "notice") { t in
                t.primaryKey("serial", .text)
                t.column("runID", .integer).notNull().references("run", onDelete: .restrict)
                t.column("person", .text).notNull().indexed()
                t.column("status", .text).notNull()
                t.column("supersedes", .text).references("notice").unique()
                t.column("action", .text).notNull()
                t.column("level", .text).notNull()
                t.column("regionCode", .text).notNull()
                t.column("regionName", .text).notNull()
                t.column("lastExposureOn", .text).notNull()
                t.column("until", .text).notNull()
                t.column("communityCode", .text)
                t.column("communityName", .text).notNull()
                t.column("gridID", .text).notNull()
                t.column("address", .text).notNull()
                t.column("name", .text).notNull()
                t.column("phone", .text).notNull()
            }
            try db.create(table: "runNotice") { t in
                t.column("runID", .integer).notNull().references("run", onDelete: .cascade)
                t.column("serial", .text).notNull().references("notice")
                t.column("person", .text).notNull()
                t.column("status", .text).notNull()
                t.primaryKey(["runID", "serial"])
                // One measure per person per run: a double notice cannot be stored.
                t.uniqueKey(["runID", "person"])
            }
            try db.create(table: "rescission") { t in
                t.column("runID", .integer).notNull().references("run", onDelete: .cascade)
                t.column("serial", .text).notNull().references("notice").unique()
                t.column("reason", .text).notNull()
            }
            try db.create(table: "serialSequence") { t in
                t.primaryKey("prefix", .text)
                t.column("last", .integer).notNull()
            }
        }
        // A province night writes a row here for every notice in force (over a hundred thousand): the person
        // column and its unique index doubled that work.
        // The person is in `notice`, and the reconciler gives each person one notice by construction.
        m.registerMigration("runNotice without rowid or person") { db in
            try db.create(table: "runNoticeSlim", options: [.withoutRowID]) { t in
                t.column("runID", .integer).notNull().references("run", onDelete: .cascade)
                t.column("serial", .text).notNull().references("notice")
                t.column("status", .text).notNull()
                t.primaryKey(["runID", "serial"])
            }
            try db.execute(sql: "INSERT INTO runNoticeSlim (runID, serial, status) SELECT runID, serial, status FROM runNotice")
            try db.drop(table: "runNotice")
            try db.rename(table: "runNoticeSlim", to: "runNotice")
        }
        // SPEC 6 and 7: what a notice said about its exposure, whether it was printed and why it was amended; why a
        // notice was rescinded, as codes; and the measures that ended on their own with their release notices.
        // Notices stored before keep what they had: direct, their designated region as the stay region, printed.
        m.registerMigration("notice exposure, printing and changes; releases") { db in
            try db.alter(table: "notice") { t in
                t.add(column: "exposure", .text).notNull().defaults(to: "direct")
                t.add(column: "designatedLevel", .text)
                t.add(column: "stayRegionCode", .text)
                t.add(column: "stayRegionName", .text).notNull().defaults(to: "")
                t.add(column: "printed", .boolean).notNull().defaults(to: true)
                t.add(column: "changes", .text).notNull().defaults(to: "")
            }
            try db.alter(table: "rescission") { t in
                t.add(column: "causes", .text).notNull().defaults(to: "")
            }
            try db.create(table: "released") { t in
                t.column("runID", .integer).notNull().references("run", onDelete: .cascade)
                // The notice in force that ended, and the last printed one the release notice names.
                t.column("serial", .text).notNull().references("notice").unique()
                t.column("lastPrinted", .text).references("notice")
                // Numbered from the same sequences as notices, so it is unique among both.
                t.column("releaseSerial", .text).unique()
            }
        }
        registerFeedbackMigrations(&m)
        return m
    }

    /// The last committed run, if any.
    public func lastRun() throws -> RunRecord? {
        try db.read { db in try RunRecord.order(RunRecord.Columns.id.desc).fetchOne(db) }
    }

    /// Every committed run, oldest first.
    public func runs() throws -> [RunRecord] {
        try db.read { db in try RunRecord.order(RunRecord.Columns.id).fetchAll(db) }
    }

    public func inputs(of runID: Int64) throws -> [RunInputRecord] {
        try db.read { db in try RunInputRecord.filter(Column("runID") == runID).fetchAll(db) }
    }

    /// Every notice ever issued to a person, oldest first.
    public func history(of person: PersonKey) throws -> [NoticeRecord] {
        try db.read { db in
            try NoticeRecord.filter(NoticeRecord.Columns.person == person.description).order(Column("runID"), NoticeRecord.Columns.serial).fetchAll(db)
        }
    }

    /// The run that issued each of `serials` (the rules it screened with explain the notice).
    public func issuingRuns(of serials: [String]) throws -> [String: Int64] {
        guard !serials.isEmpty else { return [:] }
        return try db.read { db in
            var runs: [String: Int64] = [:]
            for start in stride(from: 0, to: serials.count, by: 500) {
                let some = Array(serials[start..<min(start + 500, serials.count)])
                let marks = Array(repeating: "?", count: some.count).joined(separator: ", ")
                for row in try Row.fetchAll(db, sql: "SELECT serial, runID FROM notice WHERE serial IN (\(marks))", arguments: StatementArguments(some)) {
                    runs[row["serial"]] = row["runID"]
                }
            }
            return runs
        }
    }

    /// The policy and rule file a committed run screened with, as copied into the store; nil when they are gone.
    public func rulesFiles(of runID: Int64) -> (policy: String, regions: String)? {
        let policy = dataFolder.appendingPathComponent("policy-\(runID).toml").path
        let regions = dataFolder.appendingPathComponent("regions-\(runID).csv").path
        guard FileManager.default.fileExists(atPath: policy), FileManager.default.fileExists(atPath: regions) else { return nil }
        return (policy, regions)
    }

    /// The last printed notice of the measure `serial` carries: itself if it was printed, else the nearest notice it
    /// superseded, directly or through others, that was; nil when none was (SPEC 7's release notice names it).
    public func lastPrinted(from serial: String) throws -> String? {
        try lastPrinted(from: [serial])[serial]
    }

    /// `lastPrinted(from:)` of many serials, a few hundred to a statement: a night releases thousands.
    public func lastPrinted(from serials: [String]) throws -> [String: String] {
        guard !serials.isEmpty else { return [:] }
        return try db.read { db in
            var found: [String: String] = [:]
            for start in stride(from: 0, to: serials.count, by: 500) {
                let some = Array(serials[start..<min(start + 500, serials.count)])
                let marks = Array(repeating: "?", count: some.count).joined(separator: ", ")
                // Walks back through `supersedes` until a printed notice; the nearest comes first for each origin.
                for row in try Row.fetchAll(db, sql: """
                    WITH RECURSIVE chain(origin, serial, supersedes, printed, depth) AS (
                      SELECT serial, serial, supersedes, printed, 0 FROM notice WHERE serial IN (\(marks))
                      UNION ALL
                      SELECT chain.origin, notice.serial, notice.supersedes, notice.printed, chain.depth + 1
                      FROM notice JOIN chain ON notice.serial = chain.supersedes WHERE NOT chain.printed
                    )
                    SELECT origin, serial FROM chain WHERE printed ORDER BY origin, depth
                    """, arguments: StatementArguments(some)) {
                    let origin: String = row["origin"]
                    if found[origin] == nil { found[origin] = row["serial"] }
                }
            }
            return found
        }
    }

    /// Releases of a person's measures, with the run that found them and the release notice's serial, if any.
    public func releases(of person: PersonKey) throws -> [(serial: String, runID: Int64, releaseSerial: String?)] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT released.serial, released.runID, released.releaseSerial FROM released JOIN notice USING (serial)
                WHERE notice.person = ? ORDER BY released.runID
                """, arguments: [person.description]).map { ($0["serial"], $0["runID"], $0["releaseSerial"]) }
        }
    }

    /// Rescissions of a person's notices, with the run that made them.
    public func rescissions(of person: PersonKey) throws -> [(serial: String, runID: Int64, reason: String)] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT rescission.serial, rescission.runID, rescission.reason FROM rescission JOIN notice USING (serial)
                WHERE notice.person = ? ORDER BY rescission.runID
                """, arguments: [person.description]).map { ($0["serial"], $0["runID"], $0["reason"]) }
        }
    }

    /// The segments of one kind that the committed runs refer to, oldest first.
    public func segments(kind: String) throws -> [SegmentRecord] {
        try db.read { db in try SegmentRecord.filter(Column("kind") == kind).order(Column("runID")).fetchAll(db) }
    }

    /// Rewrites the stays and residents files that earlier builds wrote without a checksum, with one; returns their names.
    ///
    /// Each file is written anew under another name and swapped in the `segment` table in one transaction; the old
    /// file is removed afterwards. A crash in between leaves either file orphaned, which `removeOrphanFiles` takes
    /// away: the store names one whole file at every moment. Call it under the run lock.
    public func upgradePackedFiles() throws -> [String] {
        let segments = try db.read { db in try SegmentRecord.filter(["stays", "residents"].contains(Column("kind"))).fetchAll(db) }
        var upgraded: [String] = []
        for segment in segments {
            let url = dataFolder.appendingPathComponent(segment.file)
            guard try PackedFile.lacksChecksum(url) else { continue }
            let name = URL(fileURLWithPath: segment.file).deletingPathExtension().lastPathComponent + "-c.bin"
            let target = dataFolder.appendingPathComponent(name)
            let bytes = segment.kind == "stays"
                ? try PackedFile.writeStays(try PackedFile.readStays(url, expectedBytes: segment.bytes), to: target)
                : try PackedFile.writeResidents(try PackedFile.readResidents(url, expectedBytes: segment.bytes), to: target)
            try db.write { db in
                try db.execute(sql: "UPDATE segment SET file = ?, bytes = ? WHERE file = ?", arguments: [name, bytes, segment.file])
            }
            try? FileManager.default.removeItem(at: url)
            upgraded.append(segment.file)
        }
        return upgraded
    }

    /// Removes packed files that no committed run refers to (left by a run that crashed before its commit).
    public func removeOrphanFiles() throws -> [String] {
        let known = Set(try db.read { db in try SegmentRecord.fetchAll(db) }.map(\.file))
        var removed: [String] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dataFolder.path)) ?? [] where !known.contains(name) {
            try? FileManager.default.removeItem(at: dataFolder.appendingPathComponent(name))
            removed.append(name)
        }
        return removed
    }
}
