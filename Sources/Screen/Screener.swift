import Machinery
import RiskModel

/// One stay meeting one designation within the window (SPEC 2), with the candidate it gives, if any.
public struct Exposure: Sendable, Hashable {
    public var stay: Stay
    public var designation: Designation
    public var direct: Bool
    /// `[a,b] ∩ [f,t] ∩ W`.
    public var days: DayRange
    /// The level the exposure counts at: the designation's, or its `coarse` level.
    public var level: RiskLevel?
    /// Nil when the policy maps the level to no action, or the measure ended before the as-of date.
    public var candidate: Candidate?
}

/// Applies SPEC 2 for one as-of date: stays and designations in, one measure per exposed person out.
public struct Screener: Sendable {
    public let policy: Policy
    public let asOf: Day
    /// `W = [A − lookback_days, A]`.
    public let window: DayRange
    public let index: DesignationIndex

    /// Each designation's region and days, and what a direct or a coarse match with it gives under the policy
    /// (nil for no candidate), resolved once here instead of in the policy's table for every match.
    private let targets: [Target]

    /// A designation as the hot loop reads it: no name, and its outcomes already looked up in the policy.
    struct Target: Sendable {
        var region: RegionCode
        var level: RiskLevel
        var days: DayRange
        var direct: Outcome?
        var coarse: Outcome?
    }

    /// The level a match counts at, and the action and days the policy gives that level.
    struct Outcome: Sendable {
        var level: RiskLevel
        var action: Action
        var days: Int
    }

    public init(policy: Policy, designations: [Designation], asOf: Day) {
        self.policy = policy
        self.asOf = asOf
        window = DayRange(asOf - policy.lookbackDays, asOf)
        index = DesignationIndex(designations, window: window)
        func outcome(_ level: RiskLevel?) -> Outcome? {
            guard let level else { return nil }
            let rule = policy.rule(level)
            return rule.action == .none ? nil : Outcome(level: level, action: rule.action, days: rule.days)
        }
        targets = designations.map { d in
            Target(region: d.region, level: d.level, days: d.days, direct: outcome(d.level), coarse: outcome(policy.rule(d.level).coarse))
        }
    }

    /// Folds the candidates of `stays` into `best`, keeping each person's winning candidate.
    public func screen(_ stays: UnsafeBufferPointer<Stay>, into best: inout [PersonKey: Candidate]) {
        for stay in stays {
            let days = stay.days.intersection(window)
            if days.isEmpty { continue }
            let region = stay.region
            index.forEachMatch(region) { designation, direct in
                guard let candidate = candidate(days: days, designation: designation, direct: direct, stay: region) else { return }
                Screener.keep(candidate, in: &best[stay.person])
            }
        }
    }

    /// Screens `stays` and returns each exposed person's winning candidate.
    public func screen(_ stays: [Stay], workers: Workers) -> [PersonKey: Candidate] {
        screen(StayParts(parts: [StayParts.Part(stays: stays, contacts: ContactBook())]), workers: workers)
    }

    /// Screens every part of a store and returns each exposed person's winning candidate.
    ///
    /// The stays of all parts are cut into equal slices across part boundaries, so a store of many small parts
    /// (a night's chunks) or of one large one keeps every thread busy; each slice fills a table of its own.
    public func screen(_ stays: StayParts, workers: Workers) -> [PersonKey: Candidate] {
        let parts = stays.parts
        let offsets = parts.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.stays.count) }
        let total = offsets[offsets.count - 1]
        // Many more slices than threads, taken as threads come free: the night's own stays, at the end, match far
        // more often than the stored ones, and a slice holding most of them left one thread screening alone.
        let slices = total < 100_000 || workers.count == 1 ? 1 : workers.count * 16
        let results = workers.map(slices) { w in
            let lower = total * w / slices, upper = total * (w + 1) / slices
            var best: [PersonKey: Candidate] = [:]
            for p in parts.indices where offsets[p] < upper && offsets[p + 1] > lower {
                let from = max(lower, offsets[p]) - offsets[p], to = min(upper, offsets[p + 1]) - offsets[p]
                parts[p].stays.forEachSpan(in: from..<to) { screen($0, into: &best) }
            }
            return best
        }
        // Candidates are totally ordered by `beats`, so the merge order does not change the winners. Room for
        // every entry is made first: growing the table as it fills rehashed every person already in it.
        var merged = results[0]
        merged.reserveCapacity(results.reduce(0) { $0 + $1.count })
        for other in results.dropFirst() {
            for (person, candidate) in other { Screener.keep(candidate, in: &merged[person]) }
        }
        return merged
    }

    /// Every exposure of one stay, kept or not, for `explain`.
    public func exposures(of stay: Stay) -> [Exposure] {
        var found: [Exposure] = []
        let inWindow = stay.days.intersection(window)
        index.forEachMatch(stay.region) { i, direct in
            let designation = index.designations[i]
            let days = inWindow.intersection(designation.days)
            guard !days.isEmpty else { return }
            let level = direct ? designation.level : policy.rule(designation.level).coarse
            found.append(Exposure(stay: stay, designation: designation, direct: direct, days: days, level: level,
                                  candidate: candidate(days: inWindow, designation: i, direct: direct, stay: stay.region)))
        }
        return found
    }

    /// The candidate for a stay's in-window days against the designation at `designation` (SPEC 2), or nil.
    @inline(__always)
    func candidate(days: DayRange, designation: Int, direct: Bool, stay: RegionCode) -> Candidate? {
        let target = targets[designation]
        guard let outcome = direct ? target.direct : target.coarse else { return nil }
        let exposed = days.intersection(target.days)
        if exposed.isEmpty { return nil }
        let until = exposed.last + outcome.days
        guard until >= asOf else { return nil }
        return Candidate(action: outcome.action, until: until, level: outcome.level, region: target.region,
                         lastExposure: exposed.last, direct: direct, stay: stay, designatedLevel: target.level)
    }

    /// Keeps `candidate` in `slot` if it beats what is there: one lookup in a table, where reading and then
    /// writing the entry hashed the person twice.
    @inline(__always)
    static func keep(_ candidate: Candidate, in slot: inout Candidate?) {
        if let current = slot, !candidate.beats(current) { return }
        slot = candidate
    }
}
