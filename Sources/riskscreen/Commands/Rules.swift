import ArgumentParser
import Pipeline
import RiskModel

extension Riskscreen {
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make, compare and check risk-region rule files: import a published announcement, diff, check.",
            discussion: """
                A rule file names each region by its code (区划代码), its name (地区名称), or both, which must \
                agree. Names are read with the gazetteer: the national table shipped with riskscreen, the \
                config's gazetteer files (a district's streets and communities), and the residents' \
                community names from the state store. docs/rule-files.md explains the date windows.

                Examples:
                  riskscreen rules import announcement.txt --on 2020-02-07 --previous regions.csv -o regions-0207.csv
                  riskscreen rules diff regions.csv regions-0207.csv --on 2020-02-07
                  riskscreen rules check regions-0207.csv --config riskscreen.toml
                """,
            subcommands: [Import.self, Diff.self, Check.self])
    }
}

/// Where the `rules` commands find names beyond the national table (SPEC 10 sources 2 and 3).
struct NameSourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Config file (TOML): its gazetteer files, state store and as_of are used.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("State store, for the residents' community names; default the config's.", valueName: "file"))
    var state: String?

    /// The config's settings with `--state` laid over them.
    func settings() throws(RunError) -> RunSettings {
        var s = try config.map { (path) throws(RunError) in try RunSettings.load(config: path) } ?? RunSettings()
        if let state { s.state = state }
        return s
    }
}

/// Prints a `rules` command's output: lines on stdout, warnings on stderr.
func show(_ output: Pipeline.Rules.Output) {
    for warning in output.warnings { printError("warning: \(warning)") }
    for line in output.lines { print(line) }
}

/// `--on`/`--from` dates, checked in `validate()`.
func day(_ text: String?, flag: String) throws -> Day? {
    guard let text else { return nil }
    guard let day = Day(iso: text) else { throw ValidationError("\(flag) must be a date like 2020-02-07, not \(text)") }
    return day
}
