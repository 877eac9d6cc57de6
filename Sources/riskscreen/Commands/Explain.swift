import ArgumentParser
import Pipeline
import RiskModel

extension Riskscreen {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain why a person has (or has no) measure: stays, designations touched, candidates, notices.",
            discussion: """
                Replays the last committed run's policy and rule file unless others are given. Regions are \
                named from the gazetteer: the national table, the config's gazetteer files and the stored \
                residents' community names.

                Example:
                  riskscreen explain --state state/riskscreen.sqlite 330111198001011234
                  riskscreen explain --config riskscreen.toml 330111198001011234
                """)

        @Option(help: ArgumentHelp("Config file (TOML): its state store and gazetteer files are used.", valueName: "file"))
        var config: String?

        @Option(help: ArgumentHelp("State store; default the config's.", valueName: "file"))
        var state: String?

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Day to explain for; default the last run's.", valueName: "date"))
        var asOf: String?

        @Option(name: .customLong("id-type"), help: "cn_id (default), passport or other.")
        var idType: String?

        @Option(help: ArgumentHelp("Explain under this policy instead of the last run's.", valueName: "file"))
        var policy: String?

        @Option(help: ArgumentHelp("Explain under this rule file instead of the last run's.", valueName: "file"))
        var regions: String?

        @Argument(help: "The person's ID number.")
        var idNo: String

        func validate() throws {
            if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of must be a date like 2020-02-06") }
        }

        func run() throws {
            let lines: [String]
            do {
                var s = try config.map { (path) throws(RunError) in try RunSettings.load(config: path) } ?? RunSettings()
                if let state { s.state = state }
                lines = try Pipeline.Explain.execute(s, id: idNo, idType: idType, asOf: asOf.flatMap(Day.init(iso:)),
                                                     policy: policy, regions: regions, warn: warn)
            } catch {
                throw fail(error)
            }
            for line in lines { print(line) }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the committed runs with their inputs, rule-file hashes and counts.",
            discussion: "Example:\n  riskscreen history --state state/riskscreen.sqlite")

        @Option(help: ArgumentHelp("State store.", valueName: "file"))
        var state: String

        func run() throws {
            let lines: [String]
            do { lines = try Pipeline.History.execute(state: state, warn: warn) } catch { throw fail(error) }
            for line in lines { print(line) }
        }
    }
}
