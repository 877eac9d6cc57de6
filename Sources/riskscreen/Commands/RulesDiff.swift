import ArgumentParser
import Pipeline
import RiskModel

extension Riskscreen.Rules {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two rule files: regions added, lifted and changed per level on a day, then rows.",
            discussion: """
                Both files are read as a run reads them (names settled with the gazetteer); an invalid one \
                exits 2 with every bad line. The day defaults to the config's as_of, else today.

                Example:
                  riskscreen rules diff regions.csv regions-0207.csv --on 2020-02-07
                """)

        @Argument(help: ArgumentHelp("The rule file before.", valueName: "old"))
        var old: String

        @Argument(help: ArgumentHelp("The rule file after.", valueName: "new"))
        var new: String

        @Option(help: ArgumentHelp("Day to compare the regions in force on (YYYY-MM-DD).", valueName: "date"))
        var on: String?

        @OptionGroup var names: NameSourceOptions

        func validate() throws { _ = try day(on, flag: "--on") }

        func run() throws {
            let result: Pipeline.Rules.Output
            do {
                result = try Pipeline.Rules.Diff.execute(old: old, new: new, on: on.flatMap(Day.init(iso:)), settings: try names.settings())
            } catch {
                throw fail(error)
            }
            show(result)
        }
    }
}
