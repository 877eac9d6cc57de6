import Foundation
import Testing
import TestSupport

/// Fills in a worklist XLSX as a grid worker would in Excel, with openpyxl: outcomes by serial (`serial=outcome|date|note`,
/// the date a real Excel date `d:2020-02-06`, a typed text `t:2020/2/7` or a bare day number `n:43868`), a column of the
/// worker's own inserted at the front, saved under another name.
let fillWorklist = """
    import sys, datetime, openpyxl
    source, target = sys.argv[1], sys.argv[2]
    wanted = {}
    for arg in sys.argv[3:]:
        serial, value = arg.split("=", 1)
        wanted[serial] = value.split("|")
    book = openpyxl.load_workbook(source)
    sheet = book.worksheets[0]
    header_row, columns = None, {}
    for row in sheet.iter_rows(min_row=1, max_row=10):
        names = {str(c.value).strip(): c.column for c in row if c.value is not None}
        if "通知书编号" in names:
            header_row, columns = row[0].row, names
            break
    assert header_row, "no 通知书编号 header"
    for needed in ("送达结果", "送达日期", "备注"):
        assert needed in columns, "no column " + needed
    found = set()
    for r in range(header_row + 1, sheet.max_row + 1):
        serial = sheet.cell(r, columns["通知书编号"]).value
        if serial not in wanted:
            continue
        found.add(serial)
        outcome, date, note = (wanted[serial] + ["", ""])[:3]
        sheet.cell(r, columns["送达结果"]).value = outcome or None
        cell = sheet.cell(r, columns["送达日期"])
        if date.startswith("d:"):
            cell.value = datetime.datetime.strptime(date[2:], "%Y-%m-%d")
            cell.number_format = "yyyy/m/d"
        elif date.startswith("t:"):
            cell.value = date[2:]
            cell.number_format = "@"
        elif date.startswith("n:"):
            cell.value = int(date[2:])
            cell.number_format = "General"
        sheet.cell(r, columns["备注"]).value = note or None
    assert found == set(wanted), "serials not on the sheet: %s" % (set(wanted) - found)
    sheet.insert_cols(1)
    sheet.cell(header_row, 1).value = "核对人"
    book.save(target)
    """

/// Reads the main sheet of a worklist XLSX as `serial: (送达结果, 送达日期)`, dates as `YYYY-MM-DD`.
let readWorklist = """
    import sys, datetime, openpyxl
    sheet = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
    for row in sheet.iter_rows(min_row=1, max_row=10):
        names = {str(c.value).strip(): c.column for c in row if c.value is not None}
        if "通知书编号" in names:
            header_row = row[0].row
            break
    for r in range(header_row + 1, sheet.max_row + 1):
        serial = sheet.cell(r, names["通知书编号"]).value
        if not serial:
            continue
        outcome = sheet.cell(r, names["送达结果"]).value or ""
        date = sheet.cell(r, names["送达日期"]).value
        if isinstance(date, datetime.datetime):
            date = date.strftime("%Y-%m-%d")
        print("%s %s %s" % (serial, outcome, date or ""))
    """

