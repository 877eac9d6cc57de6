import Foundation
import RiskModel
import Testing
import TestSupport
@testable import Emit

/// Worklists: what a grid worker sees in the CSV and what Excel/WPS get in the XLSX.
@Suite struct WorklistTests {
    static let asOf = Day(year: 2020, month: 2, day: 7)!
    static let community = RegionCode(canonicalizing: 330_106_001_001)
    static let otherCommunity = RegionCode(canonicalizing: 330_106_001_002)
    static let wuhan = RegionCode(canonicalizing: 420_103_000_000)

    static func notice(_ serial: String, _ status: NoticeStatus, id: UInt64, name: String, phone: String = "13800138000",
                       community: RegionCode? = WorklistTests.community, grid: String = "", address: String = "",
                       action: Action = .homeQuarantine, level: RiskLevel = .high, lastExposure: Int = 3, days: Int = 14) -> Notice {
        let last = Day(year: 2020, month: 2, day: lastExposure)!
        let measure = Measure(person: PersonKey(cnDigits: id), action: action, level: level, region: wuhan,
                              regionName: "武汉市江汉区", lastExposure: last, until: last + days)
        let assignment = community.map { Assignment(community: $0, communityName: "文新社区", gridID: grid, address: address) }
            ?? .unassigned
        return Notice(serial: serial, status: status, supersedes: nil, measure: measure, name: name, phone: phone, assignment: assignment)
    }

    /// Two households in grid 2 (one of two people), one in grid 10, an outsider, and someone of another community.
    static let notices: [Notice] = [
        notice("2020020700003", .new, id: 33010619800101001, name: "赵六", grid: "10", address: "文新路1号1幢101"),
        notice("2020020700001", .amended, id: 33010619850505002, name: "张三", grid: "2", address: "文新路9号3幢202",
               action: .centralizedQuarantine, lastExposure: 5),
        notice("2020020700002", .continuing, id: 33010619900303003, name: "=HYPERLINK(\"http://x\")", phone: "",
               grid: "2", address: "文新路9号3幢202", action: .healthMonitoring, level: .low, days: 7),
        notice("2020020700004", .new, id: 33010619700707004, name: "李四", grid: "2", address: "文新路10号1幢101"),
        notice("2020020700005", .new, id: 11010119950808005, name: "-王五", phone: "13900000000", community: nil),
        notice("2020020700006", .new, id: 33010619600606006, name: "钱七", community: otherCommunity, grid: "1", address: "x"),
    ]

    static let goldenDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/golden")

    static func scratch() throws -> URL {
        try makeTemporaryDirectory("worklist-tests")
    }

