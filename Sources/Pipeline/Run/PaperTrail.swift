import Lifecycle
import Machinery
import Normalize
import RiskModel
import Screen

/// What a run adds to its findings and reconciliation so that every paper states what is known (SPEC 6 and 7):
/// the stay regions' names, and why each amended or rescinded notice changed.
enum PaperTrail {
    /// Gives each finding's stay region its full name from `gazetteer` ("" when no source names it).
    static func nameStayRegions(_ findings: inout [Finding], gazetteer: Gazetteer) {
        var names: [RegionCode: String] = [:]
        for i in findings.indices {
            let region = findings[i].measure.stayRegion
            if let name = names[region] {
                findings[i].measure.stayRegionName = name
            } else {
                let name = gazetteer.fullName(of: region) ?? ""
                names[region] = name
                findings[i].measure.stayRegionName = name
            }
        }
    }

    /// The day a run screens for and its rules' hashes, to compare a notice's issuing run's with.
    struct Rules {
        var asOf: Day
        var policySHA: String
        var regionsSHA: String
    }

    /// Sets why each amended notice differs from the one it replaces, and why each rescinded one was rescinded.
    ///
    /// A measure's change is put down to the rules when the issuing run's policy and rule file, applied to the
    /// person's stays as they are now, give another result than tonight's rules; and to the stays when those old
    /// rules on tonight's stays give another result than the old notice. Both can be true. The issuing run's rules are
    /// the copies the store keeps; without them, a change of either file's SHA-256 is taken as the cause.
    static func attachCauses(_ reconciliation: inout Reconciliation, current: Rules, store: Store, stays: StayParts,
                             gazetteer: Gazetteer, workers: Workers) throws {
        let amended = reconciliation.notices.indices.filter { reconciliation.notices[$0].status == .amended }
        guard !amended.isEmpty || !reconciliation.rescinded.isEmpty else { return }
        let oldSerials = amended.compactMap { reconciliation.notices[$0].supersedes } + reconciliation.rescinded.map(\.serial)
        let issuedBy = try store.issuingRuns(of: oldSerials)
        var runs: [Int64: RunRecord] = [:]
        for run in try store.runs() { if let id = run.id { runs[id] = run } }
        let people = Set(amended.map { reconciliation.notices[$0].person } + reconciliation.rescinded.map(\.person))
        let staysOf = Findings.stays(of: people, in: stays, workers: workers)

        var oldRules: [Int64: Screener?] = [:]
        func screener(of runID: Int64) -> Screener? {
            if let known = oldRules[runID] { return known }
            var loaded: Screener?
            if let files = store.rulesFiles(of: runID), let policy = try? Policy.load(path: files.policy),
               let rules = try? RuleFile.read(RunSettings.input(path: files.regions), gazetteer: gazetteer) {
                loaded = Screener(policy: policy, designations: rules.designations, asOf: current.asOf)
            }
            oldRules[runID] = loaded
            return loaded
        }
        typealias Outcome = (action: Action, until: Day)
        func same(_ a: Outcome?, _ b: Outcome?) -> Bool { a?.action == b?.action && a?.until == b?.until }
        /// What changed between the notice `serial` (`old`) and tonight's measure (`new`, nil when none) of `person`.
        func causes(serial: String, person: PersonKey, old: Outcome, new: Outcome?) -> ChangeCauses {
            guard let runID = issuedBy[serial], let run = runs[runID] else { return [] }
            var rules: ChangeCauses = []
            if run.regionsSHA256 != current.regionsSHA { rules.insert(.regions) }
            if run.policySHA256 != current.policySHA { rules.insert(.policy) }
            // The same rules as tonight's: only the stays can have changed the measure.
            guard !rules.isEmpty else { return .stays }
            guard let before = screener(of: runID) else { return rules }
            var best: [PersonKey: Candidate] = [:]
            (staysOf[person] ?? []).withUnsafeBufferPointer { before.screen($0, into: &best) }
            let underOldRules = best[person].map { Outcome($0.action, $0.until) }
            var found: ChangeCauses = []
            if !same(underOldRules, new) { found.formUnion(rules) }
            if !same(underOldRules, old) { found.insert(.stays) }
            return found
        }

        for i in amended {
            let notice = reconciliation.notices[i]
            guard let old = notice.replaced else { continue }
            var found: ChangeCauses = old.community == notice.assignment.community ? [] : .community
            if old.action != notice.measure.action || old.until != notice.measure.until {
                found.formUnion(causes(serial: old.serial, person: notice.person, old: (old.action, old.until),
                                       new: (notice.measure.action, notice.measure.until)))
            }
            reconciliation.notices[i].changes = found
        }
        for k in reconciliation.rescinded.indices {
            var r = reconciliation.rescinded[k]
            r.causes = causes(serial: r.serial, person: r.person, old: (r.action, r.until), new: nil)
            r.reason = r.causes.rescissionReason
            reconciliation.rescinded[k] = r
        }
    }
}
