import Foundation
import Lifecycle
import Normalize
import RiskModel

/// The CSV files of SPEC 4, built from a run's values.
public enum Outputs {
    /// SPEC 4's sixteen columns, then SPEC 6's exposure facts.
    public static let measureHeader = ["serial", "status", "id_type", "id_no", "name", "phone", "community_code", "community_name", "grid_id",
                                "address", "action", "level", "region_code", "region_name", "last_exposure_on", "until",
                                "exposure", "stay_region_code", "stay_region_name"]

    public static func measures(_ notices: [Notice]) -> CSVWriter {
        var csv = CSVWriter(header: measureHeader, literalColumns: [6, 12, 14, 15, 17])
        // A province night writes hundreds of thousands of rows: cells go in as bytes, IDs, codes and dates
        // straight from their packed values, with no array of strings per row.
        csv.reserve(notices.count * 256)
        for n in notices {
            let m = n.measure
            csv.append(cell: n.serial)
            csv.append(cell: n.status.rawValue)
            csv.append(cell: m.person.type.code)
            m.person.withIDNoBytes { csv.append(cell: $0) }
            csv.append(cell: n.name)
            csv.append(cell: n.phone)
            if let community = n.assignment.community {
                community.withTwelveDigits { csv.append(cell: $0) }
            } else {
                csv.append(cell: "")
            }
            csv.append(cell: n.assignment.communityName)
            csv.append(cell: n.assignment.gridID)
            csv.append(cell: n.assignment.address)
            csv.append(cell: m.action.code)
            csv.append(cell: m.level.code)
            m.region.withTwelveDigits { csv.append(cell: $0) }
            csv.append(cell: m.regionName)
            m.lastExposure.withISOBytes { csv.append(cell: $0) }
            m.until.withISOBytes { csv.append(cell: $0) }
            csv.append(cell: m.exposure.code)
            m.stayRegion.withTwelveDigits { csv.append(cell: $0) }
            csv.append(cell: m.stayRegionName)
            csv.endRecord()
        }
        return csv
    }

    /// SPEC 4's six columns, then SPEC 7's: who to tell, and the measure that no longer holds.
    public static let rescindedHeader = ["serial", "id_type", "id_no", "name", "community_code", "reason",
                                         "phone", "community_name", "grid_id", "address", "action", "until"]

    public static func rescinded(_ rescissions: [Rescission]) -> CSVWriter {
        var csv = CSVWriter(header: rescindedHeader, literalColumns: [4, 11])
        for r in rescissions {
            let a = r.assignment
            csv.append([r.serial, r.person.type.code, r.person.idNo, r.name, a.community?.twelveDigits ?? "", r.reason,
                        r.phone, a.communityName, a.gridID, a.address, r.action.code, r.until.description])
        }
        return csv
    }

    /// SPEC 7's `released.csv`: the notice that ended and, when one is printed, the release notice's serial.
    public static let releasedHeader = ["serial", "id_type", "id_no", "name", "phone", "community_code", "community_name", "grid_id",
                                        "address", "action", "until", "release_serial"]

    public static func released(_ releases: [Release]) -> CSVWriter {
        var csv = CSVWriter(header: releasedHeader, literalColumns: [5, 10])
        for r in releases {
            let n = r.ended, a = n.assignment
            csv.append([n.serial, n.person.type.code, n.person.idNo, n.name, n.phone, a.community?.twelveDigits ?? "", a.communityName,
                        a.gridID, a.address, n.measure.action.code, n.measure.until.description, r.releaseSerial ?? ""])
        }
        return csv
    }

    public static func rejects(_ rejects: [Reject]) -> CSVWriter {
        // `code` last (SPEC 11): the reason's stable machine code, the same in every language.
        var csv = CSVWriter(header: ["feed", "file", "line", "column", "reason", "raw", "code"], literalColumns: [2])
        for r in rejects {
            csv.append([r.feed, r.file, String(r.line), r.column, r.reason, r.raw, r.code])
        }
        return csv
    }

    /// A data officer's view of one reject for stderr, with the ID masked.
    public static func brief(_ r: Reject) -> String {
        r.brief.description
    }
}

/// How many notices have each status and each action: counted by value, written as text only for the manifest.
///
/// Counted in slots by case, not in dictionaries: a province night counts each of its hundred thousand notices
/// twice (for the run, and for its community in the manifest), and the run's record waits for the first count.
public struct NoticeTally: Sendable {
    private var statuses = [Int](repeating: 0, count: NoticeStatus.allCases.count)
    private var actions = [Int](repeating: 0, count: Action.allCases.count)

    public init() {}

    public init(_ notices: [Notice]) {
        // By index: a notice taken out of the array whole is a retain and release of each of its texts.
        for i in notices.indices { add(status: notices[i].status, action: notices[i].measure.action) }
    }

    public mutating func add(status: NoticeStatus, action: Action) {
        statuses[NoticeTally.slot(status)] += 1
        actions[action.rawValue] += 1
    }

