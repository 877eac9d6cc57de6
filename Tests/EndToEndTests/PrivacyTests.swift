import Foundation
import Testing
import TestSupport

/// One set of inputs put through every command by `PrivacyTests`.
struct PrivacyCase: CustomStringConvertible, Sendable {
    var name: String
    /// A folder of fixtures/ copied into the workspace, or nil for a case made by `make`.
    var fixture: String?
    /// Feed, rule and config arguments, shared by `run`, `check` and `diff`.
    var arguments: [String]
    /// Whether `run` renders (notice batches, worklists, and their warnings).
    var render = false
    /// Writes the case's files into the workspace folder.
    var make: (@Sendable (URL) throws -> Void)?
    /// Done to the store between the first and the second night (a damaged file).
    var betweenNights: (@Sendable (URL) throws -> Void)?

    var description: String { name }
}

/// The promise of SPEC 4 and issue 27: ID numbers never appear unmasked on stderr, in the log file or in the run
/// report, whatever the inputs and whatever the command. Every fixture (the demo, the edge and bad-input cases) and
/// the inputs of the second round's fixes go through `check`, `run` (twice, the log at debug level), `diff --list`,
/// `explain`, `history`, `purge` and `print` (to a printer that is not there), and everything they print on stderr,
/// what `diff`, `explain`, `history` and `purge` print on stdout, the log file and every report.html are searched for
/// the inputs' ID numbers and for anything shaped like one.
@Suite struct PrivacyTests {
    static let header = "record_id,source,id_no,name,phone,region_code,arrived_on,left_on\n"

    static var cases: [PrivacyCase] {
        var cases = [PrivacyCase(name: "demo", fixture: "demo", arguments: ["--config", "riskscreen.toml"], render: true)]
        for c in caseRuns {
            cases.append(PrivacyCase(name: "cases/\(c.description)", fixture: "cases/\(c.folder)",
                                     arguments: ["--policy", "policy.toml", "--regions", "regions.csv"] + c.arguments))
        }
        for policy in ["policy_bad_action.toml", "policy_not_toml.toml", "policy_unknown_key.toml"] {
            cases.append(PrivacyCase(name: "cases/bad-policy/\(policy)", fixture: "cases/bad-policy", arguments: ["--policy", policy, "--regions", "regions.csv"]))
        }
        let rules = ["--policy", "policy.toml", "--regions", "regions.csv"]
        // Grid ids built from ID numbers and no grid contacts: the "no grid worker on file" warning names each grid.
        cases.append(PrivacyCase(name: "grid-ids-glued-to-letters", fixture: nil, arguments: rules + ["--residents", "res.csv", "--travel", "t.csv"],
                                 render: true) { dir in
            var res = "id_no,name,phone,community_code,community_name,grid_id,address\n"
            var travel = header
            for (n, grid) in ["X330111198001011236", "id330111198001011236", "330111198001011236abc", "G-\(person(9))"].enumerated() {
                res += "\(person(n)),居民\(n),1380000000\(n),\(Community.xixi.code),\(Community.xixi.name),\(grid),\(n)号\n"
                travel += "r\(n),rail,\(person(n)),,,420102,2020-02-01,2020-02-01\n"
            }
            try Data(res.utf8).write(to: dir.appendingPathComponent("res.csv"))
            try Data(travel.utf8).write(to: dir.appendingPathComponent("t.csv"))
        })
        // Rows rejected for the second round's reasons, each carrying an ID number in its raw text or its reason.
        cases.append(PrivacyCase(name: "rejected-rows", fixture: nil, arguments: rules + ["--travel", "t.csv", "--max-reject-rate", "1"]) { dir in
            var travel = header
            travel += "r1,rail,\(person(1)),张\u{0}三,13800000001,420102,2020-02-01,2020-02-01\n"
            travel += "r2,rail,３３０１０６１９８００１０１００２１,旅客,13800000002,420102,2020-02-01,2020-02-01\n"  // wrong check character
            travel += "r3,rail,\(person(3))1,旅客,13800000003,420102,2020-02-01,2020-02-01\n"  // 19 digits
            travel += "r4,rail,\(person(4)),\(String(repeating: "长", count: 400_000)),13800000004,420102,2020-02-01,2020-02-01\n"
            travel += "r5,rail,\(person(5)),\"旅客\",138000000\u{7}05,4201x,2020-02-01,2020-02-01\n"
            travel += "id\(person(6)),rail,\(person(6)),旅客,13800000006,420102,2020-02-01,2020-02-01\n"
            try Data(travel.utf8).write(to: dir.appendingPathComponent("t.csv"))
        })
        cases.append(PrivacyCase(name: "cr-only-line-ends", fixture: nil, arguments: rules + ["--travel", "t.csv", "--max-reject-rate", "1"]) { dir in
            let travel = header + "r1,rail,\(person(1)),旅客,,420102,2020-02-01,2020-02-01\nr2,rail,\(person(2)),旅客,,42x,2020-02-01,2020-02-01\n"
            try Data(travel.replacingOccurrences(of: "\n", with: "\r").utf8).write(to: dir.appendingPathComponent("t.csv"))
        })
        cases.append(PrivacyCase(name: "utf-16", fixture: nil, arguments: rules + ["--travel", "t.csv"]) { dir in
            let travel = header + "r1,rail,\(person(1)),旅客,,420102,2020-02-01,2020-02-01\n"
            try (Data([0xFF, 0xFE]) + travel.data(using: .utf16LittleEndian)!).write(to: dir.appendingPathComponent("t.csv"))
        })
        cases.append(PrivacyCase(name: "damaged-store", fixture: nil, arguments: rules + ["--travel", "t.csv"], make: { dir in
            let travel = header + (1...40).map { "r\($0),rail,\(person($0)),旅客\($0),1380000\(1000 + $0),420102,2020-02-01,2020-02-01\n" }.joined()
            try Data(travel.utf8).write(to: dir.appendingPathComponent("t.csv"))
        }, betweenNights: { dir in
            let folder = dir.appendingPathComponent("state/s.sqlite.d")
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasPrefix("stays-") {
                try StoreChecksumTests.damage(folder.appendingPathComponent(file), count: 64)
            }
        }))
        return cases
    }

