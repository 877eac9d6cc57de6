import Foundation
import Pipeline
import Testing
import TestSupport

/// What the fuzz targets found in the readers, where the pipeline reads the same kind of input itself.
@Suite struct FuzzRegressionTests {
    /// The config file goes through TOMLKit as the policy does: a table header toml++ cannot be given
    /// (fixtures/fuzz/policy/, found by `scripts/fuzz.sh policy`) is a configuration error naming the
    /// file and the place (exit 1), not an aborted process.
    @Test func configWithABadTableHeaderIsAConfigurationErrorNotACrash() throws {
        let dir = try makeTemporaryDirectory("pipeline-config")
        let path = dir.appendingPathComponent("riskscreen.toml").path
        try "policy = \"policy.toml\"\nregions = \"regions.csv\"\n\n[ 铁路]\npath = \"travel_rail.csv\"\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: RunError.self) { try RunSettings.load(config: path) }
        guard case let .configuration(message) = error else {
            Issue.record("expected a configuration error, got \(String(describing: error))")
            return
        }
        #expect(message.hasPrefix("\(path):4:3: not valid TOML"), "\(message)")
    }
}
