import Emit
import Foundation
import Ingest
import Normalize
import RiskModel

/// What `check` found: the same validation as `run`, with nothing written.
public struct CheckReport: Sendable {
    public var policyName: String
    public var designations: Int
    /// Units the gazetteer the names were checked against knows (SPEC 10).
    public var gazetteerUnits: Int
    public var reports: [FeedReport]
    public var rejects: [Reject]
    /// Why `run` would stop with exit status 2, if it would.
    public var blocking: RunError?
}

/// Validates the policy, rule file and feeds as `run` would, without a store or outputs.
public enum Check {
    public static func execute(_ settings: RunSettings) throws(RunError) -> CheckReport {
        guard let policyPath = settings.policy, let regions = settings.regions else {
            throw .configuration("check needs --policy and --regions (as flags or in the config file)")
        }
        do {
            let policy = try Policy.load(path: policyPath)
            let base = try settings.baseGazetteer()
            let rules = try RuleFile.parse(regions, gazetteer: base)
            var reports: [FeedReport] = [], rejects: [Reject] = []
            var residents: ResidentTable?
            if !settings.residents.isEmpty {
                let batch = try ResidentFeed.read(settings.residents, digests: false, workers: settings.workers)
                reports += batch.reports; rejects += batch.rejects
                residents = batch.table
            }
            // As a run does: names are settled with the community names of tonight's residents, else the store's.
            let gazetteer = try settings.gazetteer(adding: residents, to: base)
            let designations = try rules.designations(in: gazetteer)
            if !settings.travel.isEmpty {
                let batch = try TravelFeed.read(settings.travel, workers: settings.workers)
                reports += batch.reports; rejects += batch.rejects
            }
            var blocking: RunError?
            do { try Run.checkRejectRates(reports, rejects: rejects, settings: settings) } catch { blocking = RunError.from(error) }
            return CheckReport(policyName: policy.name, designations: designations.count, gazetteerUnits: gazetteer.count,
                               reports: reports, rejects: rejects, blocking: blocking)
        } catch {
            throw RunError.from(error)
        }
    }

    /// The report as lines for a terminal.
    public static func lines(_ report: CheckReport) -> [String] {
        var out = ["policy \"\(report.policyName)\" and \(report.designations) designations: valid "
            + "(names checked against \(report.gazetteerUnits) units of the gazetteer)"]
        for r in report.reports {
            out.append("\(r.path) (\(r.kind), \(r.encoding)): \(r.read) read, \(r.accepted) accepted, \(r.rejected) rejected, \(r.duplicates) duplicates"
                + (r.phonesBlanked > 0 ? ", \(r.phonesBlanked) invalid phones blanked" : ""))
        }
        out += report.rejects.map(Outputs.brief)
        return out
    }
}
