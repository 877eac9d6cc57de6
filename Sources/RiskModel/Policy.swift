/// A designated risk level of a region (SPEC 1.4), ordered low < medium < high.
public enum RiskLevel: Int, Sendable, Hashable, Comparable, Codable, CaseIterable, CustomStringConvertible {
    case low = 1
    case medium = 2
    case high = 3

    public var code: String {
        switch self {
        case .low: return "low"
        case .medium: return "medium"
        case .high: return "high"
        }
    }

    /// The level as notices print it (`高风险`), from the catalogue.
    public var chinese: String { TermText.level(self).text(in: .chinese) }

    public var description: String { code }

    public init?(code: String) {
        guard let match = RiskLevel.allCases.first(where: { $0.code == code }) else { return nil }
        self = match
    }

    public static func < (lhs: RiskLevel, rhs: RiskLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What a measure obliges a person to do, ordered by severity (SPEC 1.5).
public enum Action: Int, Sendable, Hashable, Comparable, Codable, CaseIterable, CustomStringConvertible {
    case none = 0
    case healthMonitoring = 1
    case homeQuarantine = 2
    case centralizedQuarantine = 3

    public var code: String {
        switch self {
        case .none: return "none"
        case .healthMonitoring: return "health_monitoring"
        case .homeQuarantine: return "home_quarantine"
        case .centralizedQuarantine: return "centralized_quarantine"
        }
    }

    /// The action as notices print it (`居家隔离`), from the catalogue.
    public var chinese: String { TermText.action(self).text(in: .chinese) }

    public var description: String { code }

    public init?(code: String) {
        guard let match = Action.allCases.first(where: { $0.code == code }) else { return nil }
        self = match
    }

    public static func < (lhs: Action, rhs: Action) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What the policy says for one risk level.
public struct LevelRule: Sendable, Hashable, Codable {
    public var action: Action
    public var days: Int
    /// The level used when a stay is known only at a region containing one of this level; nil is `none`.
    public var coarse: RiskLevel?

    public init(action: Action, days: Int, coarse: RiskLevel?) {
        self.action = action
        self.days = days
        self.coarse = coarse
    }
}

/// The policy file (SPEC 1.5): the lookback window, a rule for every level and the health-code colours (SPEC 9).
public struct Policy: Sendable, Hashable, Codable {
    public var name: String
    public var lookbackDays: Int
    public var levels: [RiskLevel: LevelRule]
    public var healthCodes: HealthCodePolicy

    public init(name: String, lookbackDays: Int, levels: [RiskLevel: LevelRule], healthCodes: HealthCodePolicy = .defaults) {
        self.name = name
        self.lookbackDays = lookbackDays
        self.levels = levels
        self.healthCodes = healthCodes
    }

    public func rule(_ level: RiskLevel) -> LevelRule {
        levels[level] ?? LevelRule(action: .none, days: 0, coarse: nil)
    }
}
