import Normalize
import RiskModel

extension Rules {
    /// `rules check` (SPEC 10): the rule file's fields and names, as a run would read them, and what is in force on a day.
    public enum Check {
        /// Lines for a valid file; an invalid one is refused (exit 2) with every bad line.
        public static func execute(file: String, on: Day?, settings: RunSettings) throws(RunError) -> Output {
            let gazetteer = try settings.gazetteer()
            let parsed: ParsedRuleFile
            let designations: [Designation]
            do {
                parsed = try RuleFile.parse(RunSettings.input(path: file), gazetteer: gazetteer)
                designations = try parsed.designations(in: gazetteer)
            } catch {
                throw RunError.from(error)
            }
            let day = Rules.day(on, settings)
            var out = Output()
            let byCode = parsed.rows.filter { $0.code != nil && $0.name.isEmpty }.count
            let byName = parsed.rows.filter { $0.code == nil }.count
            let both = parsed.rows.count - byCode - byName
            out.lines.append("\(file): \(designations.count) rows valid (\(both) with code and name, which agree; "
                + "\(byName) named only, resolved to codes; \(byCode) coded only, named from the gazetteer)")

            // Names checked only down to what the gazetteer knows: worth a look, never an error (SPEC 10).
            for row in parsed.rows {
                guard let code = row.code, !row.name.isEmpty,
                      case let .agrees(unchecked?) = gazetteer.agreement(code: code, name: row.name) else { continue }
                let known = gazetteer.knownAncestry(of: code).last.flatMap { gazetteer.fullName(of: $0) }
                out.lines.append("  line \(row.line): \(unchecked) not checked: the gazetteer names \(code) only down to "
                    + (known ?? "no level") + "; add the district's streets and communities to a gazetteer file to check it")
            }

            let inForce = designations.filter { $0.days.contains(day) }
            out.lines.append("in force on \(day): \(Set(inForce.map(\.region)).count) regions")
            for level in RiskLevel.allCases.reversed() {
                var seen = Set<RegionCode>()
                let rows = inForce.filter { $0.level == level }.sorted { $0.region < $1.region }.filter { seen.insert($0.region).inserted }
                if !rows.isEmpty {
                    out.lines.append("  \(level.code) (\(rows.count)): " + rows.map { "\($0.regionName) (\($0.region))" }.joined(separator: ", "))
                }
            }
            return out
        }
    }
}
