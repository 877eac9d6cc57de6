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

    /// After `purge` has put two nights' stays into one file, the third night screens exactly what it would have:
    /// the same measures, statuses and rescissions, byte for byte, as beside a store left as it was.
    @Test func aNightAfterPurgeMergedTheStoredRunsGivesTheSameOutputs() throws {
        let (p1, p2, p3) = (person(1), person(2), person(3))
        var folders: [URL] = []
        for purged in [false, true] {
            let ws = try Workspace(purged ? "purged" : "unpurged")
            try ws.residents("res.csv", [(p1, Community.xixi, "G1")])
            try ws.travel("t1.csv", [("r1", p1, "420102", "2020-02-01", "2020-02-02"), ("r2", p2, "330302", "2020-02-03", "2020-02-04")])
            try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
            // r2 resent: p2 was in Beijing. p3 is new.
            try ws.travel("t2.csv", [("r2", p2, "110101", "2020-02-03", "2020-02-04"), ("r3", p3, "420102", "2020-02-05", "2020-02-05")])
            try ws.night(asOf: "2020-02-07", travel: ["t2.csv"])
            if purged {
                let purge = try riskscreen(["purge", "--state", ws.state, "--before", "2020-01-01"], in: ws.dir)
                #expect(purge.status == 0, "\(purge)")
                #expect(purge.stdout.contains("removed 0 stays that ended before 2020-01-01 and 1 that later records had replaced "
                                              + "(3 kept, now in one file instead of 2)"), "\(purge)")
            }
            folders.append(try ws.night(asOf: "2020-02-08"))
        }
        for file in ["measures.csv", "rescinded.csv"] {
            let (unpurged, purged) = (try Data(contentsOf: folders[0].appendingPathComponent(file)),
                                      try Data(contentsOf: folders[1].appendingPathComponent(file)))
            #expect(unpurged == purged, "\(file)")
        }
        #expect(try Workspace.measures(at: folders[1]).map { [$0["id_no"], $0["status"]] } == [[p1, "continuing"], [p3, "continuing"]])
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
