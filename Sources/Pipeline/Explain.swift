import Foundation
import Ingest
import Lifecycle
import Normalize
import RiskModel
import Screen

/// Why a person has, or has not, a measure on a day: their stays, the designations they touched, and their notices.
public enum Explain {
    /// - Parameters:
    ///   - settings: the state store (`state`) and the config's gazetteer files, for naming regions (SPEC 10).
    ///   - policy, regions: rule files to explain under; nil replays the last committed run's.
    public static func execute(_ settings: RunSettings, id: String, idType: String?, asOf: Day?, policy: String?, regions: String?,
                               warn: (String) -> Void = { _ in }) throws(RunError) -> [String] {
        guard let state = settings.state else { throw .configuration("explain needs --state (as a flag or in the config file)") }
        do {
            let person: PersonKey
            do throws(FieldProblem) {
                person = try Fields.personKey(idType: idType.map { Array($0.utf8) }, idNo: Array(id.utf8))
            } catch {
                throw RunError.configuration("\(PersonKey.mask(id)): \(error.reason)")
            }
            guard FileManager.default.fileExists(atPath: state) else { throw RunError.configuration("\(state): no state store here") }
            let store = try Store.opened(state, warn: warn)
            guard let last = try store.lastRun(), let runID = last.id else {
                throw RunError.configuration("\(state): no committed run yet; nothing to explain")
            }
            let day = asOf ?? Day(iso: last.asOf) ?? RunSettings.todayInShanghai()
            let policyPath = policy ?? store.dataFolder.appendingPathComponent("policy-\(runID).toml").path
            let regionsPath = regions ?? store.dataFolder.appendingPathComponent("regions-\(runID).csv").path
            let gazetteer = try settings.gazetteer(adding: try store.residents(), to: try settings.baseGazetteer())
            let rules = try RuleFile.read(RunSettings.input(path: regionsPath), gazetteer: gazetteer)
            let screener = Screener(policy: try Policy.load(path: policyPath), designations: rules.designations, asOf: day)

            var out = ["\(person.type.code) \(person.masked), as of \(day) (window \(screener.window.first)..\(screener.window.last), policy \(screener.policy.name))"]
            let stays = try store.stays(with: nil, workers: RunSettings.defaultWorkers).parts.flatMap { $0.stays.filter { $0.person == person } }.sorted { $0.arrived < $1.arrived }
            out.append(stays.isEmpty ? "no stays on record" : "stays on record: \(stays.count)")
            var best: Candidate?
            for stay in stays {
                out.append("  stay in \(stay.region.twelveDigits) \(stay.days)" + (gazetteer.fullName(of: stay.region).map { " (\($0))" } ?? ""))
                let exposures = screener.exposures(of: stay)
                if exposures.isEmpty { out.append("    touches no designation in the window") }
                for e in exposures {
                    let d = e.designation
                    var line = "    \(e.direct ? "inside" : "known only at a region containing") \(d.regionName) (\(d.region.canonical), \(d.level.code), rule line \(d.line)) on \(e.days)"
                    if let c = e.candidate {
                        line += " → \(c.action.code) until \(c.until) (level \(c.level.code))"
                        if best.map({ c.beats($0) }) ?? true { best = c }
                    } else if !e.direct && e.level == nil {
                        line += " → nothing: the policy's coarse level for \(d.level.code) is none"
                    } else {
                        line += " → nothing: the measure would have ended before \(day)"
                    }
                    out.append(line)
                }
            }
            if let best {
                out.append("measure: \(best.action.code) until \(best.until), level \(best.level.code), region \(best.region.canonical)"
                    + (gazetteer.fullName(of: best.region).map { " \($0)" } ?? "") + ", last exposure \(best.lastExposure) — the most severe action, then the latest until")
            } else {
                out.append("measure: none on \(day)")
            }
            let history = try store.history(of: person)
            if !history.isEmpty { out.append("notices:") }
            let rescissions = try store.rescissions(of: person)
            for n in history {
                var line = "  \(n.serial) issued by run \(n.runID): \(n.status) \(n.action) until \(n.until)"
                if let s = n.supersedes { line += ", replaces \(s)" }
                if let r = rescissions.first(where: { $0.serial == n.serial }) { line += "; rescinded by run \(r.runID): \(r.reason)" }
                out.append(line)
            }
            return out
        } catch {
            throw RunError.from(error)
        }
    }
}
