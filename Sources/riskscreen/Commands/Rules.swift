import ArgumentParser
import Pipeline
import RiskModel

extension Riskscreen {
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.rulesAbstract().description,
            discussion: HelpText.rulesDiscussion().description,
            subcommands: [Import.self, Diff.self, Check.self])
    }
}

/// Where the `rules` commands find names beyond the national table (SPEC 10 sources 2 and 3).
struct NameSourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp(HelpText.rulesConfig().description, valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp(HelpText.rulesState().description, valueName: "file"))
    var state: String?

    @OptionGroup var language: LanguageOption

    /// The config's settings with `--state` laid over them.
    func settings() throws(RunError) -> RunSettings {
        var s = try config.map { (path) throws(RunError) in try RunSettings.load(config: path) } ?? RunSettings()
        if let state { s.state = state }
        return s
    }
}

/// Prints a `rules` command's output: lines on stdout, warnings on stderr.
func show(_ output: Pipeline.Rules.Output) {
    for warning in output.warnings { printError(UsageText.rulesWarning(["message": warning]).description) }
    show(output.lines)
}