    @Test(arguments: cases)
    func noCommandShowsAnIDNumber(_ c: PrivacyCase) throws {
        let dir: URL
        if let fixture = c.fixture { dir = try freshCopy(ofFixture: fixture) } else {
            dir = try makeTemporaryDirectory("privacy")
            try Data(examplePolicy.utf8).write(to: dir.appendingPathComponent("policy.toml"))
            try Data(wuhanAndWenzhou.utf8).write(to: dir.appendingPathComponent("regions.csv"))
        }
        try c.make?(dir)
        let ids = try Self.idNumbers(in: dir)
        if c.fixture != "cases/bad-policy" { #expect(!ids.isEmpty, "the case has ID numbers to look for") }
        let state = ["--state", "state/s.sqlite"]
        let log = dir.appendingPathComponent("logs/riskscreen.log")
        let render = c.render ? [] : ["--no-render"]

        var seen: [(String, String)] = []
        func run(_ arguments: [String], stdout: Bool = false) throws -> CommandResult {
            let result = try riskscreen(arguments, in: dir)
            seen.append(("\(arguments.first ?? "") stderr", result.stderr))
            if stdout { seen.append(("\(arguments.first ?? "") stdout", result.stdout)) }
            return result
        }
        _ = try run(["check"] + c.arguments)
        let first = try run(["run", "--as-of", "2020-02-06", "--out", "out", "--log-file", log.path, "--verbose"] + state + render + c.arguments)
        try c.betweenNights?(dir)
        _ = try run(["run", "--as-of", "2020-02-07", "--out", "out", "--log-file", log.path] + state + render + c.arguments)
        _ = try run(["diff", "--as-of", "2020-02-08", "--list"] + state + c.arguments, stdout: true)
        for id in ids.sorted().prefix(3) { _ = try run(["explain"] + state + [id], stdout: true) }
        _ = try run(["history"] + state, stdout: true)
        _ = try run(["purge", "--before", "2020-02-01"] + state, stdout: true)
        _ = try run(["print", "--out", "out", "--all", "--printer", "riskscreen-privacy-no-such-printer"])
        if c.fixture == "demo" { #expect(first.status == 0, "\(first)") }

        if let text = try? String(contentsOf: log, encoding: .utf8) { seen.append(("log file", text)) }
        for sub in ["out/runs", "out/previews"] {
            let folder = dir.appendingPathComponent(sub)
            for run in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                let report = folder.appendingPathComponent("\(run)/report.html")
                if let text = try? String(contentsOf: report, encoding: .utf8) { seen.append(("\(sub)/\(run)/report.html", text)) }
            }
        }
        #expect(seen.count > 10)
        for (place, text) in seen {
            let found = Self.unmasked(in: text, ids: ids)
            #expect(found.isEmpty, "\(c.name): \(place) shows \(found)")
        }
    }

    /// The ID numbers in a folder's CSV files: runs of 15 or 18 digits (ASCII or full-width, an `X` last), wherever
    /// they stand, letters around them or not. GB18030 files are read through iconv.
    static func idNumbers(in dir: URL) throws -> Set<String> {
        var ids = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) where file.hasSuffix(".csv") {
            let url = dir.appendingPathComponent(file)
            let data = try Data(contentsOf: url)
            var text = String(data: data, encoding: .utf8) ?? ""
            if data.starts(with: [0xFF, 0xFE]) {
                text = String(data: data.dropFirst(2), encoding: .utf16LittleEndian) ?? ""
            } else if text.isEmpty {
                text = try runProgram("/usr/bin/iconv", ["-f", "GB18030", "-t", "UTF-8", url.path], in: dir).stdout
            }
            for run in digitRuns(text) where run.count == 15 || run.count == 18 { ids.insert(run) }
        }
        return ids
    }

