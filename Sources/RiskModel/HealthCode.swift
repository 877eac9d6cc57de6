/// A health-code colour the platform shows (SPEC 9).
public enum HealthColour: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case red
    case yellow
    case green

    /// The colour as health-code reasons say it (`红码`), always Chinese (SPEC 11).
    public var chinese: String {
        switch self {
        case .red: HealthCodeText.red().text(in: .chinese)
        case .yellow: HealthCodeText.yellow().text(in: .chinese)
        case .green: HealthCodeText.green().text(in: .chinese)
        }
    }

    public var description: String { rawValue }
}

/// The policy's `[health_code]`: the colour each action gives a person's health code (SPEC 9).
public struct HealthCodePolicy: Sendable, Hashable, Codable {
    public var colours: [Action: HealthColour]

    public init(colours: [Action: HealthColour]) {
        self.colours = colours
    }

    /// SPEC 9's defaults: quarantine of either kind red, health monitoring yellow.
    public static let defaults = HealthCodePolicy(colours: [
        .centralizedQuarantine: .red, .homeQuarantine: .red, .healthMonitoring: .yellow,
    ])

    /// The actions `[health_code]` may name: those a measure can carry.
    public static let actions: [Action] = Action.allCases.filter { $0 != .none }.sorted(by: >)

    /// The colour of a measure with `action`; a person without a measure (`none`) is green.
    public func colour(_ action: Action) -> HealthColour {
        colours[action] ?? HealthCodePolicy.defaults.colours[action] ?? .green
    }
}
