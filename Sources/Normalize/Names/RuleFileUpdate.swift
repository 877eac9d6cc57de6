import RiskModel

/// A region of an announcement, resolved: what `rules import` designates.
public struct AnnouncedRegion: Sendable, Hashable {
    public var region: RegionCode
    /// The gazetteer's full name, as the rule file writes it.
    public var name: String
    public var level: RiskLevel
    /// 1-based line of the announcement.
    public var line: Int

    public init(region: RegionCode, name: String, level: RiskLevel, line: Int) {
        self.region = region
        self.name = name
        self.level = level
        self.line = line
    }
}

/// A region the announcement lists at more than one level; the highest is designated.
public struct LevelConflict: Sendable, Hashable, CustomStringConvertible {
    public var region: RegionCode
    public var name: String
    /// Each listing's level and line, in announcement order.
    public var listings: [(level: RiskLevel, line: Int)] {
        zip(levels, lines).map { ($0, $1) }
    }
    public var levels: [RiskLevel]
    public var lines: [Int]

    public var description: String {
        "\(name) (\(region)) is listed at " + listings.map { "\($0.level) (line \($0.line))" }.joined(separator: " and ")
            + "; designated \(levels.max() ?? .high), the highest; correct the announcement if that is wrong"
    }

    /// The same message in Chinese (SPEC 11).
    public var chinese: String {
        "\(name)（\(region)）同时列为" + listings.map { "\($0.level.chinese)（第 \($0.line) 行）" }.joined(separator: "和")
            + "；按最高的\((levels.max() ?? .high).chinese)划定，如有误请更正公告"
    }
}

/// The next rule file from the previous one and an announcement (SPEC 10, `rules import --previous`).
public struct RuleFileUpdate: Sendable, Hashable {
    /// The rows of the next file, in order: the previous rows (kept or closed) in their order, then the new ones
    /// by level (high first), then code, so the file does not depend on how the announcement is laid out.
    /// `line` is each row's line in the file as written, after a header on line 1.
    public var designations: [Designation]
    /// What changed on the day, per level.
    public var changes: DesignationChanges
    /// Previous rows in force on the day that closing would end before they begin (they started on or after
    /// the closing day's next day): left out of the next file rather than written with `to` before `from`.
    public var withdrawn: [Designation]
    /// Regions listed at more than one level.
    public var conflicts: [LevelConflict]

    /// Builds the next rule file.
    ///
    /// The announcement is the complete list in force on `day` (`--on`). A region in force on `day` in
    /// `previous` but not listed is closed with `to = min(day, from) − 1`; a changed level closes the old
    /// row the same way and opens a new one; a region listed again at the same level keeps its row as it is;
    /// other rows are kept; a new region opens a row from `from` (default `day`) with an open `to`.
    /// With no previous file (`previous` empty) every region is new.
    public static func make(previous: [Designation], announced: [AnnouncedRegion], on day: Day, from: Day? = nil) -> RuleFileUpdate {
        let start = from ?? day
        let close = min(day, start) - 1

        // The announced level of each region; a region listed twice at different levels is a conflict.
        var wanted: [RegionCode: AnnouncedRegion] = [:]
        var order: [RegionCode] = []
        var listings: [RegionCode: [AnnouncedRegion]] = [:]
        for region in announced {
            listings[region.region, default: []].append(region)
            if let known = wanted[region.region] {
                if region.level > known.level { wanted[region.region] = region }
            } else {
                wanted[region.region] = region
                order.append(region.region)
            }
        }
        let conflicts = order.compactMap { code -> LevelConflict? in
            guard let list = listings[code], Set(list.map(\.level)).count > 1 else { return nil }
            return LevelConflict(region: code, name: list[0].name, levels: list.map(\.level), lines: list.map(\.line))
        }

        var rows: [Designation] = []
        var withdrawn: [Designation] = []
        var kept = Set<RegionCode>()
        for row in previous {
            guard row.days.contains(day) else {
                rows.append(row)
                continue
            }
            if wanted[row.region]?.level == row.level {
                rows.append(row)
                kept.insert(row.region)
                continue
            }
            guard close >= row.from else {
                withdrawn.append(row)
                continue
            }
            var closed = row
            closed.to = close
            rows.append(closed)
        }
        let opened = order.filter { !kept.contains($0) }.compactMap { wanted[$0] }
            .sorted { $0.level != $1.level ? $0.level > $1.level : $0.region < $1.region }
        for region in opened {
            rows.append(Designation(region: region.region, regionName: region.name, level: region.level, from: start, to: nil, line: 0))
        }
        for i in rows.indices { rows[i].line = i + 2 }

        let before = RulesDiff.inForce(previous, on: day)
        let after = wanted.mapValues { (level: $0.level, name: $0.name) }
        return RuleFileUpdate(designations: rows, changes: DesignationChanges(day: day, before: before, after: after),
                              withdrawn: withdrawn, conflicts: conflicts)
    }
}
