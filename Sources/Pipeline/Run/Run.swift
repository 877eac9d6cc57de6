import Emit
import Foundation
import Ingest
import Lifecycle
import Logging
import Machinery
import Normalize
import RiskModel
import Screen

/// What a finished run reports to its caller.
public struct RunSummary: Sendable {
    public var folder: URL
    public var runID: Int64
    public var asOf: Day
    public var dryRun: Bool
    public var measures: Int
    public var byStatus: [NoticeStatus: Int]
    public var rescinded: Int
    /// Measures that ended on their own since the last committed run (SPEC 7).
    public var released: Int = 0
    public var rejects: Int
    public var seconds: Double
    /// Every measure in force after the run and the notices rescinded by it, for `diff`.
    public var notices: [Notice]
    public var rescissions: [Rescission]
    /// What each input file of the run gave, the rule file first, then the feeds in the order read (SPEC 5: every run
    /// says which feeds it read).
    public var inputs: [FeedReport] = []

    /// One line for a cron mail: `run 42 as-of 2020-02-06: 318 measures (27 new, 4 amended, 2 rescinded, 5 released), 12 rejects, 3.1 s`.
    public var line: Message {
        let counts: KeyValuePairs<String, any MessageArgument> = [
            "run": Int(runID), "as_of": asOf, "measures": measures, "new": byStatus[.new, default: 0], "amended": byStatus[.amended, default: 0],
            "rescinded": rescinded, "released": released, "rejects": rejects, "seconds": String(format: "%.1f", seconds),
        ]
        return dryRun ? RunText.previewSummary(counts) : RunText.runSummary(counts)
    }

    /// The summary line, then one line per input file read (`  travel_rail.csv (travel, utf-8): 220 read, …`), or the
    /// line that says the run read no feed and screened what the store holds (SPEC 5).
    public var lines: [Message] {
        var out = [line] + inputs.map { RejectPartText.indented(["line": $0.summary]) }
        if !inputs.contains(where: { $0.kind != "regions" }) { out.append(RejectPartText.indented(["line": RunText.noFeeds()])) }
        return out
    }
}

/// The version written into manifests.
public let programVersion = "0.2.0"

/// One run of the pipeline: prepare → ingest → load → screen → reconcile → emit → commit and publish.
///
/// Each stage is a function from the values the earlier stages made to its own; the `RunContext` owns what
/// outlives a stage (background jobs, the lock, clean-up).
public struct Run {
    let settings: RunSettings
    let logger: Logger
    /// Where long stages report their progress (a terminal's progress bar); nil reports nothing.
    public var progress: (any ProgressSink)?

