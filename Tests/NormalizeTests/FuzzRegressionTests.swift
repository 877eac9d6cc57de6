import Foundation
import Ingest
import Normalize
import RiskModel
import Testing
import TestSupport

/// Inputs found by the fuzz targets (`scripts/fuzz.sh`, docs/fuzzing.md), kept under `fixtures/fuzz/TARGET/`,
/// fed through the same API as the target that found them.
@Suite struct FuzzRegressionTests {
    static let fuzzFixtures = fixtures.appendingPathComponent("fuzz")

    /// `policy`: a table header whose key starts with neither a bare-key character nor a quote made toml++
    /// (inside TOMLKit) fail an assertion and abort the process; the contract wants an error naming the file
    /// and the place (SPEC 1.5, exit 1). The first was a level's header typed as its Chinese name.
    @Test(arguments: [
        ("header-starts-with-chinese.toml", 7, 3),
        ("header-starts-with-control-char.toml", 1, 2),
    ])
    func policyWithABadTableHeaderIsAnErrorNotACrash(fixture: String, line: Int, column: Int) throws {
        let path = Self.fuzzFixtures.appendingPathComponent("policy").appendingPathComponent(fixture).path
        let error = #expect(throws: PolicyError.self) { try Policy.load(path: path) }
        guard case let .malformed(file, foundLine, foundColumn, message) = error else {
            Issue.record("expected a TOML syntax error, got \(String(describing: error))")
            return
        }
        #expect(file == path)
        #expect((foundLine, foundColumn) == (line, column))
        #expect(message.contains("table header"))
        #expect(error?.description.hasPrefix("\(path):\(line):\(column): not valid TOML") == true)
    }
}
