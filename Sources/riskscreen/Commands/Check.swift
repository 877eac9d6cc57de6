import ArgumentParser
import Pipeline

extension Riskscreen {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the policy, rule file and feeds, and list what `run` would reject; writes nothing.",
            discussion: """
                Exit status as `run`: 0 when a run would accept the inputs, 1 for a configuration error, \
                2 when a run would stop on them. Region names in the rule file are checked against the \
                gazetteer: the national table, the config's gazetteer files, and the community names of the \
                residents given (else of the state store's snapshot).

                Example:
                  riskscreen check --policy policy.toml --regions regions.csv --travel travel_rail.csv
                  riskscreen check --config riskscreen.toml --state state/riskscreen.sqlite
                """)

        @OptionGroup var inputs: InputOptions

        @Option(help: ArgumentHelp("State store, for its residents' community names; default the config's.", valueName: "file"))
        var state: String?

        @Option(help: ArgumentHelp("Largest share of rejected rows a feed may have (default 0.01).", valueName: "fraction"))
        var maxRejectRate: Double?

        @Flag(help: "Accept a feed with no records.")
        var allowEmpty = false

        func run() throws {
            let report: CheckReport
            do {
                var s = try inputs.settings()
                if let state { s.state = state }
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
