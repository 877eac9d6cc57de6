import Foundation
import Testing
import TestSupport

/// Issue 27, case 8: problems an operator can fix are reported as what they are, with the exit status SPEC 4 gives
/// them, never as "internal error: Error Domain=NSCocoaErrorDomain Code=…".
@Suite struct OperatorErrorTests {
    /// What no message to an operator may contain.
    static func expectWorded(_ result: CommandResult, sourceLocation: SourceLocation = #_sourceLocation) {
        for raw in ["NSCocoaErrorDomain", "Error Domain", "internal error", "\u{0}"] {
            #expect(!result.stderr.contains(raw), "\(raw.debugDescription) in \(result)", sourceLocation: sourceLocation)
        }
    }

    /// The binary run as another user when the tests run as root (root may write anywhere), else as is.
    static func runAsOperator(_ ws: Workspace, _ arguments: [String]) throws -> CommandResult {
        guard getuid() == 0 else { return try riskscreen(arguments, in: ws.dir) }
        return try runProgram("/usr/sbin/runuser", ["-u", "nobody", "--", riskscreenBinary().path] + arguments, in: ws.dir)
    }

    @Test func anOutputFolderThatCannotBeWrittenIsAConfigurationError() throws {
        let ws = try Workspace("operator-readonly-out")
        try ws.travel("t1.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-01")])
        try FileManager.default.createDirectory(at: ws.dir.appendingPathComponent("ro"), withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: ws.dir.appendingPathComponent("ro").path)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: ws.dir.path)
        var arguments = ws.runArguments(asOf: "2020-02-06", travel: ["t1.csv"], extra: ["--no-render"])
        arguments[arguments.firstIndex(of: "out")!] = "ro/out"
        arguments[arguments.firstIndex(of: ws.state)!] = "state/s.sqlite"
        let result = try Self.runAsOperator(ws, arguments)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("ro/out") && result.stderr.contains("Permission denied"), "\(result)")
        Self.expectWorded(result)
    }

    @Test func anOutputFolderUnderAFileIsAConfigurationError() throws {
        let ws = try Workspace("operator-notdir-out")
        try ws.travel("t1.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-01")])
        var arguments = ws.runArguments(asOf: "2020-02-06", travel: ["t1.csv"], extra: ["--no-render"])
        arguments[arguments.firstIndex(of: "out")!] = "t1.csv/out"
        let result = try riskscreen(arguments, in: ws.dir)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("t1.csv/out") && result.stderr.contains("Not a directory"), "\(result)")
        Self.expectWorded(result)
    }

    /// `latest` made a folder (by hand, by a copy tool): refused before anything is written, nothing left behind.
    @Test func latestBeingAFolderIsRefusedAndNothingIsLeftBehind() throws {
        let ws = try Workspace("operator-latest-folder")
        try ws.travel("t1.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-01")])
        try FileManager.default.createDirectory(at: ws.latest, withIntermediateDirectories: true)
        let result = try ws.run(asOf: "2020-02-06", travel: ["t1.csv"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("\(ws.latest.path) is a folder, not the link"), "\(result)")
        Self.expectWorded(result)
        #expect(ws.leftovers().isEmpty, "\(ws.leftovers())")
        #expect(ws.runFolders().isEmpty)
        #expect(try ws.committedFolders().isEmpty, "nothing committed")
    }

    @Test func aRuleFileNamedInTheConfigButMissingIsAConfigurationError() throws {
        let ws = try Workspace("operator-missing-rules")
        try ws.travel("t1.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-01")])
        try ws.write("riskscreen.toml", "policy = \"policy.toml\"\nregions = \"regions-2020-02-06.csv\"\n")
        let result = try riskscreen(["run", "--config", "riskscreen.toml", "--as-of", "2020-02-06", "--travel", "t1.csv",
                                     "--out", "out", "--state", ws.state, "--no-render"], in: ws.dir)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("regions-2020-02-06.csv: cannot read the file (No such file or directory)"), "\(result)")
    }

    /// A feed saved as UTF-16 ("Unicode Text" in Excel): exit 2 naming UTF-16 and how to save it again, where the
    /// header's NUL bytes went to the terminal before.
    @Test(arguments: [true, false])
    func aUTF16FeedIsRefusedByNameWithoutRawBytes(byteOrderMark: Bool) throws {
        let ws = try Workspace("operator-utf16")
        let text = "record_id,source,id_no,name,region_code,arrived_on,left_on\nr1,rail,\(person(1)),旅客,420102,2020-02-01,2020-02-01\n"
        try ((byteOrderMark ? Data([0xFF, 0xFE]) : Data()) + text.data(using: .utf16LittleEndian)!).write(to: ws.dir.appendingPathComponent("t1.csv"))
        for command in [ws.runArguments(asOf: "2020-02-06", travel: ["t1.csv"], extra: ["--no-render"]),
                        ["check", "--policy", "policy.toml", "--regions", "regions.csv", "--travel", "t1.csv"]] {
            let result = try riskscreen(command, in: ws.dir)
            #expect(result.status == 2, "\(result)")
            #expect(result.stderr.contains("t1.csv: the file is UTF-16") && result.stderr.contains("CSV UTF-8"), "\(result)")
            Self.expectWorded(result)
        }
    }
}
