import ArgumentParser
import Foundation
import Logging
import Machinery
import Pipeline
import RiskModel

extension Riskscreen {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.runAbstract().description,
            discussion: HelpText.runDiscussion().description)

        @OptionGroup var inputs: InputOptions

        @Option(name: .customLong("as-of"), help: ArgumentHelp(HelpText.runAsOf().description, valueName: "date"))
        var asOf: String?

        @Option(help: ArgumentHelp(HelpText.runOut().description, valueName: "dir"))
        var out: String?

        @Option(help: ArgumentHelp(HelpText.runState().description, valueName: "file"))
        var state: String?

        @Flag(help: ArgumentHelp(HelpText.dryRun().description))
        var dryRun = false

        @Flag(help: ArgumentHelp(HelpText.allowEmpty().description))
        var allowEmpty = false

        @Flag(help: ArgumentHelp(HelpText.force().description))
        var force = false

        @Option(help: ArgumentHelp(HelpText.maxRejectRate().description, valueName: "fraction"))
        var maxRejectRate: Double?

        @Flag(help: ArgumentHelp(HelpText.noRender().description))
        var noRender = false

        @OptionGroup(title: HelpText.loggingTitle().description)
        var logging: LoggingOptions

        func validate() throws {
            _ = try day(asOf, flag: "--as-of")
            if let r = maxRejectRate, !(0...1).contains(r) { throw ValidationError(UsageText.rejectRateRange().description) }
        }

        func run() throws {
            // SIGTERM and SIGINT stop the run at its next safe point, cleaned up, rather than wherever it is.
            StopRequest.listen()
            let summary: RunSummary
            do throws(RunError) {
                var s = try inputs.settings()
                if let asOf { s.asOf = RunSettings.day(asOf) }
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
                        fileOnly?.error("\(RunText.runStoppedBySignal())",
                                        metadata: ["signal": "\(StopRequest.name(of: signal))", "exit": "\(error.exitCode)"])
                    } else {
                        fileOnly?.error("\(RunText.runFailed())", metadata: ["exit": "\(error.exitCode)", "problem": "\(error.description)"])
                    }
                    throw error
                }
                fileOnly?.notice("\(RunText.runFinished())", metadata: [
                    "summary": "\(summary.line)", "folder": "\(summary.folder.path)", "exit": "0",
                    "inputs": .array(summary.inputs.map { .string($0.path) }),
                ])
            } catch {
                throw fail(error)
            }
            // The summary and every file read (SPEC 5), then the folder on stdout.
            for line in summary.lines { printError(line.description) }
            print(summary.folder.path)
        }
    }
}
