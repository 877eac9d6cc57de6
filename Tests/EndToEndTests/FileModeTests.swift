import Foundation
import Testing
import TestSupport

/// SPEC 5 (second round): the state store and its files 0600 in a 0700 folder, published folders, previews and log
/// files 0750/0640, whatever the umask; an existing store or output folder left more open is tightened on first use.
@Suite struct FileModeTests {
    /// The permission bits of a path, as `stat` prints them (`640`).
    static func mode(_ path: String) throws -> String {
        let r = try runProgram("/usr/bin/stat", ["-c", "%a", path], in: URL(fileURLWithPath: "/"))
        try #require(r.status == 0, "\(r)")
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every path under `root` (itself included, symbolic links left out), relative to `root`, with its mode and
    /// whether it is a folder.
    static func modes(under root: URL) throws -> [String: (mode: String, folder: Bool)] {
        var out = [".": (try mode(root.path), true)]
        let walker = FileManager.default.enumerator(atPath: root.path)
        while let relative = walker?.nextObject() as? String {
            let path = root.appendingPathComponent(relative).path
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil { continue }
            var folder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &folder)
            out[relative] = (try mode(path), folder.boolValue)
        }
        return out
    }

    /// Runs the binary under `umask` through the shell, as cron would with a careless profile.
    static func run(_ ws: Workspace, umask: String, _ arguments: [String]) throws -> CommandResult {
        try runProgram("/bin/sh", ["-c", "umask \(umask) && exec \"$0\" \"$@\"", riskscreenBinary().path] + arguments, in: ws.dir)
    }

    static func expectSPECModes(_ ws: Workspace, log: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let state = URL(fileURLWithPath: ws.state)
        for (path, found) in try modes(under: state.deletingLastPathComponent()) {
            #expect(found.mode == (found.folder ? "700" : "600"), "state/\(path) is \(found.mode)", sourceLocation: sourceLocation)
        }
        for (path, found) in try modes(under: ws.out) {
            #expect(found.mode == (found.folder ? "750" : "640"), "out/\(path) is \(found.mode)", sourceLocation: sourceLocation)
        }
        #expect(try mode(log.deletingLastPathComponent().path) == "750", sourceLocation: sourceLocation)
        #expect(try mode(log.path) == "640", sourceLocation: sourceLocation)
    }

    /// Issue 27, case 1: the store was 0644 in a 0755 folder and any local user could read names, IDs and phones.
    @Test func aRunUnderAnOpenUmaskLeavesTheStoreOwnerOnlyAndTheOutputsGroupReadable() throws {
        let ws = try Workspace("modes-fresh")
        try ws.residents("res.csv", [(person(1), Community.xixi, "G1")])
        try ws.travel("t1.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-01")])
        let log = ws.dir.appendingPathComponent("logs/riskscreen.log")
        let result = try Self.run(ws, umask: "000", ws.runArguments(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"],
                                                                    extra: ["--no-render", "--log-file", log.path]))
        try #require(result.status == 0, "\(result)")
        let preview = try Self.run(ws, umask: "000", ws.runArguments(asOf: "2020-02-06", extra: ["--no-render", "--dry-run"]))
        try #require(preview.status == 0, "\(preview)")
        try Self.expectSPECModes(ws, log: log)
        #expect(!result.stderr.contains("tightened"), "nothing to tighten in a store this build made: \(result)")

        // Another local user can read neither the database nor the packed files.
        guard getuid() == 0 else { return }
        let reader = """
            import sqlite3, sys
            try:
                print(sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True).execute('select count(*) from notice').fetchall())
            except Exception as e:
                print('refused:', e)
            """
        let other = try runProgram("/usr/sbin/runuser", ["-u", "nobody", "--", "/usr/bin/python3", "-c", reader, ws.state], in: ws.dir)
        #expect(other.stdout.hasPrefix("refused:"), "\(other)")
        let packed = try runProgram("/usr/sbin/runuser", ["-u", "nobody", "--", "/bin/cat", ws.state + ".d/residents-1.bin"], in: ws.dir)
        #expect(packed.status != 0 && packed.stderr.contains("Permission denied"), "\(packed)")
    }

    /// An existing store and output folder left open (by an earlier build or by hand) are tightened on first use,
    /// with a warning naming each, and the same modes result.
    @Test func anOpenStoreAndOutputFolderAreTightenedOnFirstUseWithAWarning() throws {
        let ws = try Workspace("modes-tighten")
        try ws.travel("t1.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-01")])
        let log = ws.dir.appendingPathComponent("logs/riskscreen.log")
        try ws.night(asOf: "2020-02-06", travel: ["t1.csv"])
        let state = URL(fileURLWithPath: ws.state)
        let opened = try runProgram("/bin/sh", ["-c", "chmod 0755 state state/s.sqlite.d out out/runs out/runs/* && chmod 0644 state/s.sqlite state/s.sqlite.d/* out/runs/*/* "
                                               + "&& mkdir -p logs && touch logs/riskscreen.log && chmod 0750 logs && chmod 0666 logs/riskscreen.log"], in: ws.dir)
        try #require(opened.status == 0, "\(opened)")

        let history = try riskscreen(["history", "--state", ws.state], in: ws.dir)
        #expect(history.status == 0 && history.stderr.contains("\(state.path): was readable by more users than it should be; tightened from 0644 to 0600"),
                "\(history)")
        let result = try Self.run(ws, umask: "022", ws.runArguments(asOf: "2020-02-07", extra: ["--no-render", "--log-file", log.path]))
        try #require(result.status == 0, "\(result)")
        for path in ["out", "logs/riskscreen.log"] {
            #expect(result.stderr.contains("\(ws.dir.appendingPathComponent(path).path): ") && result.stderr.contains("tightened"),
                    "\(path) named in a warning: \(result)")
        }
        try Self.expectSPECModes(ws, log: log)
    }

    /// A store kept in a folder with other files (a home folder, /tmp): its files are made owner-only, the folder is
    /// left alone with a warning saying why.
    @Test func aStoreInASharedFolderIsOwnerOnlyAndTheFolderIsLeftWithAWarning() throws {
        let ws = try Workspace("modes-shared")
        try ws.travel("t1.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-01")])
        let result = try Self.run(ws, umask: "022", ["run", "--as-of", "2020-02-06", "--policy", "policy.toml", "--regions", "regions.csv",
                                                     "--travel", "t1.csv", "--out", "out", "--state", "s.sqlite", "--no-render"])
        try #require(result.status == 0, "\(result)")
        #expect(try Self.mode(ws.dir.path) == "755", "the shared folder keeps its mode")
        #expect(result.stderr.contains("holds other files"), "\(result)")
        for file in ["s.sqlite", "s.sqlite.lock"] { #expect(try Self.mode(ws.dir.appendingPathComponent(file).path) == "600", "\(file)") }
        #expect(try Self.mode(ws.dir.appendingPathComponent("s.sqlite.d").path) == "700")
    }
}
