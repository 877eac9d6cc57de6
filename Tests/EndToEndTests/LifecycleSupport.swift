import Foundation
import Testing
import TestSupport

/// A resident ID number from 17 digits with its GB 11643 check character.
func cnID(_ digits17: String) -> String {
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    let checks = Array("10X98765432")
    let sum = zip(digits17.utf8, weights).reduce(0) { $0 + Int($1.0 - UInt8(ascii: "0")) * $1.1 }
    return digits17 + String(checks[sum % 11])
}

/// Person `n` of the tests: a valid, distinct resident ID number.
func person(_ n: Int) -> String {
    cnID("33010619800101" + String(format: "%03d", n))
}

/// Communities the tests use, in the 12-digit form `measures.csv` prints.
enum Community {
    static let xixi = (code: "330106001001", name: "西溪社区")
    static let cuiyuan = (code: "330106002002", name: "翠苑社区")
}

/// The SPEC 1.5 example policy: high → centralised 14 days, medium → home 14 days, low → monitoring 7 days.
let examplePolicy = """
    name = "示例政策 2020-02"
    lookback_days = 14
    [levels.high]
    action = "centralized_quarantine"
    days = 14
    coarse = "low"
    [levels.medium]
    action = "home_quarantine"
    days = 14
    coarse = "low"
    [levels.low]
    action = "health_monitoring"
    days = 7
    coarse = "none"

    """

/// Wuhan (high since 2020-01-01) and Wenzhou (medium since 2020-01-20).
let wuhanAndWenzhou = "region_code,region_name,risk_level,from,to\n420100,武汉市,high,2020-01-01,\n330300,温州市,medium,2020-01-20,\n"

/// One row of `measures.csv`, by column name.
struct MeasureRow: Equatable, CustomStringConvertible {
    static let header = "serial,status,id_type,id_no,name,phone,community_code,community_name,grid_id,address,action,level,region_code,region_name,last_exposure_on,until,exposure,stay_region_code,stay_region_name"
    var fields: [String: String]
    var line: String

    subscript(_ column: String) -> String { fields[column] ?? "<no column \(column)>" }
    var description: String { line }
    /// The row without its status, to compare runs whose statuses differ.
    var withoutStatus: String {
        MeasureRow.header.split(separator: ",").map(String.init).filter { $0 != "status" }.map { self[$0] }.joined(separator: ",")
    }
}

/// A fresh working folder with rule files, feeds, an output folder and a state store, and the binary to run on them.
struct Workspace {
    let dir: URL
    var state: String { dir.appendingPathComponent("state/s.sqlite").path }
    var out: URL { dir.appendingPathComponent("out") }
    var latest: URL { out.appendingPathComponent("latest") }

    init(_ label: String, regions: String = wuhanAndWenzhou) throws {
        dir = try makeTemporaryDirectory("nights-\(label)")
        try write("policy.toml", examplePolicy)
        try write("regions.csv", regions)
    }

