import ArgumentParser
import Pipeline
import RiskModel

extension Riskscreen.Rules {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn a published risk-area announcement into the next rule file.",
            discussion: """
                ANNOUNCEMENT is the list as published, pasted into a text file (UTF-8 or GB18030), or a CSV or \
                XLSX file whose column --column holds the names. A line mentioning 高风险, 中风险 or 低风险 is a \
                heading that sets the level of the names after it; names are separated by line breaks, 、 ， , \
                ； ; ; numbering (1.  （1）  一、) is ignored; a line such as 北京市： prefixes the names after it.

                With --previous, the announcement is the complete list in force on --on: a region in force \
                on that day but not listed is closed the day before (to = --on − 1); a region listed at \
                another level has its row closed the same way and a new row opened; a region listed at the \
                same level keeps its row; rows that are over are kept as they were. New rows start on --from \
                (default --on) with an empty to (still in force). `to` counts as a day in force.

                --from earlier than --on makes the new designations reach back: `--from` 14 days before \
                --on counts the stays of the last 14 days in the newly declared areas (rows closed by the \
                announcement then end the day before --from).

                Every name must resolve to one region of the gazetteer. An ambiguous name (鼓楼区) or one whose \
                end matches nothing (a street the gazetteer lacks) stops the import with exit status 2 and \
                nothing written, each listed with its line; --widen designates the enclosing region instead \
                and lists each such row as a warning. The written file is UTF-8 with BOM, Chinese headers, \
                canonical codes and full names; the same inputs give the same bytes.

                Examples:
                  riskscreen rules import announcement.txt --on 2020-02-07 --previous regions.csv -o regions-0207.csv
                  riskscreen rules import list.xlsx --column 地区 --on 2020-02-07 --from 2020-01-24 -o regions.csv
                  riskscreen rules import announcement.txt --on 2020-02-07 --previous regions.csv \\
                    --config riskscreen.toml -o regions-0207.csv
                """)

        @Argument(help: ArgumentHelp("The announcement: a text file, or a CSV or XLSX file with --column.", valueName: "announcement"))
        var announcement: String

        @Option(help: ArgumentHelp("Day the announced list is in force (YYYY-MM-DD).", valueName: "date"))
        var on: String

        @Option(help: ArgumentHelp("First day of the new designations; default --on.", valueName: "date"))
        var from: String?

        @Option(help: ArgumentHelp("Yesterday's rule file, to close, keep and open rows against.", valueName: "file"))
        var previous: String?

        @Option(help: ArgumentHelp("Header of the column holding the names, for a CSV or XLSX announcement.", valueName: "name"))
        var column: String?

        @Flag(help: "Designate the enclosing region of a name whose end the gazetteer does not know, with a warning.")
        var widen = false

        @Flag(name: .shortAndLong, help: "List the announcement's lines that were not read as names.")
        var verbose = false

        @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The rule file to write.", valueName: "file"))
        var output: String

        @OptionGroup var names: NameSourceOptions

        func validate() throws {
            _ = try day(on, flag: "--on")
            _ = try day(from, flag: "--from")
        }

        func run() throws {
            let result: Pipeline.Rules.Output
            do throws(RunError) {
                guard let onDay = Day(iso: on) else { throw RunError.configuration("--on must be a date") }
                let request = Pipeline.Rules.ImportRequest(
                    announcement: announcement, column: column, on: onDay, from: from.flatMap(Day.init(iso:)), previous: previous,
                    output: output, widen: widen, verbose: verbose)
                result = try Pipeline.Rules.Import.execute(request, settings: try names.settings())
            } catch {
                throw fail(error)
            }
            show(result)
        }
    }
}
