import ArgumentParser
import Pipeline
import RiskModel

extension Riskscreen.Rules {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.importAbstract().description,
            discussion: HelpText.importDiscussion().description)

        @Argument(help: ArgumentHelp(HelpText.importAnnouncement().description, valueName: "announcement"))
        var announcement: String

        @Option(help: ArgumentHelp(HelpText.importOn().description, valueName: "date"))
        var on: String

        @Option(help: ArgumentHelp(HelpText.importFrom().description, valueName: "date"))
        var from: String?

        @Option(help: ArgumentHelp(HelpText.importPrevious().description, valueName: "file"))
        var previous: String?

        @Option(help: ArgumentHelp(HelpText.importColumn().description, valueName: "name"))
        var column: String?

        @Flag(help: ArgumentHelp(HelpText.importWiden().description))
        var widen = false

        @Flag(name: .shortAndLong, help: ArgumentHelp(HelpText.importVerbose().description))
        var verbose = false

        @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp(HelpText.importOutput().description, valueName: "file"))
        var output: String

        @OptionGroup var names: NameSourceOptions

        func validate() throws {
            _ = try day(on, flag: "--on")
            _ = try day(from, flag: "--from")
        }

        func run() throws {
            let result: Pipeline.Rules.Output
            do throws(RunError) {
                guard let onDay = RunSettings.day(on) else { throw RunError.configuration(UsageText.badDate(["flag": "--on", "value": on])) }
                let request = Pipeline.Rules.ImportRequest(
                    announcement: announcement, column: column, on: onDay, from: from.flatMap(RunSettings.day), previous: previous,
                    output: output, widen: widen, verbose: verbose)
                result = try Pipeline.Rules.Import.execute(request, settings: try names.settings())
            } catch {
                throw fail(error)
            }
            show(result)
        }
    }
}
