import RiskModel

/// What a dry run would change against the last committed run, for a data officer to read before anything is printed.
public enum Diff {
    public static func lines(_ summary: RunSummary, list: Bool) -> [Message] {
        var out = [CommandText.diffHeading(["as_of": summary.asOf])]
        let changed = summary.notices.filter { $0.status != .continuing }
        out.append(CommandText.diffCounts(["new": summary.byStatus[.new, default: 0], "amended": summary.byStatus[.amended, default: 0],
                                           "continuing": summary.byStatus[.continuing, default: 0], "rescinded": summary.rescinded]))
        var byAction: [Action: [NoticeStatus: Int]] = [:]
        for n in summary.notices { byAction[n.measure.action, default: [:]][n.status, default: 0] += 1 }
        for action in byAction.keys.sorted(by: >) {
            let c = byAction[action, default: [:]]
            out.append(CommandText.diffAction(["action": TermText.action(action), "new": c[.new, default: 0], "amended": c[.amended, default: 0],
                                               "continuing": c[.continuing, default: 0]]))
        }
        struct Row { var name = ""; var new = 0; var amended = 0; var rescinded = 0 }
        var rows: [String: Row] = [:]
        let unassigned = "~unassigned"  // sorts after every code
        for n in changed {
            let key = n.assignment.community?.twelveDigits ?? unassigned
            rows[key, default: Row(name: n.assignment.communityName)].name = n.assignment.communityName
            if n.status == .new { rows[key]?.new += 1 } else { rows[key]?.amended += 1 }
        }
        for r in summary.rescissions {
            let key = r.assignment.community?.twelveDigits ?? unassigned
            rows[key, default: Row(name: r.assignment.communityName)].rescinded += 1
        }
        if !rows.isEmpty { out.append(CommandText.diffPerCommunity()) }
        for key in rows.keys.sorted() {
            let r = rows[key, default: Row()]
            let community: Message = key == unassigned ? CommandText.unassigned() : CommandText.community(["code": key, "name": r.name])
            out.append(CommandText.diffCommunity(["community": community, "new": r.new, "amended": r.amended, "rescinded": r.rescinded]))
        }
        if list {
            for n in changed {
                let region = n.measure.regionName.isEmpty ? Message.Value.text(n.measure.region.canonical)
                    : NameText.candidate(["name": n.measure.regionName, "code": n.measure.region.canonical]).messageValue
                out.append(CommandText.diffNotice([
                    "status": TermText.status(n.status), "serial": n.serial, "person": n.person.masked, "name": n.name,
                    "action": TermText.action(n.measure.action), "until": n.measure.until,
                    "replaces": n.supersedes.map { CommandText.replaces(["serial": $0]).messageValue } ?? .none,
                    "level": TermText.level(n.measure.level), "region": region,
                ]))
            }
            for r in summary.rescissions {
                out.append(CommandText.diffRescinded(["serial": r.serial, "person": r.person.masked, "name": r.name]))
            }
        }
        return out
    }
}
