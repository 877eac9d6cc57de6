import ArgumentParser
import Foundation
import Pipeline
import RiskModel

extension Riskscreen {
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.purgeAbstract().description,
            discussion: HelpText.purgeDiscussion().description)

        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp(HelpText.purgeBefore().description, valueName: "date"))
        var before: String?

        @OptionGroup var language: LanguageOption

        func validate() throws {
            _ = try day(before, flag: "--before")
            if before == nil && store.config == nil { throw ValidationError(UsageText.purgeNeedsDate().description) }
        }

        func run() throws {
            let lines: [Message]
            do { lines = try purge() } catch { throw fail(error) }
            show(lines)
        }

        private func purge() throws(RunError) -> [Message] {
            let settings = try store.settings()
            let statePath = try store.statePath(for: "purge")
            var cutoff = before.flatMap(RunSettings.day)
            if cutoff == nil, let days = settings.retentionDays { cutoff = RunSettings.todayInShanghai() - days }
            guard let cutoff else { throw .configuration(UsageText.noRetention()) }
            return try Pipeline.Purge.execute(state: statePath, before: cutoff, warn: warn)
        }
    }
}
