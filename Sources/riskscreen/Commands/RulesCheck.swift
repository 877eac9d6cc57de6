import ArgumentParser
import Pipeline
import RiskModel

extension Riskscreen.Rules {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.rulesCheckAbstract().description,
            discussion: HelpText.rulesCheckDiscussion().description)

        @Argument(help: ArgumentHelp(HelpText.rulesCheckFile().description, valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp(HelpText.rulesCheckOn().description, valueName: "date"))
        var on: String?

        @OptionGroup var names: NameSourceOptions

        func validate() throws { _ = try day(on, flag: "--on") }

        func run() throws {
            let result: Pipeline.Rules.Output
            do {
                result = try Pipeline.Rules.Check.execute(file: file, on: on.flatMap(RunSettings.day), settings: try names.settings())
            } catch {
                throw fail(error)
            }
            show(result)
        }
    }
}
