import ArgumentParser
import Foundation
import Generate
import Pipeline
import RiskModel

extension Riskscreen {
    /// `riskscreen generate`: writes synthetic feeds for demos and benchmarks.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write synthetic residence and travel feeds, a rule file and a policy.",
            discussion: """
                The same seed always writes the same bytes. Stays are placed so that about --flagged \
                of all people get a measure on the as-of date; --bad-rows makes that share of feed rows \
                invalid on purpose (bad ID check characters, impossible dates, short region codes, \
                wrong field counts, ...), which the run must list in rejects.csv.

                Example (the province benchmark, about 1 GB of CSV):
                  riskscreen generate --residents 2000000 --stays 10000000
                    --designations 1500 --as-of 2020-02-06 --seed 7 --out bench/
                and a night's new travel of the same people, its record IDs after those, its stays \
                exposed at the same rate (2% of people over ten times the stays):
                  riskscreen generate --residents 2000000 --stays 1000000
                    --designations 1500 --as-of 2020-02-06 --seed 7 --travel-seed 8
                    --first-record 800000001 --flagged 0.002 --out night/
                """)

        @Option(help: "Distinct residents in residents.csv.")
        var residents = 500

        @Option(help: "Rows across all travel feeds.")
        var stays = 2_000

        @Option(help: "Rows of regions.csv.")
        var designations = 60

        @Option(help: "Share of people whose stays produce a measure.")
        var flagged = 0.02

        @Option(name: .customLong("as-of"), help: "As-of date the data is built around (YYYY-MM-DD).")
        var asOf = "2020-02-06"

        @Option(help: "Seed of the generator.")
        var seed: UInt64 = 1

        @Option(name: .customLong("bad-rows"), help: "Share of feed rows written invalid on purpose.")
        var badRows = 0.0

        @Option(name: .customLong("travel-files"), help: "Number of travel feeds (rail, telecom, checkpoint, rail_2, ...).")
        var travelFiles = 3

        @Option(name: .customLong("travel-seed"),
                help: "Seed of the travel feeds alone (default: --seed): another night's travel of the same people.")
        var travelSeed: UInt64?

        @Option(name: .customLong("first-record"),
                help: "Number of the first record_id in each feed; a later night's data after an earlier one's, so its stays add to them.")
        var firstRecord: UInt64 = 1

        @Option(help: ArgumentHelp("Layout of the files: present (three agencies' exports), clean (one platform feed, English headers, ISO dates) or wide (census-style residents with extra columns and long addresses).", valueName: "shape"))
        var shape: String = DataShape.present.rawValue

        @Option(help: "Folder to write into (created if needed).")
        var out: String

        func validate() throws {
            guard Day(iso: asOf) != nil else { throw ValidationError("--as-of \(asOf): expected a date YYYY-MM-DD") }
            guard DataShape(rawValue: shape) != nil else {
                throw ValidationError("--shape \(shape): expected one of \(DataShape.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            do { try options().validate() } catch let error as GeneratorError { throw ValidationError(error.description) }
        }

        func options() throws -> GeneratorOptions {
            guard let day = Day(iso: asOf) else { throw ValidationError("--as-of \(asOf): expected a date YYYY-MM-DD") }
            return GeneratorOptions(residents: residents, stays: stays, designations: designations, flaggedFraction: flagged,
                                    asOf: day, seed: seed, badRowRate: badRows, travelFiles: travelFiles, firstRecord: firstRecord,
                                    travelSeed: travelSeed, shape: DataShape(rawValue: shape) ?? .present)
        }

        func run() throws {
            let started = Date()
            let files: GeneratedFiles
            do {
                files = try Generator.write(try options(), to: URL(fileURLWithPath: out, isDirectory: true))
            } catch let error as GeneratorError {
                FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
                throw ExitCode(1)
            }
            let seconds = Date().timeIntervalSince(started)
            var report = ""
            for file in [files.residents] + files.travel + [files.regions] {
                report += "\(file.url.lastPathComponent): \(file.rows) rows, \(file.badRows) bad, \(file.bytes) bytes\n"
            }
            report += "\(files.duplicateResidentRows) duplicate resident rows, \(files.corrections) corrections, "
            report += "\(files.exposingStays) exposing stays, \(files.visitors) visitors; "
            report += String(format: "%.2f s\n", seconds)
            FileHandle.standardError.write(Data(report.utf8))
            print(URL(fileURLWithPath: out).standardizedFileURL.path)
        }
    }
}
