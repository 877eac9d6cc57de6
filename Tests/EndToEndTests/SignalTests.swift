import Foundation
import Testing
import TestSupport

/// Issue 27, case 9: SIGTERM (systemd, `kill`) and SIGINT (Ctrl-C) stop a run at its next safe point, cleaned up.
///
/// The signal is sent by the process to itself at a chosen point (`RISKSCREEN_CRASH_AT=<point>:term`, debug builds
/// only), so the test does not depend on timing; it is delivered like any other.
@Suite struct SignalTests {
    /// Runs the binary through bash and returns what bash saw as its status (`$?`), which is what cron and scripts see.
    static func runInShell(_ ws: Workspace, _ arguments: [String], point: String) throws -> (result: CommandResult, shellStatus: Int?) {
        let result = try runProgram("/bin/bash", ["-c", "\"$0\" \"$@\"; echo \"shell status $?\" >&2", riskscreenBinary().path] + arguments,
                                    in: ws.dir, environment: ["RISKSCREEN_CRASH_AT": point])
        let line = result.stderr.split(separator: "\n").last { $0.hasPrefix("shell status ") }
        return (result, line.flatMap { Int($0.dropFirst("shell status ".count)) })
    }

    @Test(arguments: [("after-ingest:term", 143, "SIGTERM"), ("files-written:int", 130, "SIGINT"), ("files-written:term", 143, "SIGTERM")])
    func aStopSignalEndsTheRunCleanlyWithTheShellsStatus(point: String, status: Int, signal: String) throws {
        let ws = try Workspace("signal-\(point.replacingOccurrences(of: ":", with: "-"))")
        try CrashTests.twoNights(ws)
        try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
        let previous = try ws.committedFolders()
        let history = try ws.history()
        let files = try ws.storeFiles()
        let log = ws.dir.appendingPathComponent("riskscreen.log")

        let arguments = ws.runArguments(asOf: "2020-02-07", residents: ["res.csv"], travel: ["t2.csv"], extra: ["--no-render", "--log-file", log.path])
        let (stopped, shellStatus) = try Self.runInShell(ws, arguments, point: point)
        #expect(shellStatus == status, "\(stopped)")
        #expect(stopped.stderr.contains("run stopped by signal (\(signal)) before its commit"), "\(stopped)")
        let logged = try String(contentsOf: log, encoding: .utf8)
        #expect(logged.contains("msg=\"run stopped by signal\"") && logged.contains("signal=\(signal)") && logged.contains("exit=\(status)"), "\(logged)")

        // Nothing of the stopped run is left: no staging folder, no store file, no commit; latest as it was.
        #expect(ws.leftovers().isEmpty, "\(ws.leftovers())")
        #expect(try ws.storeFiles() == files, "orphan store files left")
        #expect(try ws.history() == history)
        #expect(ws.runFolders() == previous && ws.latestName() == previous.last)
        // The lock was released: the next run takes it at once and goes through.
        let rerun = try ws.run(asOf: "2020-02-07", residents: ["res.csv"], travel: ["t2.csv"])
        #expect(rerun.status == 0, "\(rerun)")
        try CrashTests.expectRecovered(ws)
    }

    /// A stop asked after the store committed the run: the run is already done but for moving its folder in, so it
    /// finishes publishing (and says so) rather than leaving a committed run unpublished.
    @Test func aStopSignalAfterTheCommitLetsTheRunPublish() throws {
        let ws = try Workspace("signal-after-commit")
        try CrashTests.twoNights(ws)
        try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
        let (result, shellStatus) = try Self.runInShell(ws, ws.runArguments(asOf: "2020-02-07", travel: ["t2.csv"], extra: ["--no-render"]),
                                                        point: "after-commit:term")
        #expect(shellStatus == 0, "\(result)")
        #expect(result.stderr.contains("stop signal came after the store's commit; the run was finished and published"), "\(result)")
        #expect(ws.latestName() == "000002-2020-02-07")
        try CrashTests.expectRecovered(ws)
    }
}
