import ArgumentParser
import Foundation
import Pipeline
import RiskModel

extension Riskscreen {
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete stays and personal data of measures that ended before a date; counts are kept.",
            discussion: """
                Give --before, or --config with `retention_days` (the cut-off is that many days before today).
                What is left of every run's stays goes into one file, each identity's latest stay once: a night
                merges every stored run's stays, so a weekly purge keeps nights from slowing down.

                Example:
                  riskscreen purge --state state/riskscreen.sqlite --before 2020-01-01
                """)

        @Option(help: ArgumentHelp("State store.", valueName: "file"))
        var state: String?

        @Option(help: ArgumentHelp("Remove what ended before this day (YYYY-MM-DD).", valueName: "date"))
        var before: String?

        @Option(help: ArgumentHelp("Config file with `state` and `retention_days`.", valueName: "file"))
        var config: String?

        func validate() throws {
            if let before, Day(iso: before) == nil { throw ValidationError("--before must be a date like 2020-01-01") }
            if before == nil && config == nil { throw ValidationError("give --before DATE, or --config with retention_days") }
        }

        func run() throws {
            let lines: [String]
            do { lines = try purge() } catch { throw fail(error) }
            for line in lines { print(line) }
        }

        private func purge() throws(RunError) -> [String] {
                let settings = try config.map { (path) throws(RunError) in try RunSettings.load(config: path) } ?? RunSettings()
                guard let statePath = state ?? settings.state else { throw .configuration("missing --state") }
                var cutoff = before.flatMap(Day.init(iso:))
                if cutoff == nil, let days = settings.retentionDays { cutoff = RunSettings.todayInShanghai() - days }
                guard let cutoff else { throw .configuration("the config has no retention_days; give --before DATE") }
                return try Pipeline.Purge.execute(state: statePath, before: cutoff, warn: warn)
        }
    }
}
