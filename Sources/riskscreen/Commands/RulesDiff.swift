import ArgumentParser
import Pipeline
import RiskModel

extension Riskscreen.Rules {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.rulesDiffAbstract().description,
            discussion: HelpText.rulesDiffDiscussion().description)

        @Argument(help: ArgumentHelp(HelpText.rulesDiffOld().description, valueName: "old"))
        var old: String

        @Argument(help: ArgumentHelp(HelpText.rulesDiffNew().description, valueName: "new"))
        var new: String

        @Option(help: ArgumentHelp(HelpText.rulesDiffOn().description, valueName: "date"))
        var on: String?

        @OptionGroup var names: NameSourceOptions

        func validate() throws { _ = try day(on, flag: "--on") }

        func run() throws {
            let result: Pipeline.Rules.Output
            do {
                result = try Pipeline.Rules.Diff.execute(old: old, new: new, on: on.flatMap(RunSettings.day), settings: try names.settings())
            } catch {
                throw fail(error)
            }
            show(result)
        }
    }
}
