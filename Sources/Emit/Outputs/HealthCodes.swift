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

    /// New and amended measures with their colour, then the people whose notice was rescinded, turned green;
    /// continuing measures change nothing and are left out.
    public static func changes(_ reconciliation: Reconciliation, asOf: Day, colours: HealthCodePolicy) -> [HealthCodeChange] {
        var changes: [HealthCodeChange] = []
        for n in reconciliation.notices where n.status != .continuing {
            changes.append(HealthCodeChange(
                person: n.person, name: n.name, phone: n.phone, colour: colours.colour(n.measure.action), from: asOf,
                until: n.measure.until, reason: HealthCodeReason.measure(n), serial: n.serial))
        }
        for r in reconciliation.rescinded {
            changes.append(HealthCodeChange(person: r.person, name: r.name, phone: "", colour: .green, from: asOf, until: nil,
                                            reason: HealthCodeReason.rescinded(r), serial: r.serial))
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
/// is known (SPEC 6).
public enum HealthCodeReason {
    /// Why a new or amended measure colours the code.
    public static func measure(_ n: Notice) -> String {
        let m = n.measure
        let place = m.regionName.isEmpty ? "区划\(m.region.twelveDigits)" : m.regionName
        let change = n.supersedes.map { "措施变更（替代通知书\($0)）：" } ?? ""
        // Whether the stay was inside the designated area or only at a region containing it is not said: the
        // level a measure follows is the designated one only for the former.
        return "\(change)行程与风险地区\(place)有关（末次暴露日\(m.lastExposure)），按政策\(m.action.chinese)至\(m.until)。"
    }

    /// Why a rescinded person turns green.
    public static func rescinded(_ r: Rescission) -> String {
        "通知书\(r.serial)已撤销，按现行风险地区和行程数据不再需要管控，恢复绿码。"
    }
}
