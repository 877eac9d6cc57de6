/// A region designated at a risk level over a window of days (one row of the rule file, SPEC 1.4).
public struct Designation: Sendable, Hashable, Codable {
    public var region: RegionCode
    public var regionName: String
    public var level: RiskLevel
    public var from: Day
    /// Last day in force; nil while still in force.
    public var to: Day?
    /// 1-based line of the rule file, for explanations.
    public var line: Int

    public init(region: RegionCode, regionName: String, level: RiskLevel, from: Day, to: Day?, line: Int) {
        self.region = region
        self.regionName = regionName
        self.level = level
        self.from = from
        self.to = to
        self.line = line
    }

    /// The days in force, open-ended designations running to the end of time.
    public var days: DayRange { DayRange(from, to ?? Day(number: Int32.max / 2)) }
}
