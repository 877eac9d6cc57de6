import ArgumentParser
import Foundation
import Logging
import Machinery
import Pipeline
import RiskModel

extension Riskscreen {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Screen for one as-of date and publish measures, notices and worklists.",
            discussion: """
                Publishes DIR/runs/<run>/ and points DIR/latest at it (a --dry-run publishes under \
                DIR/previews/ and commits nothing). The folder's path is the last line printed.

                Exit status: 0 success; 1 usage or configuration error; 2 input rejected (invalid rule \
                file, unreadable feed, too many rejected rows, empty feed); 3 another run holds the lock; \
                4 internal error or a damaged store file. SIGTERM or SIGINT stops the run at its next safe \
                point, cleaned up and uncommitted; it then ends by that signal (shell status 143 or 130).

                Example:
                  riskscreen run --as-of 2020-02-06 \\
                    --policy policy.toml --regions regions.csv \\
                    --residents residents.csv --travel travel_rail.csv \\
                    --out out --state state/riskscreen.sqlite
                """)

        @OptionGroup var inputs: InputOptions

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Day to screen for (YYYY-MM-DD); default today in Asia/Shanghai.", valueName: "date"))
        var asOf: String?

        @Option(help: ArgumentHelp("Output folder (runs/, previews/, latest).", valueName: "dir"))
        var out: String?

        @Option(help: ArgumentHelp("State store (SQLite file; packed data lives beside it).", valueName: "file"))
        var state: String?

        @Flag(help: "Write every output as a preview and commit nothing.")
        var dryRun = false

        @Flag(help: "Accept a feed with no records.")
        var allowEmpty = false

        @Flag(help: "Screen for an as-of date earlier than the last committed run's.")
        var force = false

        @Option(help: ArgumentHelp("Largest share of rejected rows a feed may have (default 0.01).", valueName: "fraction"))
        var maxRejectRate: Double?

        @Flag(help: "Skip PDF and XLSX; write the CSVs and the manifest only.")
        var noRender = false

        @OptionGroup(title: "Logging")
        var logging: LoggingOptions

        func validate() throws {
            if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of must be a date like 2020-02-06, not \(asOf)") }
            if let r = maxRejectRate, !(0...1).contains(r) { throw ValidationError("--max-reject-rate must be between 0 and 1") }
        }

        func run() throws {
            // SIGTERM and SIGINT stop the run at its next safe point, cleaned up, rather than wherever it is.
            StopRequest.listen()
            let summary: RunSummary
            do throws(RunError) {
                var s = try inputs.settings()
                if let asOf { s.asOf = Day(iso: asOf) }
                if let out { s.out = out }
                if let state { s.state = state }
                if let maxRejectRate { s.maxRejectRate = maxRejectRate }
                s.dryRun = dryRun
                s.allowEmpty = s.allowEmpty || allowEmpty
                s.force = force
                if noRender { s.render = false }
                let (logger, fileOnly) = try logging.makeLoggers(command: "run")
                var run = Pipeline.Run(settings: s, logger: logger)
                if logging.showsProgress { run.progress = TerminalProgress() }
                do {
                    summary = try run.execute()
                } catch {
                    if case let .stopped(signal) = error {
                        fileOnly?.error("run stopped by signal", metadata: ["signal": "\(StopRequest.name(of: signal))", "exit": "\(error.exitCode)"])
                    } else {
                        fileOnly?.error("run failed", metadata: ["exit": "\(error.exitCode)", "problem": "\(error.description)"])
                    }
                    throw error
                }
                fileOnly?.notice("run finished", metadata: ["summary": "\(summary.line)", "folder": "\(summary.folder.path)", "exit": "0"])
            } catch {
                throw fail(error)
            }
            printError(summary.line)
            print(summary.folder.path)
        }
    }
}
