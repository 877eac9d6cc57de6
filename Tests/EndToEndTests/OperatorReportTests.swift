import Foundation
import Testing
import TestSupport

/// Headless Chromium (Debian package `chromium`, installed by scripts/deps.sh); a missing browser fails the tests, it does not skip them.
private let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite("Operator: report.html in a real browser", .tags(.browser))
struct OperatorReportTests {
    /// Two committed runs, so the report has changes against a previous run; returns the second run folder.
    private func twoRuns() throws -> (dir: URL, folder: URL) {
        let dir = try makeTemporaryDirectory("report")
        let made = try riskscreen(["generate", "--residents", "600", "--stays", "3000", "--bad-rows", "0.01", "--seed", "5", "--out", "in"], in: dir)
        try #require(made.status == 0, "\(made)")
        let common = ["--policy", "in/policy.toml", "--regions", "in/regions.csv", "--out", "out", "--state", "state/s.sqlite",
                      "--max-reject-rate", "0.2", "--no-render"]
        let first = try riskscreen(["run", "--as-of", "2020-02-06", "--residents", "in/residents.csv", "--travel", "in/travel_rail.csv",
                                    "--travel", "in/travel_telecom.csv"] + common, in: dir)
        try #require(first.status == 0, "\(first)")
        let second = try riskscreen(["run", "--as-of", "2020-02-08", "--travel", "in/travel_checkpoint.csv"] + common, in: dir)
        try #require(second.status == 0, "\(second)")
        return (dir, URL(fileURLWithPath: second.lastLine))
    }

    @Test("the browser shows one bar per community, the ending-day chart, masked rejects, and a non-blank page")
    func rendersInChromium() throws {
        let (dir, folder) = try twoRuns()
        let report = folder.appendingPathComponent("report.html")
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(!html.contains("<script"), "no scripts")
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"), "no network")
        #expect(!html.contains("https://"), "no network")
        let manifest = try String(contentsOf: folder.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"report.html\""), "listed in the manifest's files")

        // Communities as measures.csv has them (column 7 = community_code; empty = unassigned).
        let rows = try csvLines(folder.appendingPathComponent("measures.csv")).dropFirst()
        let communities = Set(rows.map { $0.split(separator: ",", omittingEmptySubsequences: false)[6] })
        try #require(communities.count > 1, "the fixture must spread measures over several communities")

        let dom = try runProgram(chromium ?? "", ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", report.absoluteString], in: dir)
        try #require(dom.status == 0, "\(dom)")
        let bars = dom.stdout.matches(of: /<g class="bar" data-community="([0-9]*)"/).map { Substring($0.output.1) }
        #expect(bars.count == communities.count, "one bar per community: \(bars) vs \(communities)")
        #expect(Set(bars) == communities)
        #expect(dom.stdout.contains("id=\"ending-chart\""), "the ending-day chart is there")
        #expect(dom.stdout.contains("新增") && dom.stdout.contains("延续") && dom.stdout.contains("集中隔离"), "Chinese labels")
        #expect(dom.stdout.contains("对比：运行 1（筛查日期 2020-02-06）"), "changes are against the previous committed run")
        #expect(fullIDs(in: dom.stdout).isEmpty, "no full ID numbers")

        let png = dir.appendingPathComponent("report.png")
        let shot = try runProgram(chromium ?? "", ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                                   "--screenshot=\(png.path)", "--window-size=1200,2000", report.absoluteString], in: dir)
        try #require(shot.status == 0, "\(shot)")
        let data = try Data(contentsOf: png)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        // A blank white 1200×2000 page compresses to a few kB; text, tables and coloured bars do not.
        #expect(data.count > 40_000, "the screenshot is not blank (\(data.count) bytes)")
    }

    @Test("the report's measures table and ending-day chart count what measures.csv holds")
    func countsAgreeWithMeasures() throws {
        let (_, folder) = try twoRuns()
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        let table = try csvRows(folder.appendingPathComponent("measures.csv"))
        let header = try #require(table.first)
        let (status, action, until) = try (#require(header.firstIndex(of: "status")), #require(header.firstIndex(of: "action")),
                                           #require(header.firstIndex(of: "until")))
        try #require(table.dropFirst().allSatisfy { $0.count == header.count }, "every row of measures.csv has the header's columns")
        let rows = table.dropFirst().map { (status: $0[status], action: $0[action], until: $0[until]) }
        try #require(Set(rows.map(\.status)).count > 1 && Set(rows.map(\.action)).count > 1, "the fixture must have several statuses and actions")
        func number(_ text: Substring) -> Int { Int(text.filter { $0 != "," }) ?? -1 }

        let statuses = ["new", "amended", "continuing"]  // the table's column order
        for (label, action) in [("集中隔离", "centralized_quarantine"), ("居家隔离", "home_quarantine"), ("健康监测", "health_monitoring")] {
            let cells = try #require(html.firstMatch(of: try Regex("<tr><th>\(label)</th>((?:<td class=\"n[^\"]*\">[0-9,]+</td>)+)</tr>")), "\(label) row")
            let counts = (cells.output[1].substring ?? "").matches(of: />([0-9,]+)</).map { number($0.output.1) }
            let expected = statuses.map { s in rows.filter { $0.action == action && $0.status == s }.count }
            #expect(counts == expected + [rows.filter { $0.action == action }.count], "\(label)")
        }
        let days = html.matches(of: /<g class="day" data-day="([0-9-]+)" data-measures="([0-9]+)">/)
        try #require(!days.isEmpty, "the ending-day chart has days")
        for day in days {
            #expect(number(day.output.2) == rows.filter { $0.until == day.output.1 }.count, "\(day.output.1)")
        }
        #expect(days.map { number($0.output.2) }.reduce(0, +) == rows.filter { $0.until >= "2020-02-08" }.count, "every measure in force ends on a charted day")
    }

    @Test("rerunning a preview gives the same report apart from the timings")
    func deterministic() throws {
        let (dir, _) = try twoRuns()
        var reports: [String] = []
        for _ in 0..<2 {
            let r = try riskscreen(["run", "--as-of", "2020-02-08", "--policy", "in/policy.toml", "--regions", "in/regions.csv",
                                    "--out", "out", "--state", "state/s.sqlite", "--no-render", "--dry-run"], in: dir)
            try #require(r.status == 0, "\(r)")
            let html = try String(contentsOf: URL(fileURLWithPath: r.lastLine).appendingPathComponent("report.html"), encoding: .utf8)
            reports.append(String(html[..<(html.range(of: "<footer id=\"timings\">")?.lowerBound ?? html.endIndex)]))
        }
        // Preview run numbers are the same (nothing was committed in between), so the bytes must be too.
        #expect(reports[0] == reports[1])
    }
}
