import Emit
import Foundation
import Ingest
import Lifecycle
import Normalize
import RiskModel

/// What `riskscreen feedback` is asked to do.
public struct FeedbackSettings: Sendable {
    /// Returned worklists and scan lists, in the order given: a later file's outcome is the later import.
    public var files: [String]
    public var state: String
    /// What a scan list's rows and a worklist's undated outcomes mean, and the latest `送达日期` accepted.
    public var date: Day
    public var dryRun = false
    public var maxRejectRate = 0.01

    public init(files: [String], state: String, date: Day) {
        self.files = files
        self.state = state
        self.date = date
    }
}

/// What an import did, for the office: counts per file, per outcome and per community.
public struct FeedbackSummary: Sendable {
    /// What became of one file.
    public struct File: Sendable {
        public var path: String
        public var kind: FeedbackKind?
        /// Why it was not read: imported before, or given twice.
        public var skipped: Message?
        public var rows = 0
        public var recorded = 0
        public var blank = 0
        public var duplicates = 0
        /// Recorded for notices no longer in force, by where they stand.
        public var history: [SerialFacts.Standing: Int] = [:]
        public var rejected = 0
        /// Where its rejected rows were written.
        public var rejectsFile: String?

        public var rejectRate: Double { rows == 0 ? 0 : Double(rejected) / Double(rows) }
    }

    public var date: Day
    public var dryRun: Bool
    public var files: [File] = []
    public var byOutcome: [DeliveryOutcome: Int] = [:]
    /// Recorded outcomes per community (nil: unassigned), with the community's name.
    public var byCommunity: [RegionCode?: (name: String, outcomes: [DeliveryOutcome: Int])] = [:]

    public var recorded: Int { files.reduce(0) { $0 + $1.recorded } }

    /// The lines `feedback` prints.
    public var lines: [Message] {
        var out: [Message] = []
        for f in files {
            if let skipped = f.skipped {
                out.append(FeedbackText.skipped(["path": f.path, "why": skipped]))
                continue
            }
            var parts: [Message] = [FeedbackText.recorded(["n": f.recorded])]
            let history = f.history.values.reduce(0, +)
            if history > 0 {
                let kinds = SerialFacts.Standing.allCases.compactMap { s in f.history[s].map { FeedbackText.standingCount(["n": $0, "standing": s.message]) } }
                parts.append(FeedbackText.history(["n": history, "kinds": kinds]))
            }
            parts.append(FeedbackText.blank(["n": f.blank]))
            if f.duplicates > 0 { parts.append(FeedbackText.duplicates(["n": f.duplicates])) }
            parts.append(f.rejectsFile.map { FeedbackText.rejectedIn(["n": f.rejected, "file": $0]) } ?? FeedbackText.rejected(["n": f.rejected]))
            let kind = f.kind.map { $0 == .worklist ? FeedbackText.kindWorklist() : FeedbackText.kindScanList() } ?? FeedbackText.kindFile()
            out.append(FeedbackText.fileLine(["path": f.path, "kind": kind, "rows": f.rows, "parts": Message.Value.clauses(parts)]))
        }
        let counts = DeliveryOutcome.recorded.map { o in FeedbackText.outcomeCount(["outcome": o.message, "n": byOutcome[o, default: 0]]) }
        let total: KeyValuePairs<String, any MessageArgument> = ["n": recorded, "date": date, "counts": Message.Value.clauses(counts)]
        switch (dryRun, recorded == 0) {
        case (false, true): out.append(FeedbackText.total(total))
        case (false, false): out.append(FeedbackText.totalCounts(total))
        case (true, true): out.append(FeedbackText.dryRunTotal(total))
        case (true, false): out.append(FeedbackText.dryRunTotalCounts(total))
        }
        let communities = byCommunity.keys.sorted { ($0?.raw ?? .max) < ($1?.raw ?? .max) }
        for c in communities {
            guard let entry = byCommunity[c] else { continue }
            let counts = DeliveryOutcome.recorded.compactMap { o in entry.outcomes[o].map { FeedbackText.outcomeCount(["outcome": o.message, "n": $0]) } }
            if let c {
                out.append(FeedbackText.community(["code": c.twelveDigits, "name": entry.name, "counts": Message.Value.clauses(counts)]))
            } else {
                out.append(FeedbackText.communityUnassigned(["counts": Message.Value.clauses(counts)]))
            }
        }
        return out
    }
}

extension SerialFacts.Standing {
    /// Where a notice stands, in words.
    var message: Message {
        switch self {
        case .inForce: FeedbackText.standingInForce()
        case .superseded: FeedbackText.standingSuperseded()
        case .rescinded: FeedbackText.standingRescinded()
        case .released: FeedbackText.standingReleased()
        }
    }
}

/// `riskscreen feedback` (SPEC 8): records what grid workers reported of the notices they delivered.
public enum Feedback {
    /// Reads every file, checks each reported outcome against the store, and records them all in one transaction,
    /// or none when a file has more rejected rows than allowed (exit 2). Rejected rows go to `FILE.rejects.csv`
    /// beside each file, in a dry run too.
    public static func execute(_ settings: FeedbackSettings) throws(RunError) -> FeedbackSummary {
        do {
            guard FileManager.default.fileExists(atPath: settings.state) else {
                throw RunError.configuration(FeedbackText.noStateStore(["state": settings.state]))
            }
            let lock = try RunLock(statePath: settings.state)
            defer { withExtendedLifetime(lock) {} }
            let store = try Store(path: settings.state)
            return try record(settings, store: store)
        } catch {
            throw RunError.from(error)
        }
    }