    /// Writes a file in the workspace and returns its name.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return name
    }

    /// A residence feed of (person, community, grid) rows.
    @discardableResult
    func residents(_ name: String, _ rows: [(id: String, community: (code: String, name: String), grid: String)]) throws -> String {
        var text = "id_no,name,phone,community_code,community_name,grid_id,address\n"
        for (i, r) in rows.enumerated() {
            text += "\(r.id),居民\(r.id.suffix(4)),1380000\(String(format: "%04d", i)),\(r.community.code),\(r.community.name),\(r.grid),住址\(i)号\n"
        }
        return try write(name, text)
    }

    /// A travel feed with source `rail` (so files of different nights correct each other) of (record, person, region, days) rows.
    @discardableResult
    func travel(_ name: String, _ rows: [(record: String, id: String, region: String, arrived: String, left: String)]) throws -> String {
        var text = "record_id,source,id_no,name,region_code,arrived_on,left_on\n"
        for r in rows { text += "\(r.record),rail,\(r.id),旅客\(r.id.suffix(4)),\(r.region),\(r.arrived),\(r.left)\n" }
        return try write(name, text)
    }

    /// The `run` arguments for one night.
    func runArguments(asOf: String, residents: [String] = [], travel: [String] = [], regions: String = "regions.csv", extra: [String] = []) -> [String] {
        var args = ["run", "--as-of", asOf, "--policy", "policy.toml", "--regions", regions]
        for r in residents { args += ["--residents", r] }
        for t in travel { args += ["--travel", t] }
        return args + ["--out", "out", "--state", state] + extra
    }

    /// Runs one night (without rendering unless asked) and returns what the binary gave.
    @discardableResult
    func run(asOf: String, residents: [String] = [], travel: [String] = [], regions: String = "regions.csv", extra: [String] = ["--no-render"],
             environment: [String: String] = [:]) throws -> CommandResult {
        try riskscreen(runArguments(asOf: asOf, residents: residents, travel: travel, regions: regions, extra: extra), in: dir, environment: environment)
    }

    /// Runs one night that must succeed, and returns its run folder.
    @discardableResult
    func night(asOf: String, residents: [String] = [], travel: [String] = [], regions: String = "regions.csv", extra: [String] = ["--no-render"],
               sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        let result = try run(asOf: asOf, residents: residents, travel: travel, regions: regions, extra: extra)
        try #require(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        return URL(fileURLWithPath: result.lastLine)
    }

    /// Rows of a run folder's `measures.csv` (or of `latest`), checking its header.
    func measures(in folder: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> [MeasureRow] {
        try Workspace.measures(at: folder ?? latest, sourceLocation: sourceLocation)
    }

    /// Rows of any run folder's `measures.csv`, checking its header.
    static func measures(at folder: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> [MeasureRow] {
        try rows(of: folder.appendingPathComponent("measures.csv"), header: MeasureRow.header, sourceLocation: sourceLocation)
            .map { MeasureRow(fields: $0.fields, line: $0.line) }
    }

    /// Rows of a run folder's `rescinded.csv`.
    func rescinded(in folder: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: String]] {
        try Workspace.rows(of: (folder ?? latest).appendingPathComponent("rescinded.csv"),
                           header: "serial,id_type,id_no,name,community_code,reason,phone,community_name,grid_id,address,action,until",
                           sourceLocation: sourceLocation).map(\.fields)
    }

    /// Rows of a run folder's `released.csv`.
    func released(in folder: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: String]] {
        try Workspace.rows(of: (folder ?? latest).appendingPathComponent("released.csv"),
                           header: "serial,id_type,id_no,name,phone,community_code,community_name,grid_id,address,action,until,release_serial",
                           sourceLocation: sourceLocation).map(\.fields)
    }

    /// The measure of one person in `latest` (or a folder), if any.
    func measure(of id: String, in folder: URL? = nil) throws -> MeasureRow? {
        try measures(in: folder).first { $0["id_no"] == id }
    }

    /// The rows of a CSV the run wrote, read through libcsv: each as its fields by column and as its values joined
    /// by commas (the line itself where no value is quoted).
    private static func rows(of url: URL, header: String, sourceLocation: SourceLocation) throws -> [(fields: [String: String], line: String)] {
        let rows = try csvRows(url)
        let columns = header.split(separator: ",").map(String.init)
        try #require(rows.first == columns, "header of \(url.path)", sourceLocation: sourceLocation)
        return rows.dropFirst().map { values in
            (Dictionary(uniqueKeysWithValues: zip(columns, values)), values.joined(separator: ","))
        }
    }

    /// `riskscreen history` output.
    func history() throws -> String {
        let r = try riskscreen(["history", "--state", state], in: dir)
        #expect(r.status == 0, "\(r)")
        return r.stdout
    }

    /// Runs a query on the state store and returns its rows as `|`-separated lines; `.dump` dumps it.
    ///
    /// Through python3's sqlite3 module, which scripts/deps.sh installs (the sqlite3 tool is not a dependency).
    /// Not opened read-only: a run killed inside its transaction leaves a hot journal, which the first
    /// connection must roll back (as riskscreen's next run would) before anything can be read.
    func sql(_ query: String) throws -> [String] {
        let script = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            rows = ((line,) for line in c.iterdump()) if sys.argv[2] == ".dump" else c.execute(sys.argv[2])
            for row in rows: print("|".join("" if v is None else str(v) for v in row))
            """
        let r = try runProgram("/usr/bin/env", ["python3", "-c", script, state, query], in: dir)
        try #require(r.status == 0, "\(r)")
        return r.stdout.split(separator: "\n").map(String.init)
    }

    /// Folder names of the committed runs, oldest first (empty before the first run).
    func committedFolders() throws -> [String] {
        guard FileManager.default.fileExists(atPath: state) else { return [] }
        return try sql("SELECT folder FROM run ORDER BY id")
    }

    /// The run folder name `latest` points at.
    func latestName() -> String? {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: latest.path)).map { URL(fileURLWithPath: $0).lastPathComponent }
    }

    /// Folder names under `out/runs`.
    func runFolders() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("runs").path)) ?? []).sorted()
    }

    /// Names in `out` that are leftovers of an unfinished run.
    func leftovers() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).filter { $0.hasPrefix(".") }.sorted()
    }
}

/// Row lines of several runs without the status column, to compare runs whose statuses differ.
func withoutStatus(_ rows: [MeasureRow]) -> [String] { rows.map(\.withoutStatus) }

extension Workspace {
    /// Three nights as-of 2020-02-06, each storing a stays file (`Store.staysFilesToMerge`): a new stay a night, each
    /// after the first re-sending the previous night's with other days. The run of `t4.csv` finds them and merges them.
    func storedNightsBeforeAMerge() throws {
        try residents("res.csv", [(person(1), Community.xixi, "G1")])
        for night in 1...3 {
            var rows = [("n\(night)", person(night), night % 2 == 0 ? "420102" : "330302", "2020-02-01", "2020-02-0\(night % 5 + 1)")]
            if night > 1 { rows.append(("n\(night - 1)", person(night - 1), "420102", "2020-01-30", "2020-02-0\(night % 4 + 1)")) }
            try travel("t\(night).csv", rows)
            try self.night(asOf: "2020-02-06", residents: night == 1 ? ["res.csv"] : [], travel: ["t\(night).csv"], extra: ["--no-render", "--force"])
        }
        try travel("t4.csv", [("n4", person(4), "420102", "2020-02-04", "2020-02-05"), ("n1", person(1), "110101", "2020-02-01", "2020-02-02")])
    }

    /// The names of the files in the state store's data folder, sorted.
    func storeFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: state + ".d").sorted()
    }

    /// The stays files in the store's data folder, by name.
    func staysFiles() throws -> [String] {
        try storeFiles().filter { $0.hasPrefix("stays-") }
    }
}
