import Foundation
import Machinery
import Testing
import TestSupport

/// SPEC 4: a crash leaves the previous `latest` and the store consistent, and the next ordinary run recovers.
@Suite struct CrashTests {
    /// A residence feed and a travel feed for `people` people, a third of them exposed.
    static func bigInput(_ ws: Workspace, people: Int) throws {
        var residents = "id_no,name,phone,community_code,community_name,grid_id,address\n"
        var travel = "record_id,source,id_no,name,region_code,arrived_on,left_on\n"
        residents.reserveCapacity(people * 90)
        travel.reserveCapacity(people * 150)
        for n in 0..<people {
            let id = cnID("3301061980" + String(format: "%02d01%03d", 1 + (n / 1000) % 12, n % 1000))
            if n % 4 != 0 {
                let community = n % 2 == 0 ? Community.xixi : Community.cuiyuan
                residents += "\(id),居民\(n),13800000000,\(community.code),\(community.name),G\(n % 7),住址\(n)号\n"
            }
            let region = n % 3 == 0 ? "420102" : (n % 3 == 1 ? "330106" : "330302")
            travel += "t\(n),rail,\(id),旅客\(n),\(region),2020-01-2\(n % 10),2020-02-0\(n % 5 + 1)\n"
            travel += "u\(n),rail,\(id),旅客\(n),110101,2020-01-1\(n % 10),2020-01-1\(n % 10)\n"
        }
        try ws.write("big-res.csv", residents)
        try ws.write("big-travel.csv", travel)
    }

    /// The first night, and the changes of the second: a new person, a correction, a rule change that rescinds.
    static func twoNights(_ ws: Workspace) throws {
        try ws.residents("res.csv", [(person(1), Community.xixi, "G1"), (person(2), Community.xixi, "G2"), (person(3), Community.cuiyuan, "G1")])
        try ws.travel("t1.csv", [
            ("r1", person(1), "420102", "2020-02-01", "2020-02-01"),
            ("r2", person(2), "330302", "2020-02-02", "2020-02-02"),
            ("r3", person(3), "420102", "2020-01-28", "2020-01-28"),
        ])
        try ws.travel("t2.csv", [("r3", person(3), "420102", "2020-01-28", "2020-02-04"), ("r4", person(4), "420102", "2020-02-06", "")])
        try ws.write("wuhan-only.csv", "region_code,region_name,risk_level,from,to\n420100,武汉市,high,2020-01-01,\n")
    }

    static func secondNight(_ ws: Workspace, extra: [String] = ["--no-render"], environment: [String: String] = [:]) throws -> CommandResult {
        try ws.run(asOf: "2020-02-07", travel: ["t2.csv"], regions: "wuhan-only.csv", extra: extra, environment: environment)
    }

