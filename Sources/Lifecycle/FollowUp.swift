import RiskModel

/// Where the paper of a notice in force stands (SPEC 8).
public enum DeliveryState: String, Sendable, Hashable, CaseIterable {
    case delivered
    case refused
    case notFound = "not_found"
    case left
    /// Nothing reported yet, within `delivery_days` of the notice's issue.
    case pending
    /// Nothing reported yet, more than `delivery_days` as-of days after the notice's issue.
    case overdue

    /// The state a recorded outcome gives; `pending` (never recorded) is for the caller to date as pending or overdue.
    public init(_ outcome: DeliveryOutcome) {
        switch outcome {
        case .delivered: self = .delivered
        case .refused: self = .refused
        case .notFound: self = .notFound
        case .left: self = .left
        case .pending: self = .pending
        }
    }

    /// Whether the office has to act on it: `followup.csv` lists these.
    public var needsAction: Bool { self != .delivered && self != .pending }

    /// The worklist's word for it.
    public var worklistWord: String {
        switch self {
        case .delivered: return DeliveryOutcome.delivered.chinese
        case .refused: return DeliveryOutcome.refused.chinese
        case .notFound: return DeliveryOutcome.notFound.chinese
        case .left: return DeliveryOutcome.left.chinese
        case .pending, .overdue: return DeliveryOutcome.pending.chinese
        }
    }

    /// The state as the report and `followup.csv` print it (`超期未送达`), always Chinese.
    public var chinese: String {
        switch self {
        case .pending: DeliveryText.pending().text(in: .chinese)
        case .overdue: DeliveryText.overdue().text(in: .chinese)
        default: worklistWord
        }
    }
}

/// How the notices of a community (or all) stand: each issued notice in force is in exactly one of the six states.
public struct DeliveryCounts: Sendable, Hashable, Codable {
    /// Notices in force with something to deliver: all but a new or amended measure ending on the as-of day.
    public var issued = 0
    public var delivered = 0
    public var refused = 0
    public var notFound = 0
    public var left = 0
    /// Awaiting feedback, not yet overdue.
    public var pending = 0
    public var overdue = 0

    public init() {}

    public mutating func add(_ state: DeliveryState) {
        issued += 1
        switch state {
        case .delivered: delivered += 1
        case .refused: refused += 1
        case .notFound: notFound += 1
        case .left: left += 1
        case .pending: pending += 1
        case .overdue: overdue += 1
        }
    }

    /// Adds another's counts to these.
    public mutating func add(_ other: DeliveryCounts) {
        issued += other.issued
        delivered += other.delivered
        refused += other.refused
        notFound += other.notFound
        left += other.left
        pending += other.pending
        overdue += other.overdue
    }

    public func count(_ state: DeliveryState) -> Int {
        switch state {
        case .delivered: return delivered
        case .refused: return refused
        case .notFound: return notFound
        case .left: return left
        case .pending: return pending
        case .overdue: return overdue
        }
    }
}

/// The delivery of every notice in force after a run: what `followup.csv`, the worklists, the report and the
/// manifest say about it (SPEC 8).
public struct FollowUp: Sendable {
    /// What is known of one notice's delivery.
    public struct Entry: Sendable, Hashable {
        /// The as-of day of the run that issued the notice.
        public var issuedOn: Day
        /// The outcome that counts, if any.
        public var delivery: RecordedDelivery?
        public var state: DeliveryState
    }

    /// By position in the run's notices; nil for a notice with no paper to deliver (a new or amended measure
    /// ending on the as-of day gets no printed notice, SPEC 7).
    public var entries: [Entry?]
    public var total = DeliveryCounts()
    public var byCommunity: [RegionCode?: DeliveryCounts] = [:]

    /// The notices a run's follow-up starts from (none: every notice is pending from tonight).
    public static let none = FollowUp(entries: [])

    /// - Parameters:
    ///   - notices: every measure in force after the run.
    ///   - prior: what the store knows of the notices in force after the last committed run (issue day, outcome).
    ///   - deliveryDays: as-of days a notice may stay pending after its issue before it is overdue.
    public init(notices: [Notice], prior: [String: NoticeDelivery], asOf: Day, deliveryDays: Int) {
        entries = []
        entries.reserveCapacity(notices.count)
        // By index, not a notice taken out whole (a retain and release of each of its texts); a community's counts
        // are added up in place while its notices come one after another, as they do in output order.
        var community: (code: RegionCode?, counts: DeliveryCounts)?
        for i in notices.indices {
            let continuing = notices[i].status == .continuing
            if !continuing && notices[i].measure.until == asOf {
                entries.append(nil)
                continue
            }
            // A new serial was issued tonight and has nothing recorded: a notice that supersedes another starts again.
            let known = continuing ? prior[notices[i].serial] : nil
            let issuedOn = known?.issuedOn ?? asOf
            let delivery = known?.delivery
            let recorded = delivery.map { DeliveryState($0.outcome) }
            let state = recorded.flatMap { $0 == .pending ? nil : $0 } ?? (asOf - issuedOn > deliveryDays ? .overdue : .pending)
            entries.append(Entry(issuedOn: issuedOn, delivery: delivery, state: state))
            total.add(state)
            let code = notices[i].assignment.community
            if let c = community, c.code != code { byCommunity[c.code, default: DeliveryCounts()].add(c.counts) }
            if community?.code != code { community = (code, DeliveryCounts()) }
            community?.counts.add(state)
        }
        if let c = community { byCommunity[c.code, default: DeliveryCounts()].add(c.counts) }
    }

    private init(entries: [Entry?]) {
        self.entries = entries
    }

    /// The outcome that counts for each notice that has one, by serial: what a worklist shows pre-filled.
    public func deliveries(_ notices: [Notice]) -> [String: RecordedDelivery] {
        var out: [String: RecordedDelivery] = [:]
        for (i, entry) in entries.enumerated() {
            if let delivery = entry?.delivery { out[notices[i].serial] = delivery }
        }
        return out
    }

    /// Positions of the notices the office has to act on (overdue, refused, not found, left), in the notices' order.
    public var needingAction: [Int] {
        entries.indices.filter { entries[$0]?.state.needsAction == true }
    }
}
