import RiskModel

/// How the regions designated on one day differ between two rule files, region by region, per level.
public struct DesignationChanges: Sendable, Hashable, CustomStringConvertible {
    /// One region's level before and after; nil where it is not designated.
    public struct Change: Sendable, Hashable {
        public var region: RegionCode
        public var name: String
        public var before: RiskLevel?
        public var after: RiskLevel?

        public init(region: RegionCode, name: String, before: RiskLevel?, after: RiskLevel?) {
            self.region = region
            self.name = name
            self.before = before
            self.after = after
        }
    }

    /// The day compared.
    public var day: Day
    /// Designated after, not before; ordered by level (high first), then code.
    public var added: [Change] = []
    /// Designated before, not after; same order.
    public var lifted: [Change] = []
    /// Designated at another level; ordered by the level after, then code.
    public var changed: [Change] = []
    /// Regions at the same level before and after.
    public var unchanged = 0

    public init(day: Day) { self.day = day }

    /// Compares two maps of region → (level, name), the state on `day` of two files.
    init(day: Day, before: [RegionCode: (level: RiskLevel, name: String)], after: [RegionCode: (level: RiskLevel, name: String)]) {
        self.day = day
        for region in Set(before.keys).union(after.keys).sorted() {
            let old = before[region], new = after[region]
            let change = Change(region: region, name: new?.name ?? old?.name ?? "", before: old?.level, after: new?.level)
            switch (old?.level, new?.level) {
            case (nil, _?): added.append(change)
            case (_?, nil): lifted.append(change)
            case let (a?, b?) where a != b: changed.append(change)
            default: unchanged += 1
            }
        }
        let byLevel: (Change, Change, RiskLevel?, RiskLevel?) -> Bool = { x, y, lx, ly in
            lx != ly ? (lx ?? .low) > (ly ?? .low) : x.region < y.region
        }
        added.sort { byLevel($0, $1, $0.after, $1.after) }
        lifted.sort { byLevel($0, $1, $0.before, $1.before) }
        changed.sort { byLevel($0, $1, $0.after, $1.after) }
    }

    /// True when no region changed.
    public var isEmpty: Bool { added.isEmpty && lifted.isEmpty && changed.isEmpty }

    /// The regions added at `level`.
    public func added(at level: RiskLevel) -> [Change] { added.filter { $0.after == level } }
    /// The regions lifted from `level`.
    public func lifted(from level: RiskLevel) -> [Change] { lifted.filter { $0.before == level } }
    /// The regions changed to `level`.
    public func changed(to level: RiskLevel) -> [Change] { changed.filter { $0.after == level } }

    /// One line per kind and level: `added, high (1): 北京市丰台区 (110106)` (`新增高风险地区 1 个：北京市丰台区（110106）`).
    public var lines: [Message] {
        var lines: [Message] = []
        func region(_ c: Change) -> Message { NameText.candidate(["name": c.name, "code": c.region]) }
        for level in RiskLevel.allCases.reversed() {
            let list = added(at: level)
            if !list.isEmpty { lines.append(NameText.added(["level": TermText.level(level), "count": list.count, "regions": list.map(region)])) }
        }
        for level in RiskLevel.allCases.reversed() {
            let list = lifted(from: level)
            if !list.isEmpty { lines.append(NameText.lifted(["level": TermText.level(level), "count": list.count, "regions": list.map(region)])) }
        }
        for level in RiskLevel.allCases.reversed() {
            let list = changed(to: level)
            if !list.isEmpty {
                let regions = list.map { c in
                    NameText.changedRegion(["region": region(c), "before": c.before.map(TermText.level)?.messageValue ?? .none,
                                            "after": TermText.level(level)])
                }
                lines.append(NameText.changed(["level": TermText.level(level), "count": list.count, "regions": regions]))
            }
        }
        lines.append(isEmpty ? NameText.noChange(["day": day, "count": unchanged]) : NameText.unchanged(["day": day, "count": unchanged]))
        return lines
    }

    /// The lines in the process's language.
    public var description: String { lines.map(\.description).joined(separator: "\n") }
}

/// Compares two rule files (`rules diff`).
public enum RulesDiff {
    /// The regions in force on `day` in `old` and in `new`, compared: added, lifted, changed per level.
    ///
    /// A region with several rows in force on the day counts at its highest level, as screening would
    /// find its most severe exposure there.
    public static func between(_ old: [Designation], _ new: [Designation], on day: Day) -> DesignationChanges {
        DesignationChanges(day: day, before: inForce(old, on: day), after: inForce(new, on: day))
    }

    /// Each region's highest level in force on `day`, with the name of that row.
    static func inForce(_ designations: [Designation], on day: Day) -> [RegionCode: (level: RiskLevel, name: String)] {
        var levels: [RegionCode: (level: RiskLevel, name: String)] = [:]
        for row in designations where row.days.contains(day) {
            if let known = levels[row.region], known.level >= row.level { continue }
            levels[row.region] = (row.level, row.regionName)
        }
        return levels
    }
}
