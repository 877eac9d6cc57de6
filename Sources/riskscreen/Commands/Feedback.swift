import ArgumentParser
import Foundation
import Pipeline
import RiskModel

extension Riskscreen {
    struct Feedback: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record delivery outcomes from returned worklists (XLSX, CSV) and scan lists of notice serials.",
            discussion: """
                A worklist's outcome column (delivered, refused, not found, left; see docs/delivery-feedback.md for \
                the Chinese headers and words) is recorded with its date (blank: --date); blank and pending rows \
                record nothing. A scan list holds one notice serial a line, each meaning delivered on --date. \
                Columns are found by header, so a worklist saved again by Excel or WPS is read as well. Rows that \
                cannot be recorded (an unknown serial, a bad outcome or date) go to FILE.rejects.csv beside each \
                file; a file with more of them than --max-reject-rate records nothing and the command exits 2. A \
                file imported before (the same SHA-256) is skipped. The next run pre-fills the worklists and lists \
                what needs chasing in followup.csv.

                Exit status: 0 success; 1 usage or configuration error; 2 input rejected (unreadable file, too many \
                rejected rows); 3 a run holds the lock; 4 internal error.

                Example:
                  riskscreen feedback --state state/riskscreen.sqlite --date 2020-02-07 \\
                    returned/worklist-330111004002.xlsx returned/scans.txt
                """)

        @Argument(help: ArgumentHelp("Returned worklists (XLSX or CSV) and scan lists (text or CSV).", valueName: "file"))
        var files: [String] = []

        @Option(help: ArgumentHelp("State store of the nightly runs.", valueName: "file"))
        var state: String?

        @Option(help: ArgumentHelp("Config file with `state` and `max_reject_rate`.", valueName: "file"))
        var config: String?

        @Option(help: ArgumentHelp("Day the outcomes are reported (YYYY-MM-DD); default today in Asia/Shanghai.", valueName: "date"))
        var date: String?

        @Flag(help: "Check the files and write FILE.rejects.csv, but record nothing.")
        var dryRun = false

        @Option(help: ArgumentHelp("Largest share of rejected rows a file may have (default 0.01).", valueName: "fraction"))
        var maxRejectRate: Double?

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one returned worklist or scan list") }
            if state == nil && config == nil { throw ValidationError("give --state FILE or --config FILE") }
            if let date, Day(iso: date) == nil { throw ValidationError("--date must be a date like 2020-02-07, not \(date)") }
            if let r = maxRejectRate, !(0...1).contains(r) { throw ValidationError("--max-reject-rate must be between 0 and 1") }
        }

        func run() throws {
            let summary: FeedbackSummary
            do throws(RunError) {
                let loaded = try config.map { (path) throws(RunError) in try RunSettings.load(config: path) } ?? RunSettings()
                guard let statePath = state ?? loaded.state else { throw .configuration("\(config ?? "the config") has no state; give --state") }
                var settings = FeedbackSettings(files: files, state: statePath, date: date.flatMap(Day.init(iso:)) ?? RunSettings.todayInShanghai())
                settings.dryRun = dryRun
                settings.maxRejectRate = maxRejectRate ?? loaded.maxRejectRate
                summary = try Pipeline.Feedback.execute(settings)
            } catch {
                throw fail(error)
            }
            for line in summary.lines { print(IDRedaction.redact(line)) }
        }
    }
}
