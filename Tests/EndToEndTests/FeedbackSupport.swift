import Foundation
import Testing
import TestSupport

/// Wuhan high, Wenzhou medium, Beijing's 东城区 low: centralised, home and monitoring measures.
let threeLevels = wuhanAndWenzhou + "110101,北京市东城区,low,2020-01-20,\n"

/// People of the delivery tests, by their part in them.
enum Delivered {
    /// Four residents of 西溪社区 back from Wuhan (centralised quarantine until 2020-02-15).
    static let xixi = (1...4).map(person)
    /// 翠苑社区: one back from Wenzhou (home quarantine until 2020-02-15), one from Beijing 东城区 (monitoring until 2020-02-08).
    static let wenzhou = person(5), beijing = person(6)
    /// A visitor from Wuhan who is no resident (unassigned).
    static let visitor = person(7)
    static let everyone = xixi + [wenzhou, beijing, visitor]
}

extension Workspace {
    /// A workspace whose first night (2020-02-06) put the `Delivered` people under measures.
    static func delivery(_ label: String, render: Bool = false, policy: String = examplePolicy) throws -> Workspace {
        let ws = try Workspace(label, regions: threeLevels)
        try ws.write("policy.toml", policy)
        try ws.residents("res.csv", Delivered.xixi.map { ($0, Community.xixi, "G1") }
            + [(Delivered.wenzhou, Community.cuiyuan, "G2"), (Delivered.beijing, Community.cuiyuan, "G2")])
        try ws.travel("t1.csv", Delivered.xixi.enumerated().map { ("w\($0.offset)", $0.element, "420102", "2020-01-30", "2020-02-01") }
            + [("z1", Delivered.wenzhou, "330302", "2020-01-30", "2020-02-01"), ("b1", Delivered.beijing, "110101", "2020-01-30", "2020-02-01"),
               ("v1", Delivered.visitor, "420102", "2020-01-30", "2020-02-01")])
        try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"], extra: render ? [] : ["--no-render"])
        return ws
    }

    /// The serial of each person's notice in force in `latest` (or a folder).
    func serials(in folder: URL? = nil) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try measures(in: folder).map { ($0["id_no"], $0["serial"]) })
    }

    /// Runs `riskscreen feedback FILES --state … --date DATE`.
    @discardableResult
    func feedback(_ files: [String], date: String = "2020-02-07", extra: [String] = []) throws -> CommandResult {
        try riskscreen(["feedback", "--state", state, "--date", date] + extra + files, in: dir)
    }

    /// Runs `feedback` and requires it to succeed.
    @discardableResult
    func recordFeedback(_ files: [String], date: String = "2020-02-07", extra: [String] = [],
                        sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
        let r = try feedback(files, date: date, extra: extra)
        try #require(r.status == 0, "\(r)", sourceLocation: sourceLocation)
        return r
    }

    /// The rows of a CSV the program wrote, by column name, checking its header.
    func table(_ url: URL, header: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: String]] {
        let rows = try csvRows(url)
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        try #require(rows.first == columns, "header of \(url.lastPathComponent): \(rows.first ?? [])", sourceLocation: sourceLocation)
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
    }

    /// Outcomes recorded in the store, as `serial outcome day` lines in the order recorded.
    func recordedOutcomes() throws -> [String] {
        try sql("SELECT serial || ' ' || outcome || ' ' || deliveredOn FROM deliveryOutcome ORDER BY id")
    }

    /// Runs a script with Debian's Python 3, which has openpyxl (`python3-openpyxl` in scripts/deps.sh; a `python3`
    /// earlier on the PATH may not), in the workspace, and requires it to succeed; returns what it printed.
    @discardableResult
    func python(_ script: String, _ arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let r = try runProgram("/usr/bin/python3", ["-c", script] + arguments, in: dir)
        try #require(r.status == 0, "\(r)", sourceLocation: sourceLocation)
        return r.stdout
    }
}

/// `followup.csv`'s columns (SPEC 8).
let followUpHeader = "serial,id_type,id_no,name,phone,community_code,community_name,grid_id,address,issue,outcome,issued_on,feedback_on"
/// `health_codes.csv`'s columns (SPEC 9).
let healthCodesHeader = "id_type,id_no,name,phone,colour,from,until,reason,serial"