    private static func slot(_ status: NoticeStatus) -> Int {
        switch status {
        case .new: 0
        case .amended: 1
        case .continuing: 2
        }
    }

    /// Notices counted.
    public var count: Int { statuses.reduce(0, +) }

    /// The statuses counted at least once.
    public var byStatus: [NoticeStatus: Int] {
        Dictionary(uniqueKeysWithValues: NoticeStatus.allCases.compactMap { s in statuses[NoticeTally.slot(s)] > 0 ? (s, statuses[NoticeTally.slot(s)]) : nil })
    }

    /// `by_status` of the manifest: status text to count.
    var statusTexts: [String: Int] { Dictionary(uniqueKeysWithValues: byStatus.map { ($0.key.rawValue, $0.value) }) }
    /// `by_action` of the manifest: action code to count.
    var actionTexts: [String: Int] {
        Dictionary(uniqueKeysWithValues: Action.allCases.compactMap { a in actions[a.rawValue] > 0 ? (a.code, actions[a.rawValue]) : nil })
    }
}

/// `manifest.json`: what went in, what came out, and how long it took.
struct Manifest: Encodable {
    struct Program: Encodable { var name = "riskscreen"; var version: String }
    struct RuleInput: Encodable { var file: String; var sha256: String; var name: String?; var designations: Int? }
    struct Input: Encodable {
        var kind, feed, file, sha256, encoding: String
        var bytes, read, accepted, rejected, duplicates, phonesBlanked: Int
    }
    struct Community: Encodable {
        var code: String
        var name: String
        var measures: Int
        var byStatus: [String: Int]
        var byAction: [String: Int]
        var rescinded: Int
        var released: Int
        /// Measures in force that end on the as-of day (SPEC 7: listed, marked, never printed).
        var endingToday: Int
        /// How the community's notices in force stand in their delivery (SPEC 8).
        var delivery: DeliveryCounts
    }
    struct Counts: Encodable {
        var measures: Int
        var byStatus: [String: Int]
        var byAction: [String: Int]
        var byExposure: [String: Int]
        var rescinded: Int
        var released: Int
        var endingToday: Int
        /// Printed papers: measure notices (new and amended, ending after the as-of day, of people with a
        /// community), release notices and rescission notices.
        var noticesPrinted: Int
        var releaseNotices: Int
        var rescissionNotices: Int
        var rejects: Int
        var stays: Int
        var residents: Int
        var delivery: DeliveryCounts
        /// Rows of `health_codes.csv` by colour.
        var healthCodes: [String: Int]
    }

    var program: Program
    var run: Int64
    var dryRun: Bool
    var asOf: String
    /// As-of days a notice may await feedback before it counts as overdue (config `delivery_days`).
    var deliveryDays: Int
    var policy: RuleInput
    var regions: RuleInput
    var inputs: [Input]
    var counts: Counts
    var communities: [Community]
    var files: [String]
    var timings: [String: Double]

    static func inputs(_ reports: [FeedReport]) -> [Input] {
        reports.map {
            Input(kind: $0.kind, feed: $0.feed, file: $0.path, sha256: $0.sha256, encoding: $0.encoding, bytes: $0.bytes,
                  read: $0.read, accepted: $0.accepted, rejected: $0.rejected, duplicates: $0.duplicates, phonesBlanked: $0.phonesBlanked)
        }
    }

    static func communities(_ notices: [Notice], _ rescinded: [Rescission], _ released: [Release], asOf: Day, followUp: FollowUp) -> [Community] {
        // Keyed by the community itself and counted by value, so its texts are written once per community, not for
        // every notice; counted in place: a community taken out of the table and put back copied its count tables
        // on every notice.
        struct Counted { var name: String; var tally = NoticeTally(); var rescinded = 0; var released = 0; var endingToday = 0 }
        var byCommunity: [RegionCode?: Counted] = [:]
        func count(_ community: RegionCode?, name: @autoclosure () -> String, _ add: (inout Counted) -> Void) {
            add(&byCommunity[community, default: Counted(name: name())])
        }
        // By index, as in `NoticeTally`: the name is read once per community, the rest not copied at all.
        for i in notices.indices {
            let (status, action) = (notices[i].status, notices[i].measure.action)
            let ending = notices[i].measure.until == asOf ? 1 : 0
            count(notices[i].assignment.community, name: notices[i].assignment.communityName) {
                $0.tally.add(status: status, action: action)
                $0.endingToday += ending
            }
        }
        for r in rescinded { count(r.assignment.community, name: r.assignment.communityName) { $0.rescinded += 1 } }
        for r in released { count(r.ended.assignment.community, name: r.ended.assignment.communityName) { $0.released += 1 } }
        return byCommunity.map { community, c in
            Community(code: community?.twelveDigits ?? "", name: community == nil ? "未落地" : c.name, measures: c.tally.count,
                      byStatus: c.tally.statusTexts, byAction: c.tally.actionTexts, rescinded: c.rescinded, released: c.released,
                      endingToday: c.endingToday, delivery: followUp.byCommunity[community] ?? DeliveryCounts())
        }.sorted { ($0.code.isEmpty ? "~" : $0.code) < ($1.code.isEmpty ? "~" : $1.code) }
    }