    /// Maximal runs of digits (ASCII or full-width) with an optional `X` after the 17th.
    static func digitRuns(_ text: String) -> [String] {
        func isDigit(_ s: Unicode.Scalar) -> Bool { (0x30...0x39).contains(s.value) || (0xFF10...0xFF19).contains(s.value) }
        let scalars = Array(text.unicodeScalars)
        var runs: [String] = []
        var i = 0
        while i < scalars.count {
            guard isDigit(scalars[i]) else { i += 1; continue }
            var j = i
            while j < scalars.count, isDigit(scalars[j]) { j += 1 }
            if j - i == 17, j < scalars.count, ["X", "x", "Ｘ", "ｘ"].contains(scalars[j]) { j += 1 }
            runs.append(String(String.UnicodeScalarView(scalars[i..<j])))
            i = j
        }
        return runs
    }

    /// The inputs' ID numbers found in `text`, and any other run that reads as a resident ID number (18 characters
    /// with a plausible birth date, or 15 digits with one): what the program derived from an input (a 15-digit
    /// number upgraded, a full-width one folded) is caught too.
    static func unmasked(in text: String, ids: Set<String>) -> [String] {
        var found = ids.filter { text.contains($0) }.sorted()
        for run in digitRuns(text) {
            let ascii = String(run.unicodeScalars.map { (0xFF10...0xFF19).contains($0.value) ? Character(Unicode.Scalar($0.value - 0xFF10 + 0x30)!) : Character($0) })
            if readsAsID(ascii) { found.append(run) }
        }
        return found
    }

    static func readsAsID(_ s: String) -> Bool {
        let d = Array(s.utf8)
        guard d.count == 15 || d.count == 18, (UInt8(ascii: "1")...UInt8(ascii: "8")).contains(d[0]) else { return false }
        func number(_ from: Int, _ count: Int) -> Int { Int(String(decoding: d[from..<(from + count)], as: UTF8.self)) ?? -1 }
        if d.count == 18, !(1900...2099).contains(number(6, 4)) { return false }
        let at = d.count == 18 ? 10 : 8
        return (1...12).contains(number(at, 2)) && (1...31).contains(number(at + 2, 2))
    }
}
