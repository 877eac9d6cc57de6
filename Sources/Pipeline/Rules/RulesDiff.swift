import Normalize
import RiskModel

extension Rules {
    /// `rules diff` (SPEC 10): two rule files compared on a day, per level, then row by row.
    public enum Diff {
        /// What changed in force on the day (added, lifted, changed per level, with names), then the rows only
        /// one of the files has: a window closed or moved shows there even when the day is unaffected.
        public static func execute(old: String, new: String, on: Day?, settings: RunSettings) throws(RunError) -> Output {
            let gazetteer = try settings.gazetteer()
            let before = try Rules.read(old, gazetteer: gazetteer)
            let after = try Rules.read(new, gazetteer: gazetteer)
            let day = Rules.day(on, settings)
            var out = Output()
            out.lines.append("\(old) → \(new), in force on \(day):")
            out.lines += Rules.lines(RulesDiff.between(before, after, on: day))

            // Rows compared by what they designate, not by line or spelling; a row whose `to` alone moved (a window
            // closed, reopened or shortened) is shown as one change.
            struct Key: Hashable { var region: RegionCode; var level: RiskLevel; var from: Day; var to: Day? }
            func key(_ d: Designation) -> Key { Key(region: d.region, level: d.level, from: d.from, to: d.to) }
            func start(_ d: Designation) -> Key { Key(region: d.region, level: d.level, from: d.from, to: nil) }
            let oldKeys = Set(before.map(key)), newKeys = Set(after.map(key))
            var removed = before.filter { !newKeys.contains(key($0)) }
            var added = after.filter { !oldKeys.contains(key($0)) }
            var moved: [(Designation, Designation)] = []
            for row in removed {
                guard let i = added.firstIndex(where: { start($0) == start(row) }) else { continue }
                moved.append((row, added.remove(at: i)))
            }
            removed.removeAll { row in moved.contains { $0.0 == row } }
            out.lines.append("rows: \(before.count) in \(old), \(after.count) in \(new): \(moved.count) with another end (to), "
                + "\(added.count) only in \(new), \(removed.count) only in \(old)")
            out.lines += moved.map { "  ~ \(new):\($1.line): \($1.listed) (to was \($0.to?.description ?? "empty, in force") in \(old):\($0.line))" }
            out.lines += added.map { "  + \(new):\($0.line): \($0.listed)" }
            out.lines += removed.map { "  - \(old):\($0.line): \($0.listed)" }
            return out
        }
    }
}