    /// `by_exposure`: how many measures follow a direct and a coarse exposure (SPEC 6).
    static func exposures(_ notices: [Notice]) -> [String: Int] {
        var counts = [0, 0]
        for i in notices.indices { counts[Int(notices[i].measure.exposure.rawValue)] += 1 }
        return Dictionary(uniqueKeysWithValues: ExposureKind.allCases.compactMap { k in counts[Int(k.rawValue)] > 0 ? (k.code, counts[Int(k.rawValue)]) : nil })
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }
}

/// What the manifest and the report say about the run itself, beside its counts.
public struct RunFacts: Sendable {
    public struct RuleFile: Sendable {
        public var file: String
        public var sha256: String
        public var name: String?
        public var designations: Int?

        public init(file: String, sha256: String, name: String? = nil, designations: Int? = nil) {
            self.file = file
            self.sha256 = sha256
            self.name = name
            self.designations = designations
        }
    }

    public var version: String
    public var runID: Int64
    public var dryRun: Bool
    public var asOf: Day
    public var policy: RuleFile
    public var regions: RuleFile
    /// The last committed run before this one, which the statuses are relative to.
    public var previous: (id: Int64, asOf: String)?
    /// As-of days a notice may await feedback before it is overdue.
    public var deliveryDays: Int

    public init(version: String, runID: Int64, dryRun: Bool, asOf: Day, policy: RuleFile, regions: RuleFile, previous: (id: Int64, asOf: String)?,
                deliveryDays: Int = 1) {
        self.deliveryDays = deliveryDays
        self.version = version
        self.runID = runID
        self.dryRun = dryRun
        self.asOf = asOf
        self.policy = policy
        self.regions = regions
        self.previous = previous
    }
}

extension Outputs {
    /// Writes `manifest.json` and `report.html` into `folder`.
    ///
    /// - Parameters:
    ///   - files: the files the run wrote besides these two, relative to `folder`.
    ///   - stays, residents: how many stays were screened and residents were in the snapshot.
    ///   - followUp, healthCodes: the delivery of the notices in force and the health-code changes, for their counts.
    public static func writeManifestAndReport(_ facts: RunFacts, reports: [FeedReport], reconciliation: Reconciliation, rejects: [Reject],
                                              tally: NoticeTally, followUp: FollowUp, healthCodes: [HealthCodeChange],
                                              stays: Int, residents: Int, files: [String], timings: [String: Double],
                                              into folder: URL) throws {
        let manifest = Manifest(
            program: .init(version: facts.version), run: facts.runID, dryRun: facts.dryRun, asOf: facts.asOf.description,
            deliveryDays: facts.deliveryDays,
            policy: .init(file: facts.policy.file, sha256: facts.policy.sha256, name: facts.policy.name, designations: facts.policy.designations),
            regions: .init(file: facts.regions.file, sha256: facts.regions.sha256, name: facts.regions.name, designations: facts.regions.designations),
            inputs: Manifest.inputs(reports),
            counts: .init(measures: reconciliation.notices.count, byStatus: tally.statusTexts, byAction: tally.actionTexts,
                          byExposure: Manifest.exposures(reconciliation.notices),
                          rescinded: reconciliation.rescinded.count, released: reconciliation.released.count,
                          endingToday: reconciliation.notices.lazy.filter { $0.measure.until == facts.asOf }.count,
                          noticesPrinted: reconciliation.notices.lazy.filter { $0.isPrinted(asOf: facts.asOf) }.count,
                          releaseNotices: reconciliation.released.lazy.filter { $0.releaseSerial != nil }.count,
                          rescissionNotices: reconciliation.rescinded.lazy.filter { $0.assignment.community != nil }.count,
                          rejects: rejects.count, stays: stays, residents: residents, delivery: followUp.total,
                          healthCodes: Dictionary(grouping: healthCodes, by: \.colour.rawValue).mapValues(\.count)),
            communities: Manifest.communities(reconciliation.notices, reconciliation.rescinded, reconciliation.released, asOf: facts.asOf,
                                              followUp: followUp),
            files: (files + ["report.html"]).sorted() + ["manifest.json"], timings: timings)
        try manifest.json().write(to: folder.appendingPathComponent("manifest.json"))
        let report = RunReport(manifest: manifest, notices: reconciliation.notices, rescissions: reconciliation.rescinded,
                               releases: reconciliation.released, rejects: rejects,
                               previous: facts.previous.map { RunReport.PreviousRun(id: $0.id, asOf: $0.asOf) })
        try Data(report.html().utf8).write(to: folder.appendingPathComponent("report.html"))
    }
}
