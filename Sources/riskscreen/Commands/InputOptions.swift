import ArgumentParser
import Ingest
import Pipeline

/// The rule and feed flags shared by `run` and `check`.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Config file (TOML) with paths, feeds and column mappings; flags override it.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Policy file (TOML, SPEC 1.5).", valueName: "file"))
    var policy: String?

    @Option(help: ArgumentHelp("Risk-region rule file (CSV, SPEC 1.4).", valueName: "file"))
    var regions: String?

    @Option(help: ArgumentHelp("Residence snapshot feed (CSV); repeat for several files.", valueName: "file"))
    var residents: [String] = []

    @Option(help: ArgumentHelp("Travel feed (CSV); repeat for several files.", valueName: "file"))
    var travel: [String] = []

    @Option(help: ArgumentHelp("Encoding of files named on the command line: utf-8, gb18030 or auto.", valueName: "encoding"))
    var encoding: String = "auto"

    func validate() throws {
        guard TextEncoding(configValue: encoding) != nil else {
            throw ValidationError("--encoding must be utf-8, gb18030 or auto, not \(encoding)")
        }
    }

    /// The config file's settings with these flags laid over them.
    func settings() throws(RunError) -> RunSettings {
        var s = try config.map { (path) throws(RunError) in try RunSettings.load(config: path) } ?? RunSettings()
        let enc = TextEncoding(configValue: encoding) ?? .auto
        if let policy { s.policy = policy }
        if let regions { s.regions = RunSettings.input(path: regions, encoding: enc) }
        if !residents.isEmpty { s.residents = residents.map { RunSettings.input(path: $0, encoding: enc) } }
        if !travel.isEmpty { s.travel = travel.map { RunSettings.input(path: $0, encoding: enc) } }
        s.applyFieldLimit()
        return s
    }
}
