import ArgumentParser
import Foundation
import Logging
import Machinery
import Pipeline
import RiskModel

extension Riskscreen {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Preview what a new rule file or policy would change against the last committed run.",
            discussion: """
                A dry run: commits nothing and leaves `latest` alone. Counts by status and action, per \
                community, and (with --list) the notices themselves, IDs masked. With --out the preview's \
                files are kept under DIR/previews/.

                Example:
                  riskscreen diff --state state/riskscreen.sqlite --policy policy.toml --regions regions-new.csv --list
                """)

        @OptionGroup var inputs: InputOptions

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Day to screen for; default the config's, else today.", valueName: "date"))
        var asOf: String?

        @Option(help: ArgumentHelp("State store.", valueName: "file"))
        var state: String?

        @Option(help: ArgumentHelp("Keep the preview's files under DIR/previews/.", valueName: "dir"))
        var out: String?

        @Flag(help: "List each new, amended and rescinded notice.")
        var list = false

        func validate() throws {
            if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of must be a date like 2020-02-06") }
        }

        func run() throws {
            StopRequest.listen()
            let summary: RunSummary
            var scratch: URL?
            do {
                var s = try inputs.settings()
                if let asOf { s.asOf = Day(iso: asOf) }
                if let state { s.state = state }
                // Without --out the preview goes to a scratch folder removed afterwards (a config's `out` is the
                // night's folder, which a preview must not touch).
                if let out { s.out = out } else {
                    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("riskscreen-diff-\(getpid())")
                    scratch = dir
                    s.out = dir.path
                }
                s.dryRun = true
                s.render = false
                s.force = true
                var logger = Logger(label: "riskscreen")
                logger.logLevel = .error
                let run = Pipeline.Run(settings: s, logger: logger)
                summary = try run.execute()
            } catch {
                if let scratch { try? FileManager.default.removeItem(at: scratch) }
                throw fail(error)
            }
            if let scratch { try? FileManager.default.removeItem(at: scratch) }
            for line in Pipeline.Diff.lines(summary, list: list) { print(line) }
            if scratch == nil { print(summary.folder.path) }
        }
    }
}
