import ArgumentParser
import Ingest
import Pipeline
import RiskModel

/// The rule and feed flags shared by `run`, `check` and `diff`.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp(HelpText.config().description, valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp(HelpText.policy().description, valueName: "file"))
    var policy: String?

    @Option(help: ArgumentHelp(HelpText.regions().description, valueName: "file"))
    var regions: String?

    @Option(help: ArgumentHelp(HelpText.residents().description, valueName: "file"))
    var residents: [String] = []

    @Option(help: ArgumentHelp(HelpText.travel().description, valueName: "file"))
    var travel: [String] = []

    @Option(help: ArgumentHelp(HelpText.encoding().description, valueName: "encoding"))
    var encoding: String = "auto"

    @Flag(help: ArgumentHelp(HelpText.only().description))
    var only = false

    @Flag(help: ArgumentHelp(HelpText.add().description))
    var add = false

    @OptionGroup var language: LanguageOption

    func validate() throws {
        guard TextEncoding(configValue: encoding) != nil else {
            throw ValidationError(UsageText.badEncoding(["value": encoding]).description)
        }
        if only && add { throw ValidationError(UsageText.onlyAndAdd().description) }
    }

    /// The config file's settings with these flags laid over them; feeds named here beside the config's need
    /// `--only` or `--add` (SPEC 5).
    func settings() throws(RunError) -> RunSettings {
        var s = try config.map { (path) throws(RunError) in try RunSettings.load(config: path) } ?? RunSettings()
        let enc = TextEncoding(configValue: encoding) ?? .auto
        if let policy { s.policy = policy }
        if let regions { s.regions = RunSettings.input(path: regions, encoding: enc) }
        try s.useCommandLineFeeds(residents: residents.map { RunSettings.input(path: $0, encoding: enc) },
                                  travel: travel.map { RunSettings.input(path: $0, encoding: enc) },
                                  choice: only ? .only : add ? .add : nil)
        s.applyFieldLimit()
        return s
    }
}
