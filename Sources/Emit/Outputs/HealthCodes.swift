import Lifecycle
import RiskModel

/// One row of `health_codes.csv`: a person whose health code this run changes (SPEC 9).
public struct HealthCodeChange: Sendable, Hashable {
    public var person: PersonKey
    public var name: String
    public var phone: String
    public var colour: HealthColour
    public var from: Day
    /// The measure's last day; nil for a person turned green.
    public var until: Day?
    /// One sentence in Chinese saying why (SPEC 6: only what is known).
    public var reason: String
    /// The notice the change follows: the new one, or the one that ended.
    public var serial: String

    public init(person: PersonKey, name: String, phone: String, colour: HealthColour, from: Day, until: Day?, reason: String, serial: String) {
        self.person = person
        self.name = name
        self.phone = phone
        self.colour = colour
        self.from = from
        self.until = until
        self.reason = reason
        self.serial = serial
    }
}

/// `health_codes.csv`: the changes since the last committed run to send to the health-code platform (SPEC 9).
public enum HealthCodes {
    public static let header = ["id_type", "id_no", "name", "phone", "colour", "from", "until", "reason", "serial"]

    /// New and amended measures with their colour, then the people whose notice was rescinded and those whose
    /// measure was released, turned green; continuing measures change nothing and are left out.
    public static func changes(_ reconciliation: Reconciliation, asOf: Day, colours: HealthCodePolicy) -> [HealthCodeChange] {
        var changes: [HealthCodeChange] = []
        for n in reconciliation.notices where n.status != .continuing {
            changes.append(HealthCodeChange(
                person: n.person, name: n.name, phone: n.phone, colour: colours.colour(n.measure.action), from: asOf,
                until: n.measure.until, reason: HealthCodeReason.measure(n), serial: n.serial))
        }
        for r in reconciliation.rescinded {
            changes.append(HealthCodeChange(person: r.person, name: r.name, phone: r.phone, colour: .green, from: asOf, until: nil,
                                            reason: HealthCodeReason.rescinded(r), serial: r.serial))
        }
        for r in reconciliation.released {
            changes.append(HealthCodeChange(person: r.person, name: r.ended.name, phone: r.ended.phone, colour: .green, from: asOf,
                                            until: nil, reason: HealthCodeReason.released(r), serial: r.serial))
        }
        return changes
    }

    public static func csv(_ changes: [HealthCodeChange]) -> CSVWriter {
        var csv = CSVWriter(header: header, literalColumns: [5, 6])
        for c in changes {
            csv.append([c.person.type.code, c.person.idNo, c.name, c.phone, c.colour.rawValue, c.from.description,
                        c.until?.description ?? "", c.reason, c.serial])
        }
        return csv
    }
}

/// The `reason` of a health-code change: one sentence in Chinese for the platform's operators, stating only what
/// is known (SPEC 6): a direct stay in its region, which lies in the designated one; a coarse stay only at the
/// region it is known at, which contains the designated one, the measure following the coarse level.
public enum HealthCodeReason {
    /// Why a new or amended measure colours the code.
    public static func measure(_ n: Notice) -> String {
        let m = n.measure
        let designated = "\(m.designatedLevel.chinese)地区\(m.regionName.isEmpty ? "区划代码\(m.region.canonical)" : m.regionName)"
        let stay = m.stayRegionName.isEmpty ? "区划代码\(m.stayRegion.canonical)" : m.stayRegionName
        let obliged = "\(m.action.chinese)至\(m.until)"
        let replaces = n.supersedes.map { "（替代通知书\($0)，\(n.changes.amendmentReason)）" } ?? ""
        switch m.exposure {
        case .direct:
            // A stay region without a name is stated as the designated area it lies in.
            if m.stayRegion != m.region && !m.stayRegionName.isEmpty {
                return "曾在\(stay)停留（末次暴露日\(m.lastExposure)），该地属\(designated)，按政策\(obliged)\(replaces)。"
            }
            return "曾在\(designated)停留（末次暴露日\(m.lastExposure)），按政策\(obliged)\(replaces)。"
        case .coarse:
            return "行程仅知到过\(stay)（末次相关日\(m.lastExposure)），该地区含\(designated)，按\(m.level.chinese)管控要求\(obliged)\(replaces)。"
        }
    }

    /// Why a rescinded person turns green.
    public static func rescinded(_ r: Rescission) -> String {
        "\(r.reason.isEmpty ? "按现行规则已不再符合管控条件" : r.reason)，通知书\(r.serial)撤销，恢复绿码。"
    }

    /// Why a person whose measure ran out turns green.
    public static func released(_ r: Release) -> String {
        "\(r.ended.measure.action.chinese)已于\(r.ended.measure.until)期满（通知书\(r.serial)），解除管控，恢复绿码。"
    }
}
