import ArgumentParser
import Foundation
import Logging
import Machinery
import Pipeline
import RiskModel

extension Riskscreen {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.diffAbstract().description,
            discussion: HelpText.diffDiscussion().description)

        @OptionGroup var inputs: InputOptions

        @Option(name: .customLong("as-of"), help: ArgumentHelp(HelpText.diffAsOf().description, valueName: "date"))
        var asOf: String?

        @Option(help: ArgumentHelp(HelpText.diffState().description, valueName: "file"))
        var state: String?

        @Option(help: ArgumentHelp(HelpText.diffOut().description, valueName: "dir"))
        var out: String?

        @Flag(help: ArgumentHelp(HelpText.diffList().description))
        var list = false

        func validate() throws { _ = try day(asOf, flag: "--as-of") }

        func run() throws {
            StopRequest.listen()
            let summary: RunSummary
            var scratch: URL?
            do {
                var s = try inputs.settings()
                if let asOf { s.asOf = RunSettings.day(asOf) }
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
            show(Pipeline.Diff.lines(summary, list: list))
            if scratch == nil { print(summary.folder.path) }
        }
    }
}