    public init(settings: RunSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Runs the pipeline; every error comes out as a `RunError` carrying its exit status.
    public func execute() throws(RunError) -> RunSummary {
        let context = RunContext(logger: logger, progress: progress, workers: settings.workers)
        defer { context.finish() }
        do {
            // A stop requested by SIGTERM or SIGINT is honoured at each stage's end (and within the long ones),
            // until the store commits; the clean-up is the context's, as after any error.
            let prepared = try prepare(context)
            try context.checkpoint()
            let ingested = try ingest(prepared, context)
            try context.checkpoint()
            let loaded = try load(prepared, ingested, context)
            try context.checkpoint()
            let findings = try screen(prepared, ingested, loaded, context)
            try context.checkpoint()
            let reconciliation = try reconcile(findings, prepared, ingested, loaded, context)
            try context.checkpoint()
            let followUp = try followUp(reconciliation, prepared, context)
            let staged = try emit(reconciliation, followUp, prepared, ingested, loaded, context)
            try context.checkpoint()
            var summary = try commitAndPublish(staged, prepared, context)
            summary.inputs = [prepared.rules.report] + ingested.reports
            if StopRequest.signal != 0 {
                logger.warning("\(RunText.stopAfterCommit())", metadata: ["signal": "\(StopRequest.name(of: StopRequest.signal))"])
            }
            return summary
        } catch {
            throw RunError.from(error)
        }
    }

    // MARK: - Stages

    /// Validated settings, the rules, the store under its lock and the place of this run among the committed ones.
    struct Prepared {
        var asOf: Day
        var policy: Policy
        var policyPath: String
        var policySHA: String
        var regions: FeedInput
        /// The rule file read; its names are settled, and its bad rows listed, once the residents are known (`ingest`).
        var rules: ParsedRuleFile
        /// The national table and the config's gazetteer files (SPEC 10 sources 1 and 2).
        var gazetteer: Gazetteer
        var store: Store
        var publisher: Publisher
        var last: RunRecord?
        var runID: Int64
        /// Notices in force after the last committed run, read while the feeds are parsed.
        var priorNotices: BackgroundTask<[PriorNotice]>
        /// When each of them was issued and what grid workers reported of it (SPEC 8), read likewise.
        var priorDeliveries: BackgroundTask<[String: NoticeDelivery]>

        var dryRun: Bool
        var storesFiles: Bool { !dryRun }
    }

    /// Reads the rules (a run never screens with a half-read rule file or a bad policy), takes the lock, and brings
    /// the output folder in line with the store.
    func prepare(_ context: RunContext) throws -> Prepared {
        let v = try settings.validated()
        context.hold(try RunLock(statePath: v.state))
        let policy = try Policy.load(path: v.policy)
        let policySHA = try SHA256Hasher.hash(file: v.policy)
        let gazetteer = try settings.baseGazetteer()
        let rules = try RuleFile.parse(v.regions, gazetteer: gazetteer)
        context.lap("rules")

        let store = try Store(path: v.state)
        let publisher = Publisher(root: v.out)
        Run.logModes(store.modeChanges + (try publisher.prepareFolders()), warnings: store.modeWarnings, logger)
        let committed = try store.runs().map(\.folder)
        if let current = publisher.latestName(), !committed.contains(current) {
            throw RunError.configuration(RunText.foreignLatest(["out": v.out.path, "run": current, "state": v.state]))
        }
        try publisher.recover(committed: committed)
        _ = try store.removeOrphanFiles()
        if !settings.dryRun {
            for file in try store.upgradePackedFiles() {
                logger.notice("\(RunText.storeFileUpgraded())", metadata: ["file": "\(file)"])
            }
        }
        let last = try store.lastRun()
        if let last, let lastDay = Day(iso: last.asOf), v.asOf < lastDay, !settings.force {
            throw RunError.configuration(RunText.asOfEarlier(["as_of": v.asOf, "last": last.asOf, "run": Int(last.id ?? 0)]))
        }
        let prior = context.background { [store, last] in try store.priorNotices(after: last) }
        let deliveries = context.background { [store, last] in try store.noticeDeliveries(after: last) }
        return Prepared(asOf: v.asOf, policy: policy, policyPath: v.policy, policySHA: policySHA, regions: v.regions, rules: rules, gazetteer: gazetteer,
                        store: store, publisher: publisher, last: last, runID: try store.nextRunID(), priorNotices: prior,
                        priorDeliveries: deliveries, dryRun: settings.dryRun)
    }

    /// What tonight's feeds gave, and the residence snapshot the run screens with.
    struct Ingested {
        var reports: [FeedReport] = []
        var rejects: [Reject] = []
        /// Tonight's snapshot, to store; nil without a residence feed.
        var newResidents: ResidentTable?
        /// The snapshot in force: tonight's, else the stored one.
        var residents: ResidentTable
        var travel: TravelBatch?
        /// Every committed run's stays, read from disk while the feeds are parsed.
        var storedStays: BackgroundTask<[[StayParts.Part]]>
        /// Tonight's residents' packed file, written while the travel feeds were parsed (the disk is idle then).
        var residentsFiles: [SegmentRecord]
        /// The gazetteer with the snapshot's community names (SPEC 10), and the rule file's designations settled in it.
        var gazetteer: Gazetteer
        var designations: [Designation]
    }

    /// Reads the residence and travel feeds; refuses empty feeds and feeds with too many rejected rows.
    func ingest(_ p: Prepared, _ context: RunContext) throws -> Ingested {
        let workers = context.workers
        // The stored residents are mapped first: the kernel reads the files in the order they are mapped, and their
        // digests are wanted before the first travel record, the stored stays only once the feeds are read.
        let storedResidents = settings.residents.isEmpty ? try p.store.residents() : nil
        let storedStays = context.background { [store = p.store] in try store.storedStays() }
        var reports: [FeedReport] = [], rejects: [Reject] = []
        var newResidents: ResidentTable?
        var people: FlatSet?
        if !settings.residents.isEmpty {
            let batch = try context.progress.watchingFeeds { try ResidentFeed.read(settings.residents, workers: workers) }
            reports += batch.reports
            rejects += batch.rejects
            newResidents = batch.table
            people = batch.people
        }
        // The writer hands back the table with its text read from the file: the text in memory (names and addresses,
        // 400 MB for a province's wide feed) is freed once the file is written, while the travel feeds are parsed.
        let residentsFile = p.storesFiles ? newResidents.map { table in
            context.background { [store = p.store, runID = p.runID] in
                let segments = try store.writeFiles(runID: runID, stays: nil, residents: table, rules: nil)
                return (segments: segments, table: try store.residents(table, textOf: segments))
            }
        } : nil
        // However the run ends, once its writers are done, the files no committed row names go: the stored stays
        // files a merging night replaced, or the files of a run that stopped early. The stays writer, registered
        // later, is joined before this step; the residents writer is joined here.
        if p.storesFiles {
            context.atEnd { [store = p.store] in
                residentsFile?.join()
                _ = try? store.removeOrphanFiles()
            }
        }
        var residents = newResidents ?? storedResidents ?? ResidentTable()
        // The rule file's names need the snapshot's community names (SPEC 10 source 3): settled now, before the
        // travel feeds, and every bad row (fields and names) listed at once.
        let gazetteer = p.gazetteer.addingCommunities(Gazetteer.communities(of: residents))
        let designations = try p.rules.designations(in: gazetteer)
        var travelPeople = people.take() ?? (settings.travel.isEmpty ? nil : residents.people())
        if residentsFile != nil {
            // The writer's copy is the last that holds the text; the table comes back from it below.
            newResidents = nil
            residents = ResidentTable()
        }
        var travel: TravelBatch?
        if !settings.travel.isEmpty {
            // Handed over, not kept: the set is freed as soon as the feeds are parsed, before the dedupe's tables.
            let batch = try context.progress.watchingFeeds {
                try TravelFeed.read(settings.travel, residents: travelPeople.take() ?? FlatSet(capacity: 0), workers: workers)
            }
            reports += batch.reports
            rejects += batch.rejects
            travel = batch
        }
        var residentsFiles: [SegmentRecord] = []
        if let written = try residentsFile?.wait() {
            residentsFiles = written.segments
            newResidents = written.table
            residents = written.table
        }
        context.lap("ingest")
        CrashPoint.hit("after-ingest")
        try Run.checkRejectRates(reports, rejects: rejects, settings: settings)
        return Ingested(reports: reports, rejects: rejects, newResidents: newResidents, residents: residents, travel: travel,
                        storedStays: storedStays, residentsFiles: residentsFiles, gazetteer: gazetteer, designations: designations)
    }

    /// The stays in force (the stored runs' merged with tonight's) and what the run stores of them.
    struct Loaded {
        var stays: StayParts
        /// The stays this run writes: tonight's, or every stay in force when it merges the stored files.
        var staysToStore: StayParts?
        var mergesStoredStays: Bool
        /// The run's packed stays file, written while the run screens and renders.
        var packedFiles: BackgroundTask<[SegmentRecord]>?
    }

    func load(_ p: Prepared, _ i: Ingested, _ context: RunContext) throws -> Loaded {
        let storedRuns = try i.storedStays.wait()
        // Many stored runs' files are merged into this run's one (`Store.staysFilesToMerge`).
        let merges = storedRuns.count >= Store.staysFilesToMerge
        let stays = Store.merge(storedRuns, with: i.travel?.stays, workers: context.workers)
        let toStore = merges ? stays : i.travel?.stays
        context.lap("load")
        let packedFiles = p.storesFiles ? context.background { [store = p.store, runID = p.runID, policy = p.policyPath, regions = p.regions.path] in
            try store.writeFiles(runID: runID, stays: toStore, residents: nil, rules: (policy: policy, regions: regions))
        } : nil
        return Loaded(stays: stays, staysToStore: toStore, mergesStoredStays: merges, packedFiles: packedFiles)
    }

    /// SPEC 2: each exposed person's measure, with the name and place it is printed with and its stay region's name.
    func screen(_ p: Prepared, _ i: Ingested, _ l: Loaded, _ context: RunContext) throws -> [Finding] {
        let screener = Screener(policy: p.policy, designations: i.designations, asOf: p.asOf)
        let best = context.progress.watching(RunText.screening(["stays": l.stays.count]).description) { screener.screen(l.stays, workers: context.workers) }
        context.lap("screen")
        var findings = Findings.attach(best, designations: i.designations, residents: i.residents, stays: l.stays, workers: context.workers)
        PaperTrail.nameStayRegions(&findings, gazetteer: i.gazetteer)
        context.lap("names")
        return findings
    }

    /// SPEC 3 and 7: statuses and serials against the last committed run, released measures, and why notices changed.
    func reconcile(_ findings: [Finding], _ p: Prepared, _ i: Ingested, _ l: Loaded, _ context: RunContext) throws -> Reconciliation {
        var reconciliation = try Reconciler.reconcile(findings, previous: p.priorNotices.wait(), asOf: p.asOf, workers: context.workers,
                                                      lastSequence: p.store.lastSequence, notices: p.store.notices(serials:),
                                                      lastPrinted: p.store.lastPrinted(from:))
        let rules = PaperTrail.Rules(asOf: p.asOf, policySHA: p.policySHA, regionsSHA: p.rules.report.sha256)
        try PaperTrail.attachCauses(&reconciliation, current: rules, store: p.store, stays: l.stays, gazetteer: i.gazetteer, workers: context.workers)
        context.lap("lifecycle")
        return reconciliation
    }

    /// SPEC 8: where the paper of each notice in force stands, from what grid workers reported.
    func followUp(_ reconciliation: Reconciliation, _ p: Prepared, _ context: RunContext) throws -> FollowUp {
        let followUp = FollowUp(notices: reconciliation.notices, prior: try p.priorDeliveries.wait(), asOf: p.asOf,
                                deliveryDays: settings.deliveryDays)
        context.lap("follow-up")
        return followUp
    }

    /// A run's outputs written into its staging folder, and its store transaction under way.
    struct Staged {
        var name: String
        var folder: URL
        var summary: (URL) -> RunSummary
        var pending: PendingCommit?
        var packedFiles: BackgroundTask<[SegmentRecord]>?
        var residentsFiles: [SegmentRecord]
    }

    /// Writes the CSVs, batches, worklists, manifest and report into a staging folder while the store's transaction
    /// inserts the notices on another thread.
    func emit(_ reconciliation: Reconciliation, _ followUp: FollowUp, _ p: Prepared, _ i: Ingested, _ l: Loaded,
              _ context: RunContext) throws -> Staged {
        let name = Publisher.folderName(runID: p.runID, asOf: p.asOf.description)
        // Counted once, by value: the run record, the summary and the manifest (by text) all take them from here.
        let tally = NoticeTally(reconciliation.notices)
        let now = ISO8601DateFormatter().string(from: Date())
        let record = RunRecord(
            id: p.runID, asOf: p.asOf.description, startedAt: now, finishedAt: now, policyName: p.policy.name, policyFile: p.policyPath,
            policySHA256: p.policySHA, regionsFile: p.regions.path, regionsSHA256: p.rules.report.sha256, folder: name,
            measures: reconciliation.notices.count, newCount: tally.byStatus[.new, default: 0], amendedCount: tally.byStatus[.amended, default: 0],
            continuingCount: tally.byStatus[.continuing, default: 0], rescindedCount: reconciliation.rescinded.count, rejects: i.rejects.count,
            forced: settings.force)
        let inputs = i.reports.map {
            RunInputRecord(runID: p.runID, kind: $0.kind, feed: $0.feed, path: $0.path, sha256: $0.sha256, read: $0.read,
                           accepted: $0.accepted, rejected: $0.rejected, duplicates: $0.duplicates)
        }
        // The notices go into the store's transaction on another thread while the outputs are staged; it commits
        // only after they and the packed files are on disk, and rolls back if the run stops before that.
        let pending = p.storesFiles ? p.store.beginCommit(RunCommit(
            run: record, inputs: inputs, stays: l.staysToStore, residents: i.newResidents, reconciliation: reconciliation,
            rules: (policy: p.policyPath, regions: p.regions.path), replacesStoredStays: l.mergesStoredStays)) : nil
        if let pending { context.atEnd { pending.abandon() } }

        let staging = try p.publisher.stage(name)
        // A run that ends before its commit takes its staged folder with it; after the commit the folder is the
        // run's own, which the next run publishes if this one could not.
        context.atEnd { [unowned context] in
            if !context.committed { try? FileManager.default.removeItem(at: staging) }
        }
        var files = ["measures.csv", "rescinded.csv", "released.csv", "rejects.csv", "followup.csv", "health_codes.csv"]
        try Outputs.measures(reconciliation.notices).write(to: staging.appendingPathComponent("measures.csv"))
        try Outputs.rescinded(reconciliation.rescinded).write(to: staging.appendingPathComponent("rescinded.csv"))
        try Outputs.released(reconciliation.released).write(to: staging.appendingPathComponent("released.csv"))
        try Outputs.rejects(i.rejects).write(to: staging.appendingPathComponent("rejects.csv"))
        try Outputs.followUp(reconciliation.notices, followUp).write(to: staging.appendingPathComponent("followup.csv"))
        let healthCodes = HealthCodes.changes(reconciliation, asOf: p.asOf, colours: p.policy.healthCodes)
        try HealthCodes.csv(healthCodes).write(to: staging.appendingPathComponent("health_codes.csv"))
        if settings.render {
            files += try context.progress.watching(PaperText.rendering(["n": reconciliation.notices.count]).description) {
                try Rendering(settings: settings, logger: logger).render(reconciliation, asOf: p.asOf, runName: name,
                                                                 deliveries: followUp.deliveries(reconciliation.notices), into: staging)
            }
        }
        context.lap("emit")

        let facts = RunFacts(
            version: programVersion, runID: p.runID, dryRun: settings.dryRun, asOf: p.asOf,
            policy: .init(file: p.policyPath, sha256: p.policySHA, name: p.policy.name),
            regions: .init(file: p.regions.path, sha256: p.rules.report.sha256, designations: i.designations.count),
            previous: p.last.flatMap { r in r.id.map { ($0, r.asOf) } }, deliveryDays: settings.deliveryDays)
        try Outputs.writeManifestAndReport(facts, reports: i.reports, reconciliation: reconciliation, rejects: i.rejects, tally: tally,
                                           followUp: followUp, healthCodes: healthCodes,
                                           stays: l.stays.count, residents: i.residents.count, files: files, timings: context.timings,
                                           into: staging)

        let summary = { [settings, started = context.started] (folder: URL) in
            RunSummary(folder: folder, runID: p.runID, asOf: p.asOf, dryRun: settings.dryRun, measures: reconciliation.notices.count,
                       byStatus: tally.byStatus, rescinded: reconciliation.rescinded.count, released: reconciliation.released.count,
                       rejects: i.rejects.count,
                       seconds: Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9,
                       notices: reconciliation.notices, rescissions: reconciliation.rescinded)
        }
        return Staged(name: name, folder: staging, summary: summary, pending: pending, packedFiles: l.packedFiles, residentsFiles: i.residentsFiles)
    }

    /// Commits the store (once the staged folder and the packed files are on disk), then moves the folder into
    /// `runs/` and points `latest` at it; a dry run publishes its folder under `previews/` and commits nothing.
    func commitAndPublish(_ s: Staged, _ p: Prepared, _ context: RunContext) throws -> RunSummary {
        guard let pending = s.pending else {
            return s.summary(try p.publisher.publish(s.folder, name: s.name, preview: true))
        }
        try p.publisher.sync(s.folder)
        let written = try (s.packedFiles?.wait() ?? []) + s.residentsFiles
        context.lap("write-store-files")
        CrashPoint.hit("files-written")
        try context.checkpoint()
        try pending.finish(files: written)
        context.committed = true
        context.lap("store-commit")
        CrashPoint.hit("after-commit")
        // The folder enters runs/ only once the store has committed it: runs/ never shows a run that did not happen.
        // A crash from here on is finished by `Publisher.recover`, which moves the staged folder in and swaps latest.
        CrashPoint.hit("before-publish")
        let folder = try p.publisher.publish(s.folder, name: s.name, preview: false)
        CrashPoint.hit("after-publish")
        try p.publisher.pointLatest(to: s.name)
        context.lap("publish")
        return s.summary(folder)
    }

    /// Logs the modes the run changed on existing files (SPEC 5): a warning where they were too open.
    static func logModes(_ changes: [FileModes.Change], warnings: [Message], _ logger: Logger) {
        for change in changes {
            if change.tightened {
                logger.warning("\(RunText.modeTightened())", metadata: ["change": "\(change)"])
            } else {
                logger.info("\(RunText.modeSet())", metadata: ["change": "\(change)"])
            }
        }
        for warning in warnings { logger.warning("\(RunText.modeLeft())", metadata: ["problem": "\(warning)"]) }
    }

    /// Refuses empty feeds (unless allowed) and feeds whose share of rejected rows is above the limit.
    static func checkRejectRates(_ reports: [FeedReport], rejects: [Reject], settings: RunSettings) throws {
        var problems: [Message] = []
        for r in reports {
            if r.read == 0 && !settings.allowEmpty {
                problems.append(RunText.emptyFeed(["path": r.path, "kind": r.kind]))
            } else if r.rejectRate > settings.maxRejectRate {
                let examples = rejects.filter { $0.file == r.path }.prefix(5).map { RunText.example(["reject": $0.brief]) }
                problems.append(RunText.tooManyRejects([
                    "path": r.path, "rejected": r.rejected, "read": r.read, "rate": String(format: "%.1f", r.rejectRate * 100),
                    "limit": String(format: "%.1f", settings.maxRejectRate * 100), "examples": Message.Value.lines(examples),
                ]))
            }
        }
        guard problems.isEmpty else { throw RunError.inputRejected(RunText.lines(["lines": Message.Value.lines(problems)])) }
    }
}
