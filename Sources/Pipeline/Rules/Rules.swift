import Normalize
import RiskModel

/// The `rules` commands (SPEC 10): import an announcement, compare two rule files, check one.
public enum Rules {
    /// What a `rules` command prints: lines for stdout, warnings for stderr.
    public struct Output: Sendable {
        public var lines: [String] = []
        public var warnings: [String] = []
    }

    /// The day a `rules` command compares on: the one asked for, else the config's `as_of`, else today in Asia/Shanghai.
    static func day(_ on: Day?, _ settings: RunSettings) -> Day {
        on ?? settings.asOf ?? RunSettings.todayInShanghai()
    }

    /// Reads a rule file with its names settled in `gazetteer`; an invalid file is refused (exit 2) with every bad line.
    static func read(_ path: String, gazetteer: Gazetteer) throws(RunError) -> [Designation] {
        do { return try RuleFile.read(RunSettings.input(path: path), gazetteer: gazetteer).designations } catch {
            throw RunError.from(error)
        }
    }

    /// The changes on a day, one line each, indented.
    static func lines(_ changes: DesignationChanges) -> [String] {
        changes.description.split(separator: "\n").map { "  " + $0 }
    }
}
