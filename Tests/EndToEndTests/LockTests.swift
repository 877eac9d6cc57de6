import Foundation
import Testing
import TestSupport

/// The run lock (SPEC 4, exit 3): a held lock stops a second run at once; a dead holder's lock stops nobody.
@Suite struct LockTests {
    /// Starts `program` without waiting; its output is discarded.
    static func start(_ path: String, _ arguments: [String], in dir: URL) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    @Test func aHeldLockStopsASecondRunAtOnceNamingTheHolder() throws {
        let ws = try Workspace("lock-held")
        try ws.travel("t1.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-01")])
        try ws.night(asOf: "2020-02-06", travel: ["t1.csv"])
        let history = try ws.history()

        // Hold the lock from this process, as flock(1) or a stuck run would: an flock that writes nothing into the file.
        let fd = open(ws.state + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        try #require(fd >= 0)
        try #require(flock(fd, LOCK_EX | LOCK_NB) == 0)
        defer { close(fd) }

        let started = Date()
        let second = try ws.run(asOf: "2020-02-07", travel: ["t1.csv"])
        #expect(second.status == 3, "\(second)")
        #expect(Date().timeIntervalSince(started) < 10, "the second run waits for nobody")
        #expect(second.stderr.contains(ws.state + ".lock"), "\(second)")
        #expect(second.stderr.contains("pid \(getpid())"), "the message names the holder even when the file is empty: \(second)")
        #expect(ws.latestName() == "000001-2020-02-06")
        #expect(try ws.history() == history)

        flock(fd, LOCK_UN)
        try ws.night(asOf: "2020-02-07", travel: ["t1.csv"])
    }

    @Test func readersAndRunsWaitForAStoreTransactionInsteadOfFailing() throws {
        let ws = try Workspace("busy")
        try ws.travel("t1.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-01")])
        try ws.night(asOf: "2020-02-06", travel: ["t1.csv"])
        for command in [["history", "--state", ws.state], ws.runArguments(asOf: "2020-02-07", extra: ["--no-render"])] {
            // Another process (a run committing, or an operator's sqlite3) holds the database for a second.
            let hold = """
                import sqlite3, sys, time
                c = sqlite3.connect(sys.argv[1], isolation_level=None)
                c.execute("BEGIN EXCLUSIVE"); c.execute("INSERT INTO serialSequence VALUES ('hold', 1)")
                time.sleep(1); c.execute("ROLLBACK")
                """
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            holder.arguments = ["python3", "-c", hold, ws.state]
            holder.currentDirectoryURL = ws.dir
            try holder.run()
            usleep(300_000)
            let r = try riskscreen(command, in: ws.dir)
            holder.waitUntilExit()
            #expect(r.status == 0, "\(r)")
        }
        #expect(try ws.measure(of: person(1))?["status"] == "continuing")
    }

    @Test func aLockFileLeftWithContentButNoHolderDoesNotBlock() throws {
        let ws = try Workspace("lock-stale")
        try FileManager.default.createDirectory(at: ws.dir.appendingPathComponent("state"), withIntermediateDirectories: true)
        try ws.write("state/s.sqlite.lock", "pid 999999 on elsewhere since 2020-02-05T23:00:00Z\n")
        try ws.travel("t1.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-01")])
        try ws.night(asOf: "2020-02-06", travel: ["t1.csv"])
        #expect(ws.latestName() == "000001-2020-02-06")
    }

    @Test func aRunKilledWhileHoldingTheLockDoesNotBlockTheNext() throws {
        let ws = try Workspace("lock-killed")
        try CrashTests.bigInput(ws, people: 3000)
        let args = ws.runArguments(asOf: "2020-02-06", residents: ["big-res.csv"], travel: ["big-travel.csv"], extra: ["--no-render"])
        let lockFile = ws.state + ".lock"
        // Catch a real run while it holds the lock: stop it, check a second run is refused and named, then kill it.
        var caught = false
        for _ in 0..<5 where !caught {
            let run = try Self.start(riskscreenBinary().path, args, in: ws.dir)
            for _ in 0..<2000 {
                if let text = try? String(contentsOfFile: lockFile, encoding: .utf8), text.contains("pid \(run.processIdentifier)") { break }
                usleep(1000)
            }
            kill(run.processIdentifier, SIGSTOP)
            if run.isRunning, (try? String(contentsOfFile: lockFile, encoding: .utf8))?.contains("pid \(run.processIdentifier)") == true {
                caught = true
                let second = try ws.run(asOf: "2020-02-06")
                #expect(second.status == 3, "\(second)")
                #expect(second.stderr.contains("pid \(run.processIdentifier)"), "\(second)")
            }
            kill(run.processIdentifier, SIGKILL)
            run.waitUntilExit()
        }
        #expect(caught, "no run was caught holding the lock")
        let next = try ws.run(asOf: "2020-02-06", residents: ["big-res.csv"], travel: ["big-travel.csv"])
        #expect(next.status == 0, "\(next)")
    }
}
