/// Words messages put in: risk levels, actions, statuses, levels of the administrative hierarchy.
///
/// In English the machine values (`home_quarantine`, `high`) that files and the SPEC use; in Chinese the words
/// notices print.
public enum TermText: String, MessageEntry {
    case high, medium, low
    case centralizedQuarantine, homeQuarantine, healthMonitoring, noAction
    case statusNew, statusAmended, statusContinuing, statusRescinded
    case province, prefecture, county, township, community

    public static let area = "term"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .high: ("高风险", "high")
        case .medium: ("中风险", "medium")
        case .low: ("低风险", "low")
        case .centralizedQuarantine: ("集中隔离", "centralized_quarantine")
        case .homeQuarantine: ("居家隔离", "home_quarantine")
        case .healthMonitoring: ("健康监测", "health_monitoring")
        case .noAction: ("无", "none")
        case .statusNew: ("新增", "new")
        case .statusAmended: ("变更", "amended")
        case .statusContinuing: ("延续", "continuing")
        case .statusRescinded: ("撤销", "rescinded")
        case .province: ("省级", "province")
        case .prefecture: ("地级", "prefecture")
        case .county: ("县级", "county")
        case .township: ("乡级", "township")
        case .community: ("村级", "community")
        }
    }

    /// The level's word (`高风险`, `high`).
    public static func level(_ level: RiskLevel) -> Message {
        switch level {
        case .high: return high()
        case .medium: return medium()
        case .low: return low()
        }
    }

    /// The action's word (`居家隔离`, `home_quarantine`).
    public static func action(_ action: Action) -> Message {
        switch action {
        case .centralizedQuarantine: return centralizedQuarantine()
        case .homeQuarantine: return homeQuarantine()
        case .healthMonitoring: return healthMonitoring()
        case .none: return noAction()
        }
    }

    /// The status's word (`新增`, `new`).
    public static func status(_ status: NoticeStatus) -> Message {
        switch status {
        case .new: return statusNew()
        case .amended: return statusAmended()
        case .continuing: return statusContinuing()
        }
    }

    /// The level of the hierarchy a code of this length names (`县级`, `county`).
    public static func unitLevel(codeLength length: Int) -> Message {
        switch length {
        case 2: return province()
        case 4: return prefecture()
        case 6: return county()
        case 9: return township()
        default: return community()
        }
    }
}
