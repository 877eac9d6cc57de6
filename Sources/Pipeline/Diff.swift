import RiskModel

/// What a dry run would change against the last committed run, for a data officer to read before anything is printed.
public enum Diff {
    public static func lines(_ summary: RunSummary, list: Bool) -> [String] {
        var out = ["against the last committed run, as of \(summary.asOf):"]
        let changed = summary.notices.filter { $0.status != .continuing }
        out.append("  \(summary.byStatus[.new, default: 0]) new, \(summary.byStatus[.amended, default: 0]) amended, "
            + "\(summary.byStatus[.continuing, default: 0]) continuing, \(summary.rescinded) rescinded")
        var byAction: [Action: [NoticeStatus: Int]] = [:]
        for n in summary.notices { byAction[n.measure.action, default: [:]][n.status, default: 0] += 1 }
        for action in byAction.keys.sorted(by: >) {
            let c = byAction[action, default: [:]]
            out.append("  \(action.code): \(c[.new, default: 0]) new, \(c[.amended, default: 0]) amended, \(c[.continuing, default: 0]) continuing")
        }
        struct Row { var name = ""; var new = 0; var amended = 0; var rescinded = 0 }
        var rows: [String: Row] = [:]
        for n in changed {
            let key = n.assignment.community?.twelveDigits ?? "unassigned"
            rows[key, default: Row(name: n.assignment.communityName)].name = n.assignment.communityName
            if n.status == .new { rows[key]?.new += 1 } else { rows[key]?.amended += 1 }
        }
        for r in summary.rescissions {
            let key = r.assignment.community?.twelveDigits ?? "unassigned"
            rows[key, default: Row(name: r.assignment.communityName)].rescinded += 1
        }
        if !rows.isEmpty { out.append("per community:") }
        for key in rows.keys.sorted() {
            let r = rows[key, default: Row()]
            out.append("  \(key) \(r.name): \(r.new) new, \(r.amended) amended, \(r.rescinded) rescinded")
        }
        if list {
            for n in changed {
                let region = n.measure.regionName.isEmpty ? n.measure.region.canonical : "\(n.measure.regionName) (\(n.measure.region.canonical))"
                out.append("  \(n.status.rawValue) \(n.serial) \(n.person.masked) \(n.name) \(n.measure.action.code) until \(n.measure.until)"
                    + (n.supersedes.map { " (replaces \($0))" } ?? "") + ", \(n.measure.level.code) in \(region)")
            }
            for r in summary.rescissions {
                out.append("  rescinded \(r.serial) \(r.person.masked) \(r.name)")
            }
        }
        return out
    }
}
