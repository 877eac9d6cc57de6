import ArgumentParser
import Pipeline

extension Riskscreen {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the policy, rule file and feeds, and list what `run` would reject; writes nothing.",
            discussion: """
                Exit status as `run`: 0 when a run would accept the inputs, 1 for a configuration error, \
                2 when a run would stop on them.

                Example:
                  riskscreen check --policy policy.toml --regions regions.csv --travel travel_rail.csv
                """)

        @OptionGroup var inputs: InputOptions

        @Option(help: ArgumentHelp("Largest share of rejected rows a feed may have (default 0.01).", valueName: "fraction"))
        var maxRejectRate: Double?

        @Flag(help: "Accept a feed with no records.")
        var allowEmpty = false

        func run() throws {
            let report: CheckReport
            do {
                var s = try inputs.settings()
                if let maxRejectRate { s.maxRejectRate = maxRejectRate }
                s.allowEmpty = s.allowEmpty || allowEmpty
                report = try Pipeline.Check.execute(s)
            } catch {
                throw fail(error)
            }
            for line in Pipeline.Check.lines(report) { print(line) }
            if let blocking = report.blocking { throw fail(blocking) }
        }
    }
}
