import Foundation
import Testing
import TestSupport

/// `diff` previews a rule change without committing it; `purge` removes personal data but keeps the counts.
@Suite struct DiffAndPurgeTests {
    /// The demo district after one committed night.
    func committedDemo() throws -> URL {
        let dir = try freshCopy(ofFixture: "demo")
        let run = try riskscreen(["run", "--config", "riskscreen.toml", "--out", "out", "--state", "state/s.sqlite", "--no-render"], in: dir)
        try #require(run.status == 0, "\(run)")
        return dir
    }

    @Test func diffShowsWhatARuleChangeWouldRescindAndCommitsNothing() throws {
        let dir = try committedDemo()
        // The office lifts the Wenzhou designations.
        let rules = try String(contentsOf: dir.appendingPathComponent("regions.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("3303,") }.joined(separator: "\n")
        try rules.write(to: dir.appendingPathComponent("regions-lifted.csv"), atomically: true, encoding: .utf8)
        let latestBefore = try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("out/latest").path)

        let diff = try riskscreen(["diff", "--config", "riskscreen.toml", "--regions", "regions-lifted.csv", "--state", "state/s.sqlite", "--list"], in: dir)
        #expect(diff.status == 0, "\(diff)")
        #expect(diff.stdout.contains("rescinded 330111004002-20200206-0001 330183********272X 张建国"), "\(diff)")
        #expect(diff.stdout.contains("330111004002 山水社区: 0 new, 0 amended, 1 rescinded"), "\(diff)")
        #expect(!diff.stdout.contains("33018319680315272X"), "IDs are masked: \(diff)")

        let history = try riskscreen(["history", "--state", "state/s.sqlite"], in: dir)
        #expect(history.stdout.components(separatedBy: "\nrun ").count == 1 && history.stdout.hasPrefix("run 1 "), "still one run: \(history)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("out/latest").path) == latestBefore)
    }

    @Test func purgeRemovesStaysAndPersonalDataButKeepsTheCounts() throws {
        let dir = try committedDemo()
        let purge = try riskscreen(["purge", "--state", "state/s.sqlite", "--before", "2020-03-01"], in: dir)
        #expect(purge.status == 0, "\(purge)")
        #expect(purge.stdout.contains("removed names, phones and addresses from 11 notices"), "\(purge)")
        let explain = try riskscreen(["explain", "--state", "state/s.sqlite", "33018319680315272X"], in: dir)
        #expect(explain.status == 0, "\(explain)")
        #expect(explain.stdout.contains("no stays on record") && !explain.stdout.contains("notices:"), "\(explain)")
        let history = try riskscreen(["history", "--state", "state/s.sqlite"], in: dir)
        #expect(history.stdout.hasPrefix("run 1 as-of 2020-02-06: 11 measures (11 new"), "\(history)")
    }
}