    /// Compares with a golden file; `RECORD_GOLDENS=1` rewrites it and fails, so recording is never silent.
    static func expectGolden(_ bytes: Data, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: goldenDirectory, withIntermediateDirectories: true)
            try bytes.write(to: url)
            Issue.record("recorded \(url.path); rerun without RECORD_GOLDENS to compare", sourceLocation: sourceLocation)
            return
        }
        let expected = try Data(contentsOf: url)
        #expect(bytes == expected, "\(name) differs from the golden file; if the change is intended, rerun with RECORD_GOLDENS=1",
                sourceLocation: sourceLocation)
    }

    /// A member of the XLSX zip, read with `unzip -p`.
    static func member(_ xlsx: URL, _ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["unzip", "-p", xlsx.path, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "unzip -p \(xlsx.path) \(path) failed")
        return String(decoding: data, as: UTF8.self)
    }

    static func csvLines(_ url: URL) throws -> [String] {
        let text = String(decoding: try Data(contentsOf: url).dropFirst(3), as: UTF8.self)
        return text.components(separatedBy: "\r\n").dropLast()
    }

    @Test func communityCSVMatchesGolden() throws {
        let dir = try Self.scratch()
        let csv = dir.appendingPathComponent(Worklist.fileName(community: Self.community, extension: "csv"))
        #expect(csv.lastPathComponent == "worklist-330106001001.csv")
        try Worklist.write(community: Self.community, communityName: "文新社区", asOf: Self.asOf, notices: Self.notices, csv: csv, xlsx: nil)
        try Self.expectGolden(try Data(contentsOf: csv), "worklist-330106001001.csv")
    }

    @Test func unassignedCSVMatchesGolden() throws {
        let dir = try Self.scratch()
        let csv = dir.appendingPathComponent(Worklist.fileName(community: nil, extension: "csv"))
        #expect(csv.lastPathComponent == "unassigned.csv")
        try Worklist.write(community: nil, communityName: "", asOf: Self.asOf, notices: Self.notices, csv: csv, xlsx: nil)
        try Self.expectGolden(try Data(contentsOf: csv), "worklist-unassigned.csv")
    }

    @Test func csvListsHouseholdsTogetherByGridThenAddress() throws {
        let dir = try Self.scratch()
        let csv = dir.appendingPathComponent("w.csv")
        try Worklist.write(community: Self.community, communityName: "文新社区", asOf: Self.asOf, notices: Self.notices, csv: csv, xlsx: nil)
        let lines = try Self.csvLines(csv)
        // Grid 2 before grid 10 (numeric), 10号 after 9号; the two people at 9号3幢202 adjacent (by name within
        // the household: `=` sorts before 张); the other community's person absent.
        let serials = lines.dropFirst().map { $0.split(separator: ",")[2] }
        #expect(serials == ["2020020700002", "2020020700001", "2020020700004", "2020020700003"])
        #expect(!lines.joined().contains("钱七"))
    }

    @Test func csvHasSPEC8ColumnsAndChineseStatusWordsOnly() throws {
        let dir = try Self.scratch()
        let csv = dir.appendingPathComponent("w.csv")
        try Worklist.write(community: Self.community, communityName: "文新社区", asOf: Self.asOf, notices: Self.notices, csv: csv, xlsx: nil)
        let lines = try Self.csvLines(csv)
        #expect(lines[0] == "序号,状态,通知书编号,姓名,证件号码,联系电话,住址,网格,管控措施,截止日期,事由,送达结果,送达日期,备注")
        let statuses = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[1] }
        #expect(Set(statuses) == ["新增", "变更", "延续"])
        #expect(!lines.joined().contains("(new)") && !lines.joined().contains("已签收"))
    }

    @Test func csvNeutralisesFormulasButNotDates() throws {
        let dir = try Self.scratch()
        let csv = dir.appendingPathComponent("w.csv")
        try Worklist.write(community: nil, communityName: "", asOf: Self.asOf, notices: Self.notices, csv: csv, xlsx: nil)
        let lines = try Self.csvLines(csv)
        #expect(lines[1].contains(",'-王五,"))
        #expect(lines[1].contains(",居家隔离,2020-02-17,"))
        let community = dir.appendingPathComponent("c.csv")
        try Worklist.write(community: Self.community, communityName: "文新社区", asOf: Self.asOf, notices: Self.notices, csv: community, xlsx: nil)
        #expect(try Self.csvLines(community).contains { $0.contains(",\"'=HYPERLINK(\"\"http://x\"\")\",") })
    }

    /// 27 #10: lists that go from hand to hand show ID numbers as the notices do, unless the office asks for them whole.
    @Test func idNumbersAreMaskedUnlessTheOfficePrintsThemWhole() throws {
        let dir = try Self.scratch()
        let id = PersonKey(cnDigits: 33010619850505002).idNo
        let masked = dir.appendingPathComponent("m.csv"), whole = dir.appendingPathComponent("w.csv")
        try Worklist.write(community: Self.community, communityName: "文新社区", asOf: Self.asOf, notices: Self.notices, csv: masked,
                           xlsx: dir.appendingPathComponent("m.xlsx"))
        try Worklist.write(community: Self.community, communityName: "文新社区", asOf: Self.asOf, notices: Self.notices,
                           options: Worklist.Options(fullIDs: true), csv: whole, xlsx: nil)
        let maskedText = try Self.csvLines(masked).joined(separator: "\n")
        #expect(!maskedText.contains(id) && maskedText.contains(PersonKey.mask(id)))
        #expect(!(try Self.member(dir.appendingPathComponent("m.xlsx"), "xl/worksheets/sheet1.xml")).contains(id))
        #expect(try Self.csvLines(whole).joined().contains(id))
    }

    /// SPEC 7: a rescinded person stays on the list for the night, marked, with the reason; a released person with a
    /// release notice is listed by the release notice's serial; a measure ending today is marked.
    @Test func rescindedReleasedAndEndingTodayAreMarked() throws {
        let dir = try Self.scratch()
        let csv = dir.appendingPathComponent("w.csv")
        let gone = Self.notice("2020020600009", .continuing, id: 33010619800101009, name: "周九", grid: "2", address: "文新路3号")
        let rescinded = Rescission(of: gone, causes: .regions)
        let ended = Self.notice("2020020100008", .continuing, id: 33010619800101008, name: "吴八", grid: "3", address: "文新路4号", lastExposure: 1, days: 5)
        let release = Release(ended: ended, lastPrinted: ended.serial, releaseSerial: "2020020700010")
        let unprinted = Release(ended: Self.notice("2020020600011", .new, id: 33010619800101011, name: "郑十一", grid: "3", address: "x"),
                                lastPrinted: nil, releaseSerial: nil)
        let today = Self.notice("2020020700012", .new, id: 33010619800101012, name: "王十二", grid: "3", address: "y", lastExposure: 5, days: 2)
        try Worklist.write(community: Self.community, communityName: "文新社区", asOf: Self.asOf, notices: Self.notices + [today],
                           rescissions: [rescinded], releases: [release, unprinted], csv: csv, xlsx: nil)
        let rows = try Self.csvLines(csv).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let byName = Dictionary(rows.dropFirst().map { ($0[3], $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byName["周九"]?[1] == "撤销" && byName["周九"]?[2] == "2020020600009")
        #expect(byName["周九"]?[10].contains("因风险地区名单调整") == true)
        #expect(byName["吴八"]?[1] == "解除" && byName["吴八"]?[2] == "2020020700010")
        #expect(byName["郑十一"] == nil, "a release without a printed notice is only in released.csv")
        #expect(byName["王十二"]?[1] == "新增 今日期满")
        #expect(byName["王十二"]?[10].contains("不印发通知书") == true)
    }

    @Test func recordedOutcomesArePrefilled() throws {
        let dir = try Self.scratch()
        let csv = dir.appendingPathComponent("w.csv")
        let options = Worklist.Options(deliveries: ["2020020700001": RecordedDelivery(outcome: .refused, date: Self.asOf)])
        try Worklist.write(community: Self.community, communityName: "文新社区", asOf: Self.asOf, notices: Self.notices, options: options,
                           csv: csv, xlsx: nil)
        let line = try #require(try Self.csvLines(csv).first { $0.contains("2020020700001") })
        #expect(line.hasSuffix(",拒收,2020-02-07,"))
    }

    @Test func checkDaysRunFromAsOfToLatestUntilAndMarkDaysOutsideThePeriod() throws {
        let sheet = Worklist.Sheet(community: Self.community, communityName: "文新社区", asOf: Self.asOf,
                                   entries: Self.notices.filter { $0.assignment.community == Self.community }.map(Worklist.Entry.measure),
                                   options: Worklist.Options())
        // Latest until: 2/5 + 14 = 2/19, so 2/7 … 2/19, on the second sheet after 序号, 姓名, 网格, 截止日期.
        #expect(sheet.checkColumns.map(\.header) == ["序号", "姓名", "网格", "截止日期"] + (7...19).map { "2/\($0)" })
        // The health-monitoring person (2/3 + 7 = until 2/10) has 2/7..2/10 to fill and `/` after.
        let monitored = try #require(sheet.checkRows.first { $0.cells[1] == .text("=HYPERLINK(\"http://x\")") })
        #expect(Array(monitored.cells.dropFirst(4)) == Array(repeating: .blank, count: 4) + Array(repeating: .notApplicable, count: 9))
        // The number links a check row to its row on the worklist.
        #expect(monitored.cells[0] == .text("1"))
    }

    @Test func checkDaysAreCappedAtThreeWeeks() {
        let long = Self.notice("1", .new, id: 33010619800101001, name: "甲", lastExposure: 6, days: 60)
        #expect(Worklist.Sheet.checkDays(asOf: Self.asOf, notices: [long]).count == Worklist.maxCheckDays)
        #expect(Worklist.Sheet.checkDays(asOf: Self.asOf, notices: []).isEmpty)
    }

    @Test func xlsxKeepsIDsAsTextAndIsPrintReady() throws {
        let dir = try Self.scratch()
        let xlsx = dir.appendingPathComponent("w.xlsx")
        try Worklist.write(community: Self.community, communityName: "文新社区 & 周边", asOf: Self.asOf, notices: Self.notices,
                           options: Worklist.Options(fullIDs: true), csv: dir.appendingPathComponent("w.csv"), xlsx: xlsx)
        let sheet = try Self.member(xlsx, "xl/worksheets/sheet1.xml")
        let checks = try Self.member(xlsx, "xl/worksheets/sheet2.xml")
        let styles = try Self.member(xlsx, "xl/styles.xml")
        let workbook = try Self.member(xlsx, "xl/workbook.xml")

        // Constant-memory mode writes strings inline. The ID is a string cell with all 18 digits
        // (a number would keep 15), and so is the phone.
        let id = PersonKey(cnDigits: 33010619850505002).idNo
        #expect(id.count == 18)
        #expect(sheet.range(of: #"<c r="E3" s="\d+" t="inlineStr"><is><t>"# + id + "</t>", options: .regularExpression) != nil)
        #expect(sheet.range(of: #"<c r="F3" s="\d+" t="inlineStr"><is><t>13800138000</t>"#, options: .regularExpression) != nil)
        #expect(!sheet.contains("<v>\(id)</v>"))
        #expect(sheet.contains("<t>证件号码</t>") && sheet.contains("<t>通知书编号</t>"))
        #expect(styles.contains("<b/>"))
        #expect(styles.contains(#"formatCode="@""#) || styles.contains(#"numFmtId="49""#))
        #expect(styles.contains(#"wrapText="1""#), "cells wrap instead of being cut")
        #expect(sheet.contains(#"state="frozen""#))
        #expect(sheet.contains("<autoFilter ref=\"A1:"))
        #expect(sheet.contains(#"<pageSetup paperSize="9""#) && sheet.contains(#"orientation="landscape""#))
        #expect(sheet.contains(#"fitToHeight="0""#))
        #expect(sheet.contains(#"<pageSetUpPr fitToPage="1"/>"#))
        // Every data row has its height set: the spreadsheets keep a file's heights, and a default one cuts wrapped text.
        #expect(sheet.components(separatedBy: #"customHeight="1""#).count - 1 == 1 + 4)
        #expect(workbook.contains(#"name="_xlnm.Print_Titles""#))
        #expect(sheet.contains("<oddHeader>&amp;C&amp;12文新社区 &amp;&amp; 周边 管控人员工作清单（截至2020年2月7日）</oddHeader>"))
        // SPEC 8's drop-down of outcomes on 送达结果 (column L), and the daily checks on a sheet of their own.
        #expect(sheet.contains(#"<dataValidation type="list""#) && sheet.contains(#"sqref="L2:L5""#))
        #expect(sheet.contains("<formula1>\"已送达,拒收,查无此人,已离开本地,待送达\"</formula1>"))
        #expect(workbook.contains(#"name="每日健康监测""#))
        #expect(checks.contains("<t>2/19</t>") && !sheet.contains("<t>2/19</t>"))
    }

    @Test func xlsxBandsHouseholdsWithAlternatingFill() throws {
        let dir = try Self.scratch()
        let xlsx = dir.appendingPathComponent("w.xlsx")
        try Worklist.write(community: Self.community, communityName: "文新社区", asOf: Self.asOf, notices: Self.notices,
                           csv: dir.appendingPathComponent("w.csv"), xlsx: xlsx)
        let sheet = try Self.member(xlsx, "xl/worksheets/sheet1.xml")
        func style(_ cell: String) throws -> String {
            let range = try #require(sheet.range(of: "<c r=\"\(cell)\" s=\"[0-9]+\"", options: .regularExpression))
            return String(sheet[range]).components(separatedBy: "s=\"")[1].dropLast().description
        }
        // Rows 2 and 3 are one household, rows 4 and 5 each their own.
        #expect(try style("A2") == style("A3"))
        #expect(try style("A3") != style("A4"))
        #expect(try style("A4") != style("A5"))
        #expect(try style("A2") == style("A5"))
    }

    @Test func xlsxIsByteIdenticalAcrossRuns() async throws {
        let dir = try Self.scratch()
        let first = dir.appendingPathComponent("a.xlsx"), second = dir.appendingPathComponent("b.xlsx")
        try Worklist.write(community: nil, communityName: "", asOf: Self.asOf, notices: Self.notices,
                           csv: dir.appendingPathComponent("a.csv"), xlsx: first)
        // Zip timestamps have a 2-second resolution: a clock leaking into the file would show after this.
        try await Task.sleep(for: .milliseconds(2100))
        try Worklist.write(community: nil, communityName: "", asOf: Self.asOf, notices: Self.notices,
                           csv: dir.appendingPathComponent("b.csv"), xlsx: second)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
        #expect(try Self.member(first, "docProps/core.xml").contains("2020-02-06T16:00:00Z"))
    }

    @Test func unwritableXLSXThrowsAnErrorNamingTheFile() throws {
        let dir = try Self.scratch()
        let xlsx = dir.appendingPathComponent("missing/w.xlsx")
        #expect {
            try Worklist.write(community: Self.community, communityName: "文新社区", asOf: Self.asOf, notices: Self.notices,
                               csv: dir.appendingPathComponent("w.csv"), xlsx: xlsx)
        } throws: { error in
            guard let error = error as? WorklistError, case let .xlsx(file, _, _) = error else { return false }
            return file == xlsx.path && error.description.contains("missing/w.xlsx")
        }
    }

    @Test func writeAllWritesEveryCommunityAndTheUnassignedList() throws {
        let dir = try Self.scratch()
        let files = try Worklist.writeAll(notices: Self.notices, asOf: Self.asOf, directory: dir, xlsx: true)
        #expect(files.map(\.lastPathComponent) == [
            "worklist-330106001001.csv", "worklist-330106001001.xlsx",
            "worklist-330106001002.csv", "worklist-330106001002.xlsx",
            "unassigned.csv", "unassigned.xlsx",
        ])
        #expect(try Self.csvLines(dir.appendingPathComponent("worklist-330106001002.csv")).count == 2)
    }
}