    private static func record(_ settings: FeedbackSettings, store: Store) throws -> FeedbackSummary {
        var summary = FeedbackSummary(date: settings.date, dryRun: settings.dryRun)
        var reads: [FeedbackRead] = []
        var seen: [String: String] = [:]
        for path in settings.files {
            let sha = try SHA256Hasher.hash(file: path)
            if let first = seen[sha] {
                summary.files.append(.init(path: path, skipped: FeedbackText.sameFileGiven(["first": first])))
                continue
            }
            seen[sha] = path
            if let before = try store.feedbackImport(sha256: sha) {
                summary.files.append(.init(path: path, skipped: FeedbackText.importedBefore(["day": before.importedOn, "path": before.path])))
                continue
            }
            reads.append(try FeedbackFile.read(path: path))
        }

        let serials = Array(Set(reads.flatMap { $0.reported.map(\.serial) }))
        let facts = try store.serialFacts(serials)
        var recorded = try store.recordedOutcomes(serials: serials)
        var batches: [FeedbackBatch] = []
        var problems: [Message] = []
        let importedAt = ISO8601DateFormatter().string(from: Date())
        for var read in reads {
            var file = FeedbackSummary.File(path: read.path, kind: read.kind)
            var outcomes: [DeliveryOutcomeRecord] = []
            for row in read.reported {
                guard let known = facts[row.serial] else {
                    read.rejects.append(Reject(feed: read.kind.rawValue, file: read.path, line: row.line, column: read.serialColumn,
                                               problem: FeedbackText.unknownSerial(["serial": row.serial]),
                                               raw: row.raw))
                    continue
                }
                let on = row.on ?? settings.date
                if on > settings.date {
                    read.rejects.append(Reject(feed: read.kind.rawValue, file: read.path, line: row.line, column: read.dateColumn,
                                               problem: FeedbackText.dateAfterImport(["on": on, "date": settings.date]),
                                               raw: row.raw))
                    continue
                }
                if on < known.issuedOn {
                    read.rejects.append(Reject(feed: read.kind.rawValue, file: read.path, line: row.line, column: read.dateColumn,
                                               problem: FeedbackText.dateBeforeIssue(["on": on, "issued": known.issuedOn]),
                                               raw: row.raw))
                    continue
                }
                // The same outcome on the same day again (a receipt scanned twice, a worklist returned once more
                // with more filled in) is history already.
                guard recorded[row.serial, default: []].insert(row.outcome.code + " " + on.description).inserted else {
                    file.duplicates += 1
                    continue
                }
                outcomes.append(DeliveryOutcomeRecord(importID: 0, serial: row.serial, outcome: row.outcome.code, deliveredOn: on.description,
                                                      note: row.note, line: row.line))
                file.recorded += 1
                if known.standing != .inForce { file.history[known.standing, default: 0] += 1 }
                summary.byOutcome[row.outcome, default: 0] += 1
                summary.byCommunity[known.community, default: (name: known.communityName, outcomes: [:])].outcomes[row.outcome, default: 0] += 1
            }
            file.rows = read.rows
            file.blank = read.blank
            file.rejected = read.rejects.count
            file.rejectsFile = try writeRejects(read)
            if file.rejectRate > settings.maxRejectRate {
                let examples = read.rejects.sorted { $0.line < $1.line }.prefix(5).map { RejectPartText.indented(["line": $0.brief]) }
                problems.append(FeedbackText.tooManyRejects([
                    "file": read.path, "rejected": file.rejected, "rows": file.rows, "percent": String(format: "%.1f", file.rejectRate * 100),
                    "limit": String(format: "%.1f", settings.maxRejectRate * 100), "rejects": file.rejectsFile ?? "", "examples": Message.Value.lines(examples),
                ]))
            }
            summary.files.append(file)
            batches.append(FeedbackBatch(file: FeedbackImportRecord(
                sha256: read.sha256, path: URL(fileURLWithPath: read.path).standardizedFileURL.path, kind: read.kind.rawValue, importedAt: importedAt, importedOn: settings.date.description,
                rowsRead: read.rows, recorded: file.recorded, blank: read.blank, duplicates: file.duplicates,
                history: file.history.values.reduce(0, +), rejected: file.rejected), outcomes: outcomes))
        }
        guard problems.isEmpty else {
            throw RunError.inputRejected(RunText.lines(["lines": Message.Value.lines(problems + [FeedbackText.nothingRecorded()])]))
        }
        if !settings.dryRun { try store.recordFeedback(batches) }
        return summary
    }

    /// Writes a file's rejected rows to `FILE.rejects.csv` beside it and returns that path; with none, removes
    /// one an earlier import left and returns nil.
    private static func writeRejects(_ read: FeedbackRead) throws -> String? {
        let path = read.path + ".rejects.csv"
        guard !read.rejects.isEmpty else {
            if FileManager.default.fileExists(atPath: path) { try? FileManager.default.removeItem(atPath: path) }
            return nil
        }
        do {
            try Outputs.rejects(read.rejects.sorted { $0.line < $1.line }).write(to: URL(fileURLWithPath: path))
        } catch {
            throw RunError.configuration(FeedbackText.cannotWriteRejects(["path": path, "reason": "\(error)"]))
        }
        return path
    }
}
