import ArgumentParser
import Foundation
import Pipeline

extension Riskscreen {
    struct BenchNotices: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench-notices",
            abstract: "Render synthetic notice batches and report pages per second (for scripts/bench.sh).",
            discussion: "Example:\n  riskscreen bench-notices --notices 10000 --communities 1 --out /tmp/bench-pdf",
            shouldDisplay: false)

        @Option(help: "Notices to render.")
        var notices = 10_000

        @Option(help: "Communities (batches) to spread them over.")
        var communities = 1

        @Option(help: ArgumentHelp("Folder for the PDFs.", valueName: "dir"))
        var out: String

        @Option(help: ArgumentHelp("Notice templates folder.", valueName: "dir"))
        var templates: String?

        func validate() throws {
            if notices < 1 || communities < 1 { throw ValidationError("--notices and --communities must be at least 1") }
        }

        func run() throws {
            let r = try NoticeBench.run(notices: notices, communities: communities, folder: URL(fileURLWithPath: out), templates: templates)
            print("\(r.pages) pages in \(String(format: "%.2f", r.seconds)) s: \(String(format: "%.0f", r.pagesPerSecond)) pages/s, \(r.bytes / 1_000_000) MB")
        }
    }
}
