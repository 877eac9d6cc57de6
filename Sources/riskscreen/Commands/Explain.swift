import ArgumentParser
import Pipeline
import RiskModel

/// `--config` and `--state` of the commands that read the state store: the store from the flag, else the config's.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp(HelpText.explainConfig().description, valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp(HelpText.explainState().description, valueName: "file"))
    var state: String?

    /// The config's settings with `--state` laid over them.
    func settings() throws(RunError) -> RunSettings {
        var s = try config.map { (path) throws(RunError) in try RunSettings.load(config: path) } ?? RunSettings()
        if let state { s.state = state }
        return s
    }

    /// The store to read, or the usage error of `command` without one.
    func statePath(for command: String) throws(RunError) -> String {
        guard let state = try settings().state else { throw .configuration(CommandText.needsState(["command": command])) }
        return state
    }
}

extension Riskscreen {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.explainAbstract().description,
            discussion: HelpText.explainDiscussion().description)

        @OptionGroup var store: StoreOptions

        @Option(name: .customLong("as-of"), help: ArgumentHelp(HelpText.explainAsOf().description, valueName: "date"))
        var asOf: String?

        @Option(name: .customLong("id-type"), help: ArgumentHelp(HelpText.idType().description))
        var idType: String?

        @Option(help: ArgumentHelp(HelpText.explainPolicy().description, valueName: "file"))
        var policy: String?

        @Option(help: ArgumentHelp(HelpText.explainRegions().description, valueName: "file"))
        var regions: String?

        @OptionGroup var language: LanguageOption

        @Argument(help: ArgumentHelp(HelpText.explainWho().description, valueName: "id-name-or-phone"))
        var who: String

        func validate() throws { _ = try day(asOf, flag: "--as-of") }

        func run() throws {
            let lines: [Message]
            do {
                lines = try Pipeline.Explain.execute(try store.settings(), who: who, idType: idType, asOf: asOf.flatMap(RunSettings.day),
                                                     policy: policy, regions: regions, warn: warn)
            } catch {
                throw fail(error)
            }
            show(lines)
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.historyAbstract().description,
            discussion: HelpText.historyDiscussion().description)

        @OptionGroup var store: StoreOptions

        @OptionGroup var language: LanguageOption

        func run() throws {
            let lines: [Message]
            do { lines = try Pipeline.History.execute(state: try store.statePath(for: "history"), warn: warn) } catch { throw fail(error) }
            show(lines)
        }
    }
}
