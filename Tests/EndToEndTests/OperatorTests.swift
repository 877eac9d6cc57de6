import Foundation
import Testing
import TestSupport

/// A generated district with ID numbers in every feed and some bad rows, in a fresh folder.
private func generatedDistrict() throws -> URL {
    let dir = try makeTemporaryDirectory("operator")
    let made = try riskscreen(["generate", "--residents", "400", "--stays", "1500", "--bad-rows", "0.01", "--seed", "3", "--out", "in"], in: dir)
    try #require(made.status == 0, "\(made)")
    return dir
}

private let runArguments = [
    "run", "--as-of", "2020-02-06", "--policy", "in/policy.toml", "--regions", "in/regions.csv", "--residents", "in/residents.csv",
    "--travel", "in/travel_rail.csv", "--travel", "in/travel_telecom.csv", "--travel", "in/travel_checkpoint.csv",
    "--out", "out", "--state", "state/s.sqlite", "--max-reject-rate", "0.2", "--no-render",
]

/// Finds any unmasked resident-ID-shaped token: 17 digits and a check character, not inside a longer run.
func fullIDs(in text: String) -> [String] {
    text.matches(of: /(?:^|[^0-9A-Za-z])([0-9]{17}[0-9Xx])(?![0-9A-Za-z])/).map { String($0.output.1) }
}

@Suite("Operator: logs, progress, nightly script")
struct OperatorTests {
    @Test("no full ID number reaches stderr or the log file, in logfmt or JSON, even with --verbose")
    func logsMaskIDs() throws {
        let dir = try generatedDistrict()
        let residents = try String(contentsOf: dir.appendingPathComponent("in/residents.csv"), encoding: .utf8)
        try #require(!fullIDs(in: residents).isEmpty, "the feeds must hold ID numbers for this test to mean anything")
        for format in ["logfmt", "json"] {
            let log = dir.appendingPathComponent("logs/\(format).log")
            let r = try riskscreen(runArguments + ["--dry-run", "--verbose", "--log-format", format, "--log-file", log.path], in: dir)
            #expect(r.status == 0, "\(r)")
            let text = try String(contentsOf: log, encoding: .utf8)
            #expect(text.contains("stage=screen") || text.contains("\"stage\":\"screen\""), "stage timings are logged: \(text)")
            #expect(fullIDs(in: r.stderr).isEmpty, "\(r)")
            #expect(fullIDs(in: text).isEmpty, "\(text)")
            let lines = text.split(separator: "\n")
            #expect(lines.allSatisfy { $0.contains("run=") || $0.contains("\"run\":") }, "every line carries the run id")
            if format == "json" {
                for line in lines { #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "\(line)") }
            }
        }
    }

    @Test("stdout's last line is the run folder; stderr ends with the summary line and the files read")
    func summaryOnStderr() throws {
        let dir = try generatedDistrict()
        let r = try riskscreen(runArguments + ["--quiet"], in: dir)
        #expect(r.status == 0, "\(r)")
        #expect(r.lastLine.hasSuffix("/out/runs/000001-2020-02-06"), "\(r)")
        // The summary, then one indented line per file read: the rule file and each feed (SPEC 5).
        let lines = r.stderr.split(separator: "\n").map(String.init)
        let summary = try #require(lines.lastIndex { $0.hasPrefix("run 1 as-of 2020-02-06: ") }, "\(r)")
        let read = lines[(summary + 1)...]
        #expect(read.count >= 2 && read.allSatisfy { $0.hasPrefix("  ") && $0.contains(" read, ") }, "\(r)")
        #expect(read.first?.contains("regions") == true, "\(r)")
        #expect(!r.stderr.contains("\u{1B}["), "no progress drawing when stderr is a pipe: \(r)")
    }

    @Test("a progress bar is drawn on a terminal and not with --quiet")
    func progressOnlyOnTerminal() throws {
        let dir = try generatedDistrict()
        let command = ([riskscreenBinary().path] + runArguments + ["--dry-run"]).joined(separator: " ")
        let tty = try runProgram("/usr/bin/script", ["-qec", command, "/dev/null"], in: dir)
        #expect(tty.status == 0, "\(tty)")
        #expect(tty.stdout.contains("reading travel_rail.csv ["), "\(tty)")
        #expect(tty.stdout.contains("screening"), "\(tty)")
        let quiet = try runProgram("/usr/bin/script", ["-qec", command + " --quiet", "/dev/null"], in: dir)
        #expect(quiet.status == 0, "\(quiet)")
        #expect(!quiet.stdout.contains("reading "), "\(quiet)")
    }

    @Test("nightly.sh passes riskscreen's exit status through and keeps a dated log", arguments: [
        ("in/regions.csv", Int32(0)), ("in/bad-regions.csv", Int32(2)),
    ])
    func nightlyExitStatus(regions: String, expected: Int32) throws {
        let dir = try generatedDistrict()
        try "region_code,region_name,risk_level,from\n12,某地,huge,2020-01-01\n".write(
            to: dir.appendingPathComponent("in/bad-regions.csv"), atomically: true, encoding: .utf8)
        try """
            policy = "in/policy.toml"
            regions = "\(regions)"
            out = "out"
            state = "state/s.sqlite"
            render = false
            max_reject_rate = 0.2
            [feeds.rail]
            kind = "travel"
            path = "in/travel_rail.csv"
            """.write(to: dir.appendingPathComponent("riskscreen.toml"), atomically: true, encoding: .utf8)
        let r = try runProgram(packageRoot.appendingPathComponent("scripts/nightly.sh").path, ["riskscreen.toml"], in: dir, environment: [
            "RISKSCREEN_BIN": riskscreenBinary().path, "RISKSCREEN_AS_OF": "2020-02-06", "RISKSCREEN_LOG_DIR": dir.appendingPathComponent("logs").path,
        ])
        #expect(r.status == expected, "\(r)")
        let log = try String(contentsOf: dir.appendingPathComponent("logs/riskscreen-2020-02-06.log"), encoding: .utf8)
        if expected == 0 {
            #expect(r.stderr.hasPrefix("run 1 as-of 2020-02-06: "), "\(r)")
            #expect(log.contains("msg=\"run finished\""), "\(log)")
        } else {
            #expect(r.stderr.contains("bad-regions.csv:2"), "\(r)")
            #expect(log.contains("exit=2"), "\(log)")
        }
    }

    @Test("every command's help has a summary and an example")
    func helpHasExamples() throws {
        let dir = try makeTemporaryDirectory("help")
        for command in ["run", "check", "explain", "history", "diff", "purge", "print", "generate"] {
            let r = try riskscreen(["help", command], in: dir)
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout.hasPrefix("OVERVIEW: "), "\(r)")
            #expect(r.stdout.contains("Example"), "`riskscreen help \(command)` shows an example: \(r)")
        }
    }
}
