import ArgumentParser
import Pipeline

extension Riskscreen {
    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a run's notice batches to a CUPS printer and report each job id.",
            discussion: """
                Example:
                  riskscreen print --out out --run latest --community 330111004001 --printer office --copies 1
                """)

        @Option(help: ArgumentHelp("Output folder of the runs.", valueName: "dir"))
        var out: String

        @Option(name: .customLong("run"), help: ArgumentHelp("`latest`, a run folder name under runs/, or a path.", valueName: "run"))
        var runName = "latest"

        @Option(help: ArgumentHelp("Print only this community's batch.", valueName: "code"))
        var community: String?

        @Flag(help: "Print every community's batch.")
        var all = false

        @Option(help: ArgumentHelp("CUPS printer (queue) name.", valueName: "name"))
        var printer: String

        @Option(help: "Copies of each batch.")
        var copies = 1

        func validate() throws {
            if (community == nil) == !all { throw ValidationError("give either --community CODE or --all") }
            if copies < 1 || copies > 100 { throw ValidationError("--copies must be between 1 and 100") }
        }

        func run() throws {
            let lines: [String]
            do { lines = try PrintBatches.execute(out: out, run: runName, community: community, printer: printer, copies: copies) } catch { throw fail(error) }
            for line in lines { print(line) }
        }
    }
}
