import ArgumentParser
import Foundation
import Machinery

/// `riskscreen-bench notices`: renders synthetic notice batches and reports pages per second (for `scripts/bench.sh`).
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "riskscreen-bench",
        abstract: "Benchmarks kept out of the riskscreen program.",
        subcommands: [Notices.self, XLSX.self])

    struct Notices: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render synthetic notice batches and report pages per second.",
            discussion: "Example:\n  riskscreen-bench notices --notices 10000 --communities 1 --out /tmp/bench-pdf")

        @Option(help: "Notices to render.")
        var notices = 10_000

        @Option(help: "Communities (batches) to spread them over.")
        var communities = 1

        @Option(help: ArgumentHelp("Folder for the PDFs.", valueName: "dir"))
        var out: String

        @Option(help: ArgumentHelp("Notice templates folder; default the program's own.", valueName: "dir"))
        var templates: String?

        @Option(help: "Threads to render on (default one per core).")
        var threads: Int?

        func validate() throws {
            if notices < 1 || communities < 1 { throw ValidationError("--notices and --communities must be at least 1") }
        }

        func run() throws {
            let r = try NoticeBench.run(notices: notices, communities: communities, folder: URL(fileURLWithPath: out), templates: templates,
                                        workers: threads.map(Workers.init) ?? .online)
            print("\(r.pages) pages in \(String(format: "%.2f", r.seconds)) s: \(String(format: "%.0f", r.pagesPerSecond)) pages/s, \(r.bytes / 1_000_000) MB")
        }
    }

    struct XLSX: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read workbooks with the XLSX reader and report seconds, CPU and peak memory (scripts/bench-xlsx.sh).",
            discussion: "Example:\n  riskscreen-bench xlsx /tmp/r100000_c18_shared.xlsx")

        @Argument(help: "Workbooks to read.")
        var workbooks: [String]

        func run() throws {
            try XLSXBench.run(workbooks)
        }
    }
}
