import Foundation
import Testing
import TestSupport

/// SPEC 4 exit statuses of `run`, and that a refused run publishes and commits nothing.
@Suite struct LifecycleExitCodeTests {
    /// A workspace with one committed night, so a refused run can be seen to leave it alone.
    static func committed(_ label: String) throws -> (Workspace, history: String) {
        let ws = try Workspace(label)
        try ws.travel("t1.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-01")])
        try ws.night(asOf: "2020-02-06", travel: ["t1.csv"])
        return (ws, try ws.history())
    }

    static func expectNothingChanged(_ ws: Workspace, history: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(ws.latestName() == "000001-2020-02-06", sourceLocation: sourceLocation)
        #expect(ws.runFolders() == ["000001-2020-02-06"], sourceLocation: sourceLocation)
        #expect(try ws.history() == history, sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: ws.out.appendingPathComponent("previews").path), sourceLocation: sourceLocation)
        #expect(try ws.storeFiles() == ["policy-1.toml", "regions-1.csv", "stays-1.bin"], "files of the refused run left", sourceLocation: sourceLocation)
    }

    @Test func anInvalidRuleFileStopsTheRunListingEveryBadLine() throws {
        let (ws, history) = try Self.committed("bad-rules")
        try ws.write("bad-regions.csv", """
            region_code,region_name,risk_level,from,to
            420100,武汉市,high,2020-01-01,
            330300,温州市,extreme,2020-01-20,
            3301,杭州市,medium,2020-02-30,
            12345,某地,low,2020-01-20,

            """)
        let r = try ws.run(asOf: "2020-02-07", regions: "bad-regions.csv")
        #expect(r.status == 2, "\(r)")
        for line in [3, 4, 5] { #expect(r.stderr.contains("bad-regions.csv:\(line)"), "line \(line) not listed: \(r)") }
        #expect(!r.stderr.contains("bad-regions.csv:2"), "\(r)")
        try Self.expectNothingChanged(ws, history: history)
    }

    @Test func aFeedAboveTheRejectRateStopsTheRun() throws {
        let (ws, history) = try Self.committed("reject-rate")
        var text = "record_id,source,id_no,region_code,arrived_on,left_on\n"
        for n in 10..<19 { text += "x\(n),rail,\(person(n)),420102,2020-02-01,2020-02-01\n" }
        text += "x19,rail,33010619800101000Y,420102,2020-02-01,2020-02-01\n"  // wrong check character
        try ws.write("t2.csv", text)
        // With residents, whose packed file is written while the travel feed is read.
        try ws.residents("r.csv", [(person(1), Community.xixi, "G1")])
        let r = try ws.run(asOf: "2020-02-07", residents: ["r.csv"], travel: ["t2.csv"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("t2.csv") && r.stderr.contains("1 of 10"), "\(r)")
        try Self.expectNothingChanged(ws, history: history)

        let allowed = try ws.run(asOf: "2020-02-07", travel: ["t2.csv"], extra: ["--no-render", "--max-reject-rate", "0.2"])
        #expect(allowed.status == 0, "\(allowed)")
        let rejects = try csvLines(ws.latest.appendingPathComponent("rejects.csv"))
        #expect(rejects.count == 2 && rejects[1].contains("t2.csv"), "\(rejects)")
    }

    @Test func anEmptyFeedStopsTheRunUnlessAllowed() throws {
        let (ws, history) = try Self.committed("empty-feed")
        try ws.write("empty.csv", "record_id,source,id_no,region_code,arrived_on,left_on\n")
        let r = try ws.run(asOf: "2020-02-07", travel: ["empty.csv"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("empty.csv") && r.stderr.contains("--allow-empty"), "\(r)")
        try Self.expectNothingChanged(ws, history: history)

        let allowed = try ws.run(asOf: "2020-02-07", travel: ["empty.csv"], extra: ["--no-render", "--allow-empty"])
        #expect(allowed.status == 0, "\(allowed)")
        #expect(try ws.measure(of: person(1))?["status"] == "continuing", "an empty feed leaves the stored stays")
    }

    @Test func aMissingColumnNamesTheColumnAndTheHeadersFound() throws {
        let (ws, history) = try Self.committed("missing-column")
        try ws.write("t2.csv", "record_id,source,id_no,arrived_on\nx1,rail,\(person(2)),2020-02-01\n")
        let r = try ws.run(asOf: "2020-02-07", travel: ["t2.csv"])
        #expect(r.status == 2, "\(r)")
        for word in ["t2.csv", "region_code", "record_id", "id_no", "arrived_on"] { #expect(r.stderr.contains(word), "\(word): \(r)") }
        try Self.expectNothingChanged(ws, history: history)
    }

    @Test func aBadPolicyIsAConfigurationError() throws {
        let (ws, history) = try Self.committed("bad-policy")
        try ws.write("policy.toml", examplePolicy.replacingOccurrences(of: "days = 7", with: "days = 7\ncolour = \"red\""))
        let r = try ws.run(asOf: "2020-02-07")
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("colour"), "the message names the key: \(r)")
        try Self.expectNothingChanged(ws, history: history)
    }

    @Test(arguments: [
        ["run", "--bogus"],
        ["run", "--as-of", "2020-13-01", "--policy", "policy.toml"],
        ["run", "--max-reject-rate", "2"],
        ["no-such-command"],
    ])
    func aUsageErrorExitsOne(arguments: [String]) throws {
        let ws = try Workspace("usage")
        let r = try riskscreen(arguments, in: ws.dir)
        #expect(r.status == 1, "SPEC 4: usage errors exit 1: \(r)")
        #expect(r.stderr.contains("Usage") || r.stderr.contains("Error"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: ws.out.path))
    }

    @Test func missingRequiredSettingsAreAConfigurationError() throws {
        let ws = try Workspace("missing-settings")
        let r = try riskscreen(["run", "--as-of", "2020-02-06", "--policy", "policy.toml"], in: ws.dir)
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("--regions") && r.stderr.contains("--out") && r.stderr.contains("--state"), "\(r)")
    }

    @Test func helpIsNotAnError() throws {
        let ws = try Workspace("help")
        let r = try riskscreen(["run", "--help"], in: ws.dir)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("--dry-run"))
    }
}