    /// What must hold at any moment: `latest` names a committed run whose folder is there, one of the last two runs.
    static func expectConsistent(_ ws: Workspace, previous: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let committed = try ws.committedFolders()
        #expect(committed == previous || committed.dropLast() == previous[...] && committed.count == previous.count + 1,
                "the store lost or gained more than one run: \(previous) → \(committed)", sourceLocation: sourceLocation)
        guard let latest = ws.latestName() else {
            #expect(previous.isEmpty, "latest vanished", sourceLocation: sourceLocation)
            return
        }
        #expect(committed.contains(latest), "latest → \(latest), a run the store does not know (\(committed))", sourceLocation: sourceLocation)
        #expect(latest == previous.last || latest == committed.last, "latest → \(latest), neither the previous nor the new run", sourceLocation: sourceLocation)
        #expect(FileManager.default.fileExists(atPath: ws.latest.appendingPathComponent("measures.csv").path),
                "latest → \(latest) has no measures.csv", sourceLocation: sourceLocation)
    }

    /// After a successful run: every committed run has its folder, there is no other, and nothing half-built is left.
    static func expectRecovered(_ ws: Workspace, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let committed = try ws.committedFolders()
        #expect(ws.runFolders() == committed, "run folders and committed runs differ", sourceLocation: sourceLocation)
        #expect(ws.latestName() == committed.last, sourceLocation: sourceLocation)
        #expect(ws.leftovers().isEmpty, "leftovers in out/: \(ws.leftovers())", sourceLocation: sourceLocation)
        let known = Set(try ws.sql("SELECT file FROM segment"))
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: ws.state + ".d"))
        #expect(files == known, "state files no run refers to, or missing: \(files.symmetricDifference(known))", sourceLocation: sourceLocation)
    }

    /// A feed cut short while it is read (SIGBUS on its mapping) is an unreadable input: status 2, a message,
    /// and the store and outputs as they were.
    @Test func aFeedCutShortWhileReadEndsTheRunWithStatusTwoAndChangesNothing() throws {
        let ws = try Workspace("crash-sigbus")
        try Self.twoNights(ws)
        try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
        let previous = try ws.committedFolders()
        let history = try ws.history()

        let result = try Self.secondNight(ws, environment: ["RISKSCREEN_CRASH_AT": "after-ingest:bus"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("got shorter while it was being read"), "\(result)")
        try Self.expectConsistent(ws, previous: previous)
        #expect(try ws.history() == history)
        #expect(ws.runFolders() == previous)
        #expect(try Self.secondNight(ws).status == 0, "the next run goes through")
    }

    static let stages = ["before-store-commit", "before-publish", "after-publish", "after-commit"]

    @Test(arguments: stages)
    func aCrashAtAStageLeavesAConsistentStateAndTheRerunRecovers(stage: String) throws {
        // The reference: the same two nights without a crash.
        let reference = try Workspace("crash-reference-\(stage)")
        try Self.twoNights(reference)
        try reference.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
        #expect(try Self.secondNight(reference).status == 0)
        let expected = try reference.measures()
        let expectedRescinded = try reference.rescinded()
        #expect(expected.map { $0["status"] }.sorted() == ["amended", "continuing", "new"])
        #expect(expectedRescinded.map { $0["id_no"] } == [person(2)])

        let ws = try Workspace("crash-\(stage)")
        try Self.twoNights(ws)
        try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
        let previous = try ws.committedFolders()
        let history = try ws.history()

        let crashed = try Self.secondNight(ws, environment: ["RISKSCREEN_CRASH_AT": stage])
        #expect(crashed.status == SIGKILL, "the run should die by SIGKILL at \(stage): \(crashed)")
        try Self.expectConsistent(ws, previous: previous)
        #expect(ws.latestName() == previous.last, "a crash leaves the previous latest")
        // The store commits before the folder is moved into runs/, so only the first stage is before the commit.
        let committed = stage != "before-store-commit"
        if committed {
            #expect(try ws.committedFolders() == previous + ["000002-2020-02-07"])
        } else {
            #expect(try ws.history() == history, "a crash before the commit leaves the store unchanged")
            #expect(ws.runFolders() == previous, "runs/ never shows a run that was not committed")
        }

        // A dry run recovers the folder first: the notices a crashed run committed must be reachable through latest.
        let dry = try Self.secondNight(ws, extra: ["--no-render", "--dry-run"])
        #expect(dry.status == 0, "\(dry)")
        if committed {
            #expect(ws.latestName() == "000002-2020-02-07", "recovery points latest at the committed run")
            #expect(try ws.measures() == expected, "latest holds the crashed run's notices with their statuses")
            #expect(try ws.rescinded() == expectedRescinded)
        } else {
            #expect(ws.latestName() == previous.last)
            #expect(ws.runFolders() == previous, "a folder of an uncommitted run is removed")
        }

        let rerun = try Self.secondNight(ws)
        #expect(rerun.status == 0, "\(rerun)")
        try Self.expectRecovered(ws)
        let rows = try ws.measures()
        #expect(withoutStatus(rows) == withoutStatus(expected))
        if committed {
            #expect(rows.allSatisfy { $0["status"] == "continuing" }, "\(rows)")
            #expect(try ws.rescinded().isEmpty, "already rescinded by the committed run")
            #expect(try ws.committedFolders() == previous + ["000002-2020-02-07", "000003-2020-02-07"])
        } else {
            #expect(rows == expected, "the rerun gives the statuses as if the crash never happened")
            #expect(try ws.rescinded() == expectedRescinded)
            #expect(try ws.committedFolders() == previous + ["000002-2020-02-07"])
        }
    }

    /// A crash on the night that merges the stored stays files into its own: before its commit the store still names
    /// the three files (the new one is an orphan), after it only the new one; either way every file it names is there,
    /// and the rerun leaves only those and screens what the night would have.
    @Test(arguments: ["before-store-commit", "after-commit"])
    func aCrashOnTheNightThatMergesTheStaysFilesLosesNothing(stage: String) throws {
        let reference = try Workspace("merge-reference-\(stage)")
        try reference.storedNightsBeforeAMerge()
        try reference.night(asOf: "2020-02-06", travel: ["t4.csv"], extra: ["--no-render", "--force"])
        let expected = try reference.measures()

        let ws = try Workspace("merge-crash-\(stage)")
        try ws.storedNightsBeforeAMerge()
        let stored = try ws.sql("SELECT file FROM segment WHERE kind = 'stays' ORDER BY runID")
        let crashed = try ws.run(asOf: "2020-02-06", travel: ["t4.csv"], extra: ["--no-render", "--force"], environment: ["RISKSCREEN_CRASH_AT": stage])
        #expect(crashed.status == SIGKILL, "\(crashed)")
        let named = try ws.sql("SELECT file FROM segment WHERE kind = 'stays' ORDER BY runID")
        #expect(named == (stage == "after-commit" ? ["stays-4.bin"] : stored), "\(named)")
        #expect(Set(try ws.staysFiles()).isSuperset(of: named), "every file the store names is there")

        let rerun = try ws.run(asOf: "2020-02-06", travel: ["t4.csv"], extra: ["--no-render", "--force"])
        #expect(rerun.status == 0, "\(rerun)")
        try Self.expectRecovered(ws)
        #expect(withoutStatus(try ws.measures()) == withoutStatus(expected))
    }

    /// A stays file damaged inside while its size still matches (its part count, here) stops the next night with
    /// exit 4 and the file's name, and publishes nothing: `latest` and the committed runs stay as they were.
    @Test func aDamagedStaysFileStopsTheNightWithItsNameAndPublishesNothing() throws {
        let ws = try Workspace("damaged-stays")
        try ws.travel("t1.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-02")])
        try ws.night(asOf: "2020-02-06", travel: ["t1.csv"])
        let file = try #require(try ws.staysFiles().first)
        let url = URL(fileURLWithPath: ws.state + ".d").appendingPathComponent(file)
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes.replaceSubrange(16..<24, with: [UInt8](repeating: 0xFF, count: 8))
        try Data(bytes).write(to: url)
        let before = try ws.committedFolders()

        let damaged = try ws.run(asOf: "2020-02-07")
        #expect(damaged.status == 4, "\(damaged)")
        #expect(damaged.stderr.contains(file) && damaged.stderr.contains("restore the state folder from a backup"), "\(damaged)")
        #expect(try ws.committedFolders() == before)
        #expect(ws.latestName() == before.last)
    }

    @Test func anotherStoreSharingTheOutputFolderIsRefusedAndDeletesNothing() throws {
        let ws = try Workspace("shared-out")
        try ws.travel("t1.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-01")])
        for day in ["2020-02-06", "2020-02-07", "2020-02-08"] { try ws.night(asOf: day, travel: ["t1.csv"]) }
        // A second store (a test store, or the first one restored from an old backup) publishing into the same folder.
        let other = try ws.run(asOf: "2020-02-09", travel: ["t1.csv"], extra: ["--no-render", "--state", "other/s.sqlite"])
        #expect(other.status == 1, "a second store is refused: \(other)")
        #expect(other.stderr.contains("belongs to one state store"), "\(other)")
        #expect(ws.latestName() == "000003-2020-02-08")
        for folder in ["000002-2020-02-07", "000003-2020-02-08"] {
            #expect(ws.runFolders().contains(folder), "printed notices of \(folder) were deleted: \(ws.runFolders())")
        }
    }

    @Test func killsAtRandomMomentsNeverLeaveAMix() throws {
        let ws = try Workspace("random-kill")
        try Self.bigInput(ws, people: 3000)
        let started = Date()
        try ws.night(asOf: "2020-02-05", residents: ["big-res.csv"], travel: ["big-travel.csv"])
        let seconds = Date().timeIntervalSince(started)
        let reference = try ws.measures()
        #expect(reference.count > 1000)

        var random = SplitMix64(seed: 20200206)  // seeded, so a failing kill schedule can be replayed
        for attempt in 0..<5 {
            let previous = try ws.committedFolders()
            let day = String(format: "2020-02-%02d", 6 + attempt)
            let args = ws.runArguments(asOf: day, residents: ["big-res.csv"], travel: ["big-travel.csv"], extra: ["--no-render"])
            let run = try LockTests.start(riskscreenBinary().path, args, in: ws.dir)
            let delay = Double(random.next() % 1000) / 1000 * seconds * 1.2
            usleep(UInt32(delay * 1_000_000))
            kill(run.processIdentifier, SIGKILL)
            run.waitUntilExit()
            try Self.expectConsistent(ws, previous: previous)

            let rerun = try ws.run(asOf: day, residents: ["big-res.csv"], travel: ["big-travel.csv"])
            #expect(rerun.status == 0, "attempt \(attempt) after a kill at \(delay) s: \(rerun)")
            try Self.expectRecovered(ws)
            let rows = try ws.measures()
            // The same stays every night: every measure still in force continues with its serial.
            let stillInForce = reference.filter { $0["until"] >= day }
            #expect(rows.map { $0["serial"] } == stillInForce.map { $0["serial"] }, "attempt \(attempt)")
            #expect(rows.allSatisfy { $0["status"] == "continuing" }, "attempt \(attempt)")
            #expect(try ws.rescinded().isEmpty)
        }
    }
}
