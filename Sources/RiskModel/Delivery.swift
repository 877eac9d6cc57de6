/// What a grid worker reports for one delivered notice (SPEC 8's `送达结果`).
public enum DeliveryOutcome: String, Sendable, Hashable, CaseIterable {
    case delivered = "已送达"
    case refused = "拒收"
    case notFound = "查无此人"
    case left = "已离开本地"
    /// Nothing to report yet: never recorded.
    case pending = "待送达"

    /// The word on the worklist and in its drop-down list.
    public var chinese: String { rawValue }

    /// The machine code, as the store keeps it and as `followup.csv`'s `issue` says it.
    public var code: String {
        switch self {
        case .delivered: return "delivered"
        case .refused: return "refused"
        case .notFound: return "not_found"
        case .left: return "left"
        case .pending: return "pending"
        }
    }

    /// The outcome in the office's messages, in the process's language (the worklist keeps `chinese`).
    public var message: Message {
        switch self {
        case .delivered: DeliveryText.delivered()
        case .refused: DeliveryText.refused()
        case .notFound: DeliveryText.notFound()
        case .left: DeliveryText.left()
        case .pending: DeliveryText.pending()
        }
    }

    /// The outcomes `feedback` records, in the drop-down's order.
    public static let recorded: [DeliveryOutcome] = [.delivered, .refused, .notFound, .left]

    /// The outcome of a stored code.
    public init?(code: String) {
        guard let match = DeliveryOutcome.allCases.first(where: { $0.code == code }) else { return nil }
        self = match
    }

    /// The outcome a worklist cell names: its Chinese word, or its code.
    public init?(word: String) {
        guard let match = DeliveryOutcome(rawValue: word) ?? DeliveryOutcome(code: word) else { return nil }
        self = match
    }
}

/// An outcome recorded for a serial, with the day it was reported for; pre-filled on the next worklist.
///
/// Of the outcomes recorded for a serial, the one that counts has the latest `送达日期`, then the later import
/// (SPEC 8); `feedback` gives every one a day (a scan list's rows and undated worklist rows take the import's).
public struct RecordedDelivery: Sendable, Hashable {
    public var outcome: DeliveryOutcome
    public var date: Day?

    public init(outcome: DeliveryOutcome, date: Day?) {
        self.outcome = outcome
        self.date = date
    }
}

/// What the office knows of the delivery of a notice in force: when it was issued and what was reported since.
public struct NoticeDelivery: Sendable, Hashable {
    /// The as-of day of the run that issued the notice.
    public var issuedOn: Day
    /// The outcome that counts; nil while nothing is recorded (`待送达`).
    public var delivery: RecordedDelivery?

    public init(issuedOn: Day, delivery: RecordedDelivery?) {
        self.issuedOn = issuedOn
        self.delivery = delivery
    }
}
