/// What a grid worker reported for a notice (SPEC 8): the worklist's `送达结果`, other than `待送达`.
public enum DeliveryOutcome: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case delivered
    case refused
    case notFound = "not_found"
    case left

    /// The word on the worklist's drop-down.
    public var chinese: String {
        switch self {
        case .delivered: return "已送达"
        case .refused: return "拒收"
        case .notFound: return "查无此人"
        case .left: return "已离开本地"
        }
    }

    /// The machine code, as stored and as `followup.csv`'s `issue` says it.
    public var code: String { rawValue }

    public var description: String { code }

    /// The word a worklist shows while nothing is recorded.
    public static let pendingWord = "待送达"

    /// Every word the `送达结果` drop-down offers, in its order.
    public static let worklistWords = allCases.map(\.chinese) + [pendingWord]

    /// The outcome a worklist cell names: its Chinese word or its code; nil for anything else (`待送达` included).
    public init?(word: String) {
        guard let match = DeliveryOutcome.allCases.first(where: { $0.chinese == word || $0.code == word }) else { return nil }
        self = match
    }
}

/// The outcome recorded for a notice that counts: of all recorded for its serial, the one with the latest
/// `送达日期`, then the later import (SPEC 8).
public struct Delivery: Sendable, Hashable {
    public var outcome: DeliveryOutcome
    /// The `送达日期` (a scan list's rows take the import's date).
    public var on: Day

    public init(outcome: DeliveryOutcome, on: Day) {
        self.outcome = outcome
        self.on = on
    }
}

/// What the office knows of the delivery of a notice in force: when it was issued and what was reported since.
public struct NoticeDelivery: Sendable, Hashable {
    /// The as-of day of the run that issued the notice.
    public var issuedOn: Day
    /// The outcome that counts; nil while nothing is recorded (`待送达`).
    public var delivery: Delivery?

    public init(issuedOn: Day, delivery: Delivery?) {
        self.issuedOn = issuedOn
        self.delivery = delivery
    }
}