/// A worklist XLSX as riskscreen wrote it, filled in and saved by Excel (here openpyxl), read back by `feedback`;
/// the next night's worklists carry what was recorded.
@Suite struct FeedbackWorkbookTests {
    @Test func aWorklistFilledInExcelIsReadAndTheNextNightsWorklistIsPreFilled() throws {
        let ws = try Workspace.delivery("feedback-xlsx", render: true)
        let s = try ws.serials()
        let x = Delivered.xixi
        let book = "out/latest/worklists/worklist-\(Community.xixi.code).xlsx"
        try ws.python(fillWorklist, [book, "returned.xlsx",
                                     "\(s[x[0]]!)=已送达|d:2020-02-06|本人签收",
                                     "\(s[x[1]]!)=拒收|t:2020/2/7",
                                     "\(s[x[2]]!)=查无此人|n:43868|敲门无人",
                                     "\(s[x[3]]!)=已离开本地"])
        let r = try ws.recordFeedback(["returned.xlsx"])
        #expect(r.stdout.contains("returned.xlsx: worklist, 4 rows: 4 recorded, 0 blank or 待送达, 0 rejected"), "\(r)")
        #expect(try ws.recordedOutcomes() == [
            "\(s[x[0]]!) delivered 2020-02-06", "\(s[x[1]]!) refused 2020-02-07", "\(s[x[2]]!) not_found 2020-02-07",
            "\(s[x[3]]!) left 2020-02-07",
        ])
        #expect(try ws.sql("SELECT line FROM deliveryOutcome ORDER BY id").allSatisfy { Int($0)! >= 2 })

        let night = try ws.night(asOf: "2020-02-08", extra: [])
        let lines = try ws.python(readWorklist, [night.appendingPathComponent("worklists/worklist-\(Community.xixi.code).xlsx").path])
        #expect(Set(lines.split(separator: "\n").map(String.init)) == [
            "\(s[x[0]]!) 已送达 2020-02-06", "\(s[x[1]]!) 拒收 2020-02-07", "\(s[x[2]]!) 查无此人 2020-02-07", "\(s[x[3]]!) 已离开本地 2020-02-07",
        ])
        let csv = try csvRows(night.appendingPathComponent("worklists/worklist-\(Community.cuiyuan.code).csv"))
        let header = try #require(csv.first)
        let (serial, outcome) = (try #require(header.firstIndex(of: "通知书编号")), try #require(header.firstIndex(of: "送达结果")))
        #expect(csv.dropFirst().filter { s.values.contains($0[serial]) }.map { $0[outcome] } == ["", ""], "nothing recorded: blank")
    }

    /// The demo's returned sheet and scan list (scripts/demo.sh) fed back between its first and second nights: every
    /// outcome recorded, and the follow-up and health codes of the next nights as fixtures/demo/README.md tells them.
    @Test func theDemosReturnedFilesCloseTheLoopOverTwoMoreNights() throws {
        let dir = try freshCopy(ofFixture: "demo")
        func night(_ config: String) throws -> URL {
            let r = try riskscreen(["run", "--config", config, "--out", "out", "--state", "state/s.sqlite", "--no-render"], in: dir)
            try #require(r.status == 0, "\(r)")
            return URL(fileURLWithPath: r.lastLine)
        }
        try night("riskscreen.toml")
        let fed = try riskscreen(["feedback", "--state", "state/s.sqlite", "--date", "2020-02-06",
                                  "returned/worklists-2020-02-06.xlsx", "returned/scans-2020-02-06.csv"], in: dir)
        try #require(fed.status == 0, "\(fed)")
        #expect(fed.stdout.contains("returned/worklists-2020-02-06.xlsx: worklist, 6 rows: 5 recorded, 1 blank or 待送达, 0 rejected"), "\(fed)")
        #expect(fed.stdout.contains("returned/scans-2020-02-06.csv: scan list, 2 rows: 2 recorded"), "\(fed)")
        #expect(fed.stdout.contains("recorded 7 outcomes as of 2020-02-06: delivered 4, refused 1, not found 1, left 1"), "\(fed)")

        let ws = try Workspace("demo-loop")
        func summary(_ folder: URL, _ file: String, _ header: String, _ columns: [String]) throws -> [String] {
            try ws.table(folder.appendingPathComponent(file), header: header).map { row in columns.map { row[$0]! }.joined(separator: " ") }
        }
        let night2 = try night("night2/riskscreen.toml")
        #expect(try summary(night2, "followup.csv", followUpHeader, ["name", "issue", "outcome", "feedback_on"]) == [
            "曹春浩 refused 拒收 2020-02-06", "蒋轩 not_found 查无此人 2020-02-06", "黄雪嘉 left 已离开本地 2020-02-06",
        ])
        #expect(try summary(night2, "health_codes.csv", healthCodesHeader, ["name", "colour", "until"]) == [
            "胡悦芳 yellow 2020-02-07", "张强超 red 2020-02-17", "王英 red 2020-02-16", "赵永冬 green ", "胡文斌 green ",
        ])
        let night3 = try night("night3/riskscreen.toml")
        #expect(try summary(night3, "followup.csv", followUpHeader, ["name", "issue"]) == [
            "蒋轩 not_found", "董俊立 overdue", "黄雪嘉 left", "KIM MINJUN overdue",
        ])
        #expect(try summary(night3, "health_codes.csv", healthCodesHeader, ["name", "colour"]) == ["曹春浩 green", "胡悦芳 green", "张建国 green"])
    }
}
