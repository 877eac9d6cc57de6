/// How a stay met the designation that gave a measure (SPEC 2 and 6).
public enum ExposureKind: UInt8, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The stay region lies inside the designated region.
    case direct = 0
    /// The stay is known only at a region that contains the designated one; the measure follows the coarse level.
    case coarse = 1

    /// The value written in `measures.csv` and the store.
    public var code: String { self == .direct ? "direct" : "coarse" }

    public var description: String { code }

    public init?(code: String) {
        switch code {
        case "direct": self = .direct
        case "coarse": self = .coarse
        default: return nil
        }
    }
}

/// What one exposure would oblige: a candidate measure before the most severe is chosen (SPEC 2).
public struct Candidate: Sendable, Hashable {
    public var action: Action
    public var until: Day
    /// The level the measure follows: the designation's, or its coarse level for a coarse exposure.
    public var level: RiskLevel
    /// The designation's own level, which a notice states for the designated region (SPEC 6).
    public var designatedLevel: RiskLevel
    public var region: RegionCode
    public var lastExposure: Day
    /// Whether the stay was inside the designated region (direct) or only at a region containing it (coarse).
    public var direct: Bool
    /// The region of the stay that gave this exposure (SPEC 6's *R*).
    public var stay: RegionCode

    public init(action: Action, until: Day, level: RiskLevel, region: RegionCode, lastExposure: Day, direct: Bool,
                stay: RegionCode? = nil, designatedLevel: RiskLevel? = nil) {
        self.action = action
        self.until = until
        self.level = level
        self.designatedLevel = designatedLevel ?? level
        self.region = region
        self.lastExposure = lastExposure
        self.direct = direct
        self.stay = stay ?? region
    }

    /// SPEC 2's order: more severe action, then later `until`, then higher level, then smaller region code; among
    /// the stays that gave the same (level, designated region, last exposure day), SPEC 6's most specific stay
    /// region (longest canonical code), then the smallest.
    @inline(__always)
    public func beats(_ other: Candidate) -> Bool {
        if action != other.action { return action > other.action }
        if until != other.until { return until > other.until }
        if level != other.level { return level > other.level }
        if region != other.region { return region < other.region }
        if lastExposure != other.lastExposure { return lastExposure > other.lastExposure }
        if stay != other.stay {
            return stay.length != other.stay.length ? stay.length > other.stay.length : stay < other.stay
        }
        // The same stay region meeting the same designated region is the same kind of exposure; only overlapping
        // designations of one region at two levels remain, and the higher one is reported.
        if designatedLevel != other.designatedLevel { return designatedLevel > other.designatedLevel }
        return direct && !other.direct
    }
}

/// The measure a person is under after screening: the winning candidate and the designation it came from.
public struct Measure: Sendable, Hashable {
    public var person: PersonKey
    public var action: Action
    /// The level the measure follows (for a coarse exposure, the coarse level).
    public var level: RiskLevel
    /// The designated region *G* and its name in the rule file.
    public var region: RegionCode
    public var regionName: String
    public var lastExposure: Day
    public var until: Day
    /// *G*'s own level: what a notice says the designated region is (SPEC 6).
    public var designatedLevel: RiskLevel
    public var exposure: ExposureKind
    /// The stay region *R* that gave the reported exposure, and its full name from the gazetteer ("" when unknown).
    public var stayRegion: RegionCode
    public var stayRegionName: String

    public init(person: PersonKey, action: Action, level: RiskLevel, region: RegionCode, regionName: String, lastExposure: Day, until: Day,
                exposure: ExposureKind = .direct, stayRegion: RegionCode? = nil, stayRegionName: String = "",
                designatedLevel: RiskLevel? = nil) {
        self.person = person
        self.action = action
        self.level = level
        self.region = region
        self.regionName = regionName
        self.lastExposure = lastExposure
        self.until = until
        self.designatedLevel = designatedLevel ?? level
        self.exposure = exposure
        self.stayRegion = stayRegion ?? region
        self.stayRegionName = stayRegionName
    }

    /// The period printed on a notice: from the day after the last exposure to `until`.
    public var period: DayRange { DayRange(lastExposure + 1, until) }
}
