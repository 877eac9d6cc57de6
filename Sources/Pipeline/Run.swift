import Dispatch
import Emit
import Foundation
import Ingest
import Lifecycle
import Logging
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
    public var rejects: Int
    public var seconds: Double
    /// Every measure in force after the run and the notices rescinded by it, for `diff`.
    public var notices: [Notice]
    public var rescissions: [Rescission]

    /// One line for a cron mail: `run 42 as-of 2020-02-06: 318 measures (27 new, 4 amended, 2 rescinded), 12 rejects, 3.1 s`.
    public var line: String {
        let kind = dryRun ? "preview" : "run"
        return "\(kind) \(runID) as-of \(asOf): \(measures) measures (\(byStatus[.new, default: 0]) new, \(byStatus[.amended, default: 0]) amended, "
            + "\(rescinded) rescinded), \(rejects) rejects, \(String(format: "%.1f", seconds)) s"
    }
}

/// The version written into manifests.
public let programVersion = "0.1.0"

/// One run of the pipeline: ingest → normalise → screen → lifecycle → emit, then commit and publish.
public struct Run {
    let settings: RunSettings
    let logger: Logger
    /// Where long stages report their progress (a terminal's progress bar); nil reports nothing.
    public var progress: (any ProgressSink)?
    private var timings: [String: Double] = [:]
    private var clock = DispatchTime.now()

