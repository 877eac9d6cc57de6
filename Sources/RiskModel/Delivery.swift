/// What a grid worker reports for one delivered notice (SPEC 8's `送达结果`).
public enum DeliveryOutcome: String, Sendable, Hashable, CaseIterable {
    case delivered = "已送达"
    case refused = "拒收"
    case notFound = "查无此人"
    case left = "已离开本地"
    case pending = "待送达"

    /// The word on the worklist and in its drop-down list.
    public var chinese: String { rawValue }
}

/// An outcome recorded for a serial, with the day it was reported for; pre-filled on the next worklist.
public struct RecordedDelivery: Sendable, Hashable {
    public var outcome: DeliveryOutcome
    public var date: Day?

    public init(outcome: DeliveryOutcome, date: Day?) {
        self.outcome = outcome
        self.date = date
    }
}
