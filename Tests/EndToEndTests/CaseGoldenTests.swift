import Foundation
import Testing
import TestSupport

/// One invocation of `run` on a folder of fixtures/cases, with the exit status it must give.
struct CaseRun: CustomStringConvertible, Sendable {
    var folder: String
    var variant: String
    var arguments: [String]
    var status: Int32
    var description: String { "\(folder)/\(variant)" }
}

let caseRuns: [CaseRun] = [
    CaseRun(folder: "window-edges", variant: "run", arguments: ["--travel", "travel.csv"], status: 0),
    CaseRun(folder: "ties", variant: "run", arguments: ["--travel", "travel.csv"], status: 0),
    CaseRun(folder: "coarse", variant: "run", arguments: ["--travel", "travel.csv"], status: 0),
    CaseRun(folder: "dates", variant: "run", arguments: ["--travel", "travel.csv", "--max-reject-rate", "1"], status: 0),
    CaseRun(folder: "bad-ids", variant: "run", arguments: ["--travel", "travel.csv", "--max-reject-rate", "1"], status: 0),
    CaseRun(folder: "regions-canonical", variant: "run", arguments: ["--travel", "travel.csv", "--max-reject-rate", "1"], status: 0),
    CaseRun(folder: "quoted-fields", variant: "run", arguments: ["--residents", "residents.csv", "--travel", "travel.csv", "--max-reject-rate", "1"], status: 0),
    CaseRun(folder: "bom-crlf", variant: "run", arguments: ["--residents", "residents.csv", "--travel", "travel.csv", "--max-reject-rate", "1"], status: 0),
    CaseRun(folder: "dedupe-residents", variant: "run", arguments: ["--residents", "residents.csv", "--residents", "residents_b.csv", "--travel", "travel.csv"], status: 0),
    CaseRun(folder: "stay-corrections", variant: "run", arguments: ["--travel", "travel_a.csv", "--travel", "travel_b.csv", "--max-reject-rate", "1"], status: 0),
    CaseRun(folder: "wrong-field-count", variant: "run", arguments: ["--travel", "travel.csv", "--max-reject-rate", "1"], status: 0),
    CaseRun(folder: "wrong-field-count", variant: "default-rate", arguments: ["--travel", "travel.csv"], status: 2),
    CaseRun(folder: "gb18030", variant: "auto", arguments: ["--travel", "travel.csv"], status: 0),
    CaseRun(folder: "gb18030", variant: "bad-bytes", arguments: ["--travel", "travel_bad_bytes.csv", "--encoding", "gb18030", "--max-reject-rate", "0.5"], status: 0),
    CaseRun(folder: "reject-rate", variant: "at-limit", arguments: ["--travel", "travel_at_limit.csv"], status: 0),
    CaseRun(folder: "reject-rate", variant: "over", arguments: ["--travel", "travel_over.csv"], status: 2),
    CaseRun(folder: "reject-rate", variant: "over-allowed", arguments: ["--travel", "travel_over.csv", "--max-reject-rate", "0.05"], status: 0),
    CaseRun(folder: "missing-column", variant: "travel", arguments: ["--travel", "travel.csv"], status: 2),
    CaseRun(folder: "missing-column", variant: "residents", arguments: ["--residents", "residents.csv", "--travel", "travel_ok.csv"], status: 2),
    CaseRun(folder: "bad-rule-file", variant: "run", arguments: ["--travel", "travel.csv"], status: 2),
]

/// The binary on each edge case: exit status, and `measures.csv` and `rejects.csv` against golden files.
///
/// `RECORD_GOLDENS=1` rewrites the goldens and fails, so a recording run is never mistaken for a pass.
@Suite struct CaseGoldenTests {
    @Test(arguments: caseRuns)
    func matchesGolden(_ c: CaseRun) throws {
        let dir = try freshCopy(ofFixture: "cases/\(c.folder)")
        let result = try riskscreen(["run", "--as-of", "2020-02-06", "--policy", "policy.toml", "--regions", "regions.csv",
                                     "--out", "out", "--state", "state/s.sqlite", "--no-render"] + c.arguments, in: dir)
        #expect(result.status == c.status, "\(result)")
        let golden = fixtures.appendingPathComponent("golden/cases/\(c.folder)-\(c.variant)")
        guard c.status == 0 else {
            // Nothing is published and the store has no run.
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/latest").path), "\(result)")
            // The error message and its indented details; log lines carry timestamps and are left out.
            let message = result.stderr.replacingOccurrences(of: dir.path + "/", with: "").split(separator: "\n")
                .filter { $0.hasPrefix("riskscreen: ") || $0.hasPrefix(" ") }.joined(separator: "\n") + "\n"
            try compare(message, golden.appendingPathComponent("stderr.txt"))
            return
        }
        let folder = URL(fileURLWithPath: result.lastLine)
        for file in ["measures.csv", "rejects.csv"] {
            try compare(try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8), golden.appendingPathComponent(file))
        }
    }

    func compare(_ actual: String, _ golden: URL) throws {
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(golden.path); rerun without RECORD_GOLDENS")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected, "differs from \(golden.path)")
    }
}