    public init(settings: RunSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    private mutating func lap(_ stage: String) {
        let now = DispatchTime.now()
        let seconds = Double(now.uptimeNanoseconds - clock.uptimeNanoseconds) / 1e9
        timings[stage] = seconds
        logger.info("stage done", metadata: ["stage": "\(stage)", "seconds": "\(String(format: "%.3f", seconds))"])
        clock = now
    }

    /// Runs the pipeline; every error comes out as a `RunError` carrying its exit status.
    public mutating func execute() throws(RunError) -> RunSummary {
        do {
            return try executeStages()
        } catch {
            throw RunError.from(error)
        }
    }

    private mutating func executeStages() throws -> RunSummary {
        let started = DispatchTime.now()
        let v = try settings.validated()
        let lock = try RunLock(statePath: v.state)
        defer { withExtendedLifetime(lock) {} }

        // Rules first: a run never screens with a half-read rule file or a bad policy.
        let policy = try Policy.load(path: v.policy)
        let policySHA = try SHA256Hasher.hash(file: v.policy)
        let rules = try RuleFile.read(v.regions)
        lap("rules")

        let store = try Store(path: v.state)
        let publisher = Publisher(root: v.out)
        let committed = try store.runs().map(\.folder)
        if let current = publisher.latestName(), !committed.contains(current) {
            throw RunError.configuration("\(v.out.path)/latest points at \(current), a run the state store \(v.state) never committed; "
                + "an output folder belongs to one state store: give the store it belongs to, or another --out")
        }
        try publisher.recover(committed: committed)
        _ = try store.removeOrphanFiles()
        let last = try store.lastRun()
        if let last, let lastDay = Day(iso: last.asOf), v.asOf < lastDay, !settings.force {
            throw RunError.configuration("as-of \(v.asOf) is earlier than the last committed run's (\(last.asOf), run \(last.id ?? 0)); pass --force to screen for a past date anyway")
        }

        // The stored residents are mapped first: the kernel reads the files in the order they are mapped, and
        // their digests are wanted before the first travel record, the stored stays only once the feeds are read.
        let storedResidents = settings.residents.isEmpty ? try store.residents() : nil
        // The stored stays are read from disk while tonight's feeds are parsed.
        let storedStays = BackgroundWork { [store] in try store.storedStays() }
        let previousNotices = BackgroundWork { [store, last] in try store.priorNotices(after: last) }
        let runID = try store.nextRunID()
        var reports: [FeedReport] = []
        var rejects: [Reject] = []
        // Tonight's snapshot, kept to store; its people's digests are kept only until the travel feeds are read.
        var residentTable: ResidentTable?
        var people: IdentitySet?
        if !settings.residents.isEmpty {
            let batch = try progress.watchingFeeds { try ResidentFeed.read(settings.residents) }
            reports += batch.reports
            rejects += batch.rejects
            residentTable = batch.table
            people = batch.people
        }
        // The residents' packed file is written while the travel feeds are parsed: the disk is idle then, and the
        // stays' file alone is left for the end of the run.
        let residentsFile = settings.dryRun ? nil : residentTable.map { table in
            BackgroundWork { [store] in try store.writeFiles(runID: runID, stays: nil, residents: table, rules: nil) }
        }
        // However the run ends, once its writers are done (`packedFiles` is joined first), the files no committed row
        // names go: the stored stays files a merging night replaced, or the files of a run that stopped early.
        defer {
            residentsFile?.join()
            if !settings.dryRun { _ = try? store.removeOrphanFiles() }
        }
        let residents = residentTable ?? storedResidents ?? ResidentTable()
        var travel: TravelBatch?
        if !settings.travel.isEmpty {
            // Handed over, not kept: the set is freed as soon as the feeds are parsed, before the dedupe's tables.
            let batch = try progress.watchingFeeds { try TravelFeed.read(settings.travel, residents: people.take() ?? residents.people()) }
            reports += batch.reports
            rejects += batch.rejects
            travel = batch
        }
        lap("ingest")
        CrashPoint.hit("after-ingest")
        try Run.checkRejectRates(reports, rejects: rejects, settings: settings)

        let storedRuns = try storedStays.wait()
        // Many stored runs' files are merged into this run's one (`Store.staysFilesToMerge`).
        let mergesStoredStays = storedRuns.count >= Store.staysFilesToMerge
        let stored = Store.merge(storedRuns, with: travel?.stays)
        let staysToStore = mergesStoredStays ? stored : travel?.stays
        lap("load")

        // The packed files take seconds to write at province scale: write them while the run screens and renders.
        let packedFiles = settings.dryRun ? nil : BackgroundWork { [store, staysToStore, v] in
            try store.writeFiles(runID: runID, stays: staysToStore, residents: nil, rules: (policy: v.policy, regions: v.regions.path))
        }
        defer { packedFiles?.join() }

        let screener = Screener(policy: policy, designations: rules.designations, asOf: v.asOf)
        let best = progress.watching("screening \(stored.count) stays") { screener.screen(stored) }
        lap("screen")

        let findings = Run.findings(best, designations: rules.designations, residents: residents, stays: stored)
        let reconciliation = try Reconciler.reconcile(findings, previous: previousNotices.wait(), asOf: v.asOf, lastSequence: store.lastSequence,
                                                      notices: store.notices(serials:))
        lap("lifecycle")

        let name = Publisher.folderName(runID: runID, asOf: v.asOf.description)
        // Counted once, by value: the run record, the summary and the manifest (by text) all take them from here.
        let tally = NoticeTally(reconciliation.notices)
        let statusCounts = tally.byStatus
        let now = ISO8601DateFormatter().string(from: Date())
        let record = RunRecord(
            id: runID, asOf: v.asOf.description, startedAt: now, finishedAt: now, policyName: policy.name, policyFile: v.policy,
            policySHA256: policySHA, regionsFile: v.regions.path, regionsSHA256: rules.report.sha256, folder: name,
            measures: reconciliation.notices.count, newCount: statusCounts[.new, default: 0], amendedCount: statusCounts[.amended, default: 0],
            continuingCount: statusCounts[.continuing, default: 0], rescindedCount: reconciliation.rescinded.count, rejects: rejects.count,
            forced: settings.force)
        let inputs = reports.map {
            RunInputRecord(runID: runID, kind: $0.kind, feed: $0.feed, path: $0.path, sha256: $0.sha256, read: $0.read,
                           accepted: $0.accepted, rejected: $0.rejected, duplicates: $0.duplicates)
        }
        // The notices go into the store's transaction on another thread while the outputs are staged; it commits
        // only after they and the packed files are on disk, and rolls back if the run stops before that.
        let pending = settings.dryRun ? nil : store.beginCommit(RunCommit(
            run: record, inputs: inputs, stays: staysToStore, residents: residentTable,
            reconciliation: reconciliation, rules: (policy: v.policy, regions: v.regions.path), replacesStoredStays: mergesStoredStays))
        defer { pending?.abandon() }

        let staging = try publisher.stage(name)
        var files = ["measures.csv", "rescinded.csv", "rejects.csv", "report.html"]
        try Outputs.measures(reconciliation.notices).write(to: staging.appendingPathComponent("measures.csv"))
        try Outputs.rescinded(reconciliation.rescinded).write(to: staging.appendingPathComponent("rescinded.csv"))
        try Outputs.rejects(rejects).write(to: staging.appendingPathComponent("rejects.csv"))
        if settings.render {
            files += try progress.watching("rendering \(reconciliation.notices.count) notices") {
                try Rendering(settings: settings, logger: logger).render(reconciliation, asOf: v.asOf, runName: name, into: staging)
            }
        }
        lap("emit")

        let manifest = Manifest(
            program: .init(version: programVersion), run: runID, dryRun: settings.dryRun, asOf: v.asOf.description,
            policy: .init(file: v.policy, sha256: policySHA, name: policy.name, designations: nil),
            regions: .init(file: v.regions.path, sha256: rules.report.sha256, name: nil, designations: rules.designations.count),
            inputs: Manifest.inputs(reports),
            counts: .init(measures: reconciliation.notices.count, byStatus: tally.statusTexts, byAction: tally.actionTexts, rescinded: reconciliation.rescinded.count,
                          rejects: rejects.count, stays: stored.count, residents: residents.count),
            communities: Manifest.communities(reconciliation.notices, reconciliation.rescinded),
            files: files.sorted() + ["manifest.json"], timings: timings)
        try manifest.json().write(to: staging.appendingPathComponent("manifest.json"))
        let report = RunReport(manifest: manifest, notices: reconciliation.notices, rescissions: reconciliation.rescinded, rejects: rejects,
                               previous: last.flatMap { r in r.id.map { RunReport.PreviousRun(id: $0, asOf: r.asOf) } })
        try Data(report.html().utf8).write(to: staging.appendingPathComponent("report.html"))

        func summary(_ folder: URL) -> RunSummary {
            RunSummary(folder: folder, runID: runID, asOf: v.asOf, dryRun: settings.dryRun, measures: reconciliation.notices.count,
                       byStatus: statusCounts, rescinded: reconciliation.rescinded.count, rejects: rejects.count,
                       seconds: Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9,
                       notices: reconciliation.notices, rescissions: reconciliation.rescinded)
        }
        if settings.dryRun {
            return summary(try publisher.publish(staging, name: name, preview: true))
        }

        try publisher.sync(staging)
        let written = try (packedFiles?.wait() ?? []) + (residentsFile?.wait() ?? [])
        lap("write-store-files")
        try pending?.finish(files: written)
        lap("store-commit")
        CrashPoint.hit("after-commit")
        // The folder enters runs/ only once the store has committed it: runs/ never shows a run that did not happen.
        // A crash from here on is finished by `Publisher.recover`, which moves the staged folder in and swaps latest.
        CrashPoint.hit("before-publish")
        let folder = try publisher.publish(staging, name: name, preview: false)
        CrashPoint.hit("after-publish")
        try publisher.pointLatest(to: name)
        lap("publish")
        return summary(folder)
    }

    /// Refuses empty feeds (unless allowed) and feeds whose share of rejected rows is above the limit.
    static func checkRejectRates(_ reports: [FeedReport], rejects: [Reject], settings: RunSettings) throws {
        var problems: [String] = []
        for r in reports {
            if r.read == 0 && !settings.allowEmpty {
                problems.append("\(r.path): no records; pass --allow-empty if an empty \(r.kind) feed is expected tonight")
            } else if r.rejectRate > settings.maxRejectRate {
                let examples = rejects.filter { $0.file == r.path }.prefix(5).map { "    " + Outputs.brief($0) }
                problems.append("\(r.path): \(r.rejected) of \(r.read) records rejected (\(String(format: "%.1f", r.rejectRate * 100))%, limit \(String(format: "%.1f", settings.maxRejectRate * 100))%); "
                    + "run `riskscreen check` to list them all, fix the feed or raise --max-reject-rate\n" + examples.joined(separator: "\n"))
            }
        }
        guard problems.isEmpty else { throw RunError.inputRejected(problems.joined(separator: "\n")) }
    }

    /// Attaches names and places to the winning candidates: residents by their snapshot row, others from their stays.
    static func findings(_ best: [PersonKey: Candidate], designations: [Designation], residents: ResidentTable,
                         stays: StayParts) -> [Finding] {
        guard !best.isEmpty else { return [] }
        let names = designations.reduce(into: [RegionCode: String]()) { names, d in
            if names[d.region] == nil { names[d.region] = d.regionName }
        }
        // The winners' keys are the set of people: copying them into a `Set` took a night 0.01 s on one core.
        let people = best.keys
        let rows = residents.index(of: people)
        // Visitors: the contact of their latest-arriving stay that has one (residents' stays keep none); on equal
        // days the later stay's. Each visitor gets a slot; the parts are scanned on all cores, each listing its
        // matches, and the lists are then replayed in order into one array by slot (no table merged per part).
        let slotOf = people.reduce(into: [PersonKey: Int32](minimumCapacity: people.count - rows.count)) { slots, person in
            if rows[person] == nil { slots[person] = Int32(slots.count) }
        }
        let visitorDigests = IdentitySet(digestsOf: slotOf.keys)
        let parts = stays.parts
        var matches = [[(slot: Int32, day: Day, contact: UInt32)]](repeating: [], count: slotOf.isEmpty ? 0 : parts.count)
        matches.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let lists = out
            DispatchQueue.concurrentPerform(iterations: lists.count) { p in
                guard parts[p].contacts.count > 0 else { return }
                var found: [(slot: Int32, day: Day, contact: UInt32)] = []
                parts[p].stays.forEachSpan { stays in
                    for stay in stays where stay.contact != Stay.noContact && visitorDigests.contains(stay.person.digest) {
                        if let slot = slotOf[stay.person] { found.append((slot, stay.arrived, stay.contact)) }
                    }
                }
                lists[p] = found
            }
        }
        let visitorContacts = matches.indices.reduce(into: [(day: Day, part: Int32, contact: UInt32)](
            repeating: (Day(number: 0), -1, 0), count: slotOf.count)
        ) { latest, p in
            for m in matches[p] where latest[Int(m.slot)].part < 0 || !(latest[Int(m.slot)].day > m.day) {
                latest[Int(m.slot)] = (m.day, Int32(p), m.contact)
            }
        }
        // Decoding names and places is most of this: the winners are split across the cores.
        let winners = Array(best)
        return [Finding](unsafeUninitializedCapacity: winners.count) { buffer, initialized in
            nonisolated(unsafe) let out = buffer
            Cores.forEachSlice(of: winners.count, atLeast: 1024) { slice in
                for i in slice {
                    let (person, c) = winners[i]
                    let measure = Measure(person: person, action: c.action, level: c.level, region: c.region,
                                          regionName: names[c.region] ?? "", lastExposure: c.lastExposure, until: c.until)
                    let finding: Finding
                    if let row = rows[person] {
                        let r = residents.resident(at: row)
                        finding = Finding(measure: measure, name: r.name, phone: r.phone,
                                          assignment: Assignment(community: r.community, communityName: r.communityName, gridID: r.gridID, address: r.address))
                    } else {
                        let contact = slotOf[person].map { visitorContacts[Int($0)] }.flatMap { found in
                            found.part < 0 ? nil : parts[Int(found.part)].contacts.entry(found.contact)
                        }
                        finding = Finding(measure: measure, name: contact?.name ?? "", phone: contact?.phone ?? "", assignment: .unassigned)
                    }
                    (out.baseAddress! + i).initialize(to: finding)
                }
            }
            initialized = winners.count
        }
    }
}

/// A job started on another thread whose result (or error) is collected later with `wait()`.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?

    init(_ job: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async {
            self.result = Result { try job() }
            self.done.signal()
        }
    }

    /// Blocks until the job has finished; returns its value or rethrows its error. Call it once: the value is
    /// handed over, not kept, so a caller that changes it (ten million stored stays) does not copy it.
    func wait() throws -> Value {
        done.wait()
        defer { done.signal() }  // for `join()`
        guard let result else { preconditionFailure("the job stored its result before signalling, and wait() is called once") }
        self.result = nil
        return try result.get()
    }

    /// Blocks until the job has finished, leaving its value: a run that stops early waits for the files it is
    /// writing while it still holds the run lock.
    func join() {
        done.wait()
        done.signal()
    }
}
