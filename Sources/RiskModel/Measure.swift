/// What one exposure would oblige: a candidate measure before the most severe is chosen (SPEC 2).
public struct Candidate: Sendable, Hashable {
    public var action: Action
    public var until: Day
    public var level: RiskLevel
    public var region: RegionCode
    public var lastExposure: Day
    /// Whether the stay was inside the designated region (direct) or only at a region containing it (coarse).
    public var direct: Bool

    public init(action: Action, until: Day, level: RiskLevel, region: RegionCode, lastExposure: Day, direct: Bool) {
        self.action = action
        self.until = until
        self.level = level
        self.region = region
        self.lastExposure = lastExposure
        self.direct = direct
    }

    /// SPEC 2's order: more severe action, then later `until`, then higher level, then smaller region code.
    public func beats(_ other: Candidate) -> Bool {
        if action != other.action { return action > other.action }
        if until != other.until { return until > other.until }
        if level != other.level { return level > other.level }
        if region != other.region { return region < other.region }
        if lastExposure != other.lastExposure { return lastExposure > other.lastExposure }
        return direct && !other.direct
    }
}

/// The measure a person is under after screening: the winning candidate and the designation it came from.
public struct Measure: Sendable, Hashable {
    public var person: PersonKey
    public var action: Action
    public var level: RiskLevel
    public var region: RegionCode
    public var regionName: String
    public var lastExposure: Day
    public var until: Day

    public init(person: PersonKey, action: Action, level: RiskLevel, region: RegionCode, regionName: String, lastExposure: Day, until: Day) {
        self.person = person
        self.action = action
        self.level = level
        self.region = region
        self.regionName = regionName
        self.lastExposure = lastExposure
        self.until = until
    }

    /// The period printed on a notice: from the day after the last exposure to `until`.
    public var period: DayRange { DayRange(lastExposure + 1, until) }
}
