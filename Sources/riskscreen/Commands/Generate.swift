import ArgumentParser
import Foundation
import Generate
import Pipeline
import RiskModel

extension Riskscreen {
    /// `riskscreen generate`: writes synthetic feeds for demos and benchmarks.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.generateAbstract().description,
            discussion: HelpText.generateDiscussion().description)

        @Option(help: ArgumentHelp(HelpText.generateResidents().description))
        var residents = 500

        @Option(help: ArgumentHelp(HelpText.generateStays().description))
        var stays = 2_000

        @Option(help: ArgumentHelp(HelpText.generateDesignations().description))
        var designations = 60

        @Option(help: ArgumentHelp(HelpText.generateFlagged().description))
        var flagged = 0.02

        @Option(name: .customLong("as-of"), help: ArgumentHelp(HelpText.generateAsOf().description, valueName: "date"))
        var asOf = "2020-02-06"

        @Option(help: ArgumentHelp(HelpText.generateSeed().description))
        var seed: UInt64 = 1

        @Option(name: .customLong("bad-rows"), help: ArgumentHelp(HelpText.generateBadRows().description))
        var badRows = 0.0

        @Option(name: .customLong("travel-files"), help: ArgumentHelp(HelpText.generateTravelFiles().description))
        var travelFiles = 3

        @Option(name: .customLong("travel-seed"),
                help: ArgumentHelp(HelpText.generateTravelSeed().description))
        var travelSeed: UInt64?

        @Option(name: .customLong("first-record"),
                help: ArgumentHelp(HelpText.generateFirstRecord().description))
        var firstRecord: UInt64 = 1

        @Option(help: ArgumentHelp(HelpText.generateShape().description, valueName: "shape"))
        var shape: String = DataShape.present.rawValue

        @Option(help: ArgumentHelp(HelpText.generateOut().description, valueName: "dir"))
        var out: String

        @OptionGroup var language: LanguageOption

        func validate() throws {
            _ = try day(asOf, flag: "--as-of")
            guard DataShape(rawValue: shape) != nil else {
                throw ValidationError(UsageText.badShape(["value": shape, "shapes": DataShape.allCases.map(\.rawValue)]).description)
            }
            do { try options().validate() } catch let error as GeneratorError { throw ValidationError(error.description) }
        }

        func options() throws -> GeneratorOptions {
            guard let day = try day(asOf, flag: "--as-of") else { throw ValidationError(UsageText.badDate(["flag": "--as-of", "value": asOf]).description) }
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
                printError(UsageText.error(["message": error.message]).description)
                throw ExitCode(1)
            }
            let seconds = Date().timeIntervalSince(started)
            for file in [files.residents] + files.travel + [files.regions] {
                printError(GenerateText.fileReport(["file": file.url.lastPathComponent, "rows": file.rows, "bad": file.badRows,
                                                    "bytes": file.bytes]).description)
            }
            printError(GenerateText.totals(["duplicates": files.duplicateResidentRows, "corrections": files.corrections,
                                            "exposing": files.exposingStays, "visitors": files.visitors,
                                            "seconds": String(format: "%.2f", seconds)]).description)
            print(URL(fileURLWithPath: out).standardizedFileURL.path)
        }
    }
}
