import ArgumentParser
import Foundation
import Pipeline
import RiskModel

extension Riskscreen {
    struct Feedback: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: FeedbackHelpText.abstract().description,
            discussion: FeedbackHelpText.discussion().description)

        @Argument(help: ArgumentHelp(FeedbackHelpText.files().description, valueName: "file"))
        var files: [String] = []

        @Option(help: ArgumentHelp(FeedbackHelpText.state().description, valueName: "file"))
        var state: String?

        @Option(help: ArgumentHelp(FeedbackHelpText.config().description, valueName: "file"))
        var config: String?

        @Option(help: ArgumentHelp(FeedbackHelpText.date().description, valueName: "date"))
        var date: String?

        @Flag(help: ArgumentHelp(FeedbackHelpText.dryRun().description))
        var dryRun = false

        @Option(help: ArgumentHelp(FeedbackHelpText.maxRejectRate().description, valueName: "fraction"))
        var maxRejectRate: Double?

        @OptionGroup var language: LanguageOption

        func validate() throws {
            if files.isEmpty { throw ValidationError(FeedbackText.needFiles().description) }
            if state == nil && config == nil { throw ValidationError(FeedbackHelpText.needStateOrConfig().description) }
            _ = try day(date, flag: "--date")
            if let r = maxRejectRate, !(0...1).contains(r) { throw ValidationError(UsageText.rejectRateRange().description) }
        }

        func run() throws {
            let summary: FeedbackSummary
            do throws(RunError) {
                let loaded = try config.map { (path) throws(RunError) in try RunSettings.load(config: path) } ?? RunSettings()
                guard let statePath = state ?? loaded.state else { throw .configuration(CommandText.needsState(["command": "feedback"])) }
                var settings = FeedbackSettings(files: files, state: statePath, date: date.flatMap(RunSettings.day) ?? RunSettings.todayInShanghai())
                settings.dryRun = dryRun
                settings.maxRejectRate = maxRejectRate ?? loaded.maxRejectRate
                summary = try Pipeline.Feedback.execute(settings)
            } catch {
                throw fail(error)
            }
            show(summary.lines)
        }
    }
}
