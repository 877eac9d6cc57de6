import ArgumentParser
import Pipeline
import RiskModel

extension Riskscreen {
    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.printAbstract().description,
            discussion: HelpText.printDiscussion().description)

        @Option(help: ArgumentHelp(HelpText.printConfig().description, valueName: "file"))
        var config: String?

        @Option(help: ArgumentHelp(HelpText.printOut().description, valueName: "dir"))
        var out: String?

        @Option(name: .customLong("run"), help: ArgumentHelp(HelpText.printRun().description, valueName: "run"))
        var runName = "latest"

        @Option(help: ArgumentHelp(HelpText.printCommunity().description, valueName: "code-or-name"))
        var community: String?

        @Flag(help: ArgumentHelp(HelpText.printAll().description))
        var all = false

        @Option(help: ArgumentHelp(HelpText.printPrinter().description, valueName: "name"))
        var printer: String

        @Option(help: ArgumentHelp(HelpText.printCopies().description))
        var copies = 1

        @OptionGroup var language: LanguageOption

        func validate() throws {
            if (community == nil) == !all { throw ValidationError(UsageText.communityOrAll().description) }
            if copies < 1 || copies > 100 { throw ValidationError(UsageText.copiesRange().description) }
        }

        func run() throws {
            let lines: [Message]
            do throws(RunError) {
                var folder = out
                if folder == nil, let config { folder = try RunSettings.load(config: config).out }
                lines = try PrintBatches.execute(out: folder, run: runName, community: community, printer: printer, copies: copies)
            } catch {
                throw fail(error)
            }
            show(lines)
        }
    }
}
