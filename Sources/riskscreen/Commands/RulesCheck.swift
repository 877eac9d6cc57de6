import ArgumentParser
import Pipeline
import RiskModel

extension Riskscreen.Rules {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a rule file as a run reads it, and list the regions in force on a day.",
            discussion: """
                Each row names its region by code, name or both; both must agree. A name is resolved with the \
                gazetteer (ambiguous or unknown names are errors listing candidates); an empty name is taken \
                from it. Exit status 0 when valid, 2 with every bad line listed otherwise. Names the gazetteer \
                can check only in part (a street below the national table) are listed as notes.

                Example:
                  riskscreen rules check regions.csv --on 2020-02-07 --config riskscreen.toml
                """)

        @Argument(help: ArgumentHelp("The rule file.", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("Day to list the regions in force on (YYYY-MM-DD); default the config's as_of, else today.",
                                   valueName: "date"))
        var on: String?

        @OptionGroup var names: NameSourceOptions

        func validate() throws { _ = try day(on, flag: "--on") }

        func run() throws {
            let result: Pipeline.Rules.Output
            do {
                result = try Pipeline.Rules.Check.execute(file: file, on: on.flatMap(Day.init(iso:)), settings: try names.settings())
            } catch {
                throw fail(error)
            }
            show(result)
        }
    }
}
