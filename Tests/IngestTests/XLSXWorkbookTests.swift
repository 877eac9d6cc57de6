import Foundation
import RiskModel
import Testing
import TestSupport
@testable import Ingest

/// A row copied out of an `XLSXRow` so tests can compare it after the pass.
struct SheetRow: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [String]
    var kinds: [XLSXCellKind]
    var problem: XLSXRowProblem?

    var description: String { "\(line): \(fields) \(kinds) \(problem.map { "\($0)" } ?? "")" }
}

func xlsxFixture(_ name: String) -> String { fixtures.appendingPathComponent("xlsx/\(name)").path }

/// Reads a sheet of a fixture (or any path) into `SheetRow`s.
func readSheet(
    _ path: String, sheet: String? = nil, limits: XLSXLimits = XLSXLimits(), limit: Int = .max
) throws -> (stats: XLSXSheetStats, rows: [SheetRow]) {
    let book = try XLSXWorkbook(path: path, limits: limits)
    var rows: [SheetRow] = []
    let stats = try book.forEachRow(sheet: sheet, limit: limit) { row in
        rows.append(SheetRow(line: row.line, fields: (0..<row.fieldCount).map { row.string($0) },
                             kinds: (0..<row.fieldCount).map { row.kind($0) }, problem: row.problem))
    }
    return (stats, rows)
}

private let t = XLSXCellKind.text, n = XLSXCellKind.number, d = XLSXCellKind.date
private let b = XLSXCellKind.boolean, e = XLSXCellKind.error, empty = XLSXCellKind.empty

@Suite struct XLSXWriterOutputTests {
    /// libxlsxwriter's two ways of writing a worklist: shared strings (as Excel and WPS re-save it) and
    /// constant_memory's inline strings (as riskscreen writes it); both read the same.
    @Test(arguments: ["libxlsxwriter_shared.xlsx", "libxlsxwriter_inline.xlsx"])
    func libxlsxwriterWorklist(_ name: String) throws {
        let (stats, rows) = try readSheet(xlsxFixture(name))
        #expect(rows.map(\.line) == [1, 2, 3, 5, 7])
        #expect(rows[0] == SheetRow(line: 1, fields: ["通知书编号", "姓名", "身份证号", "手机号", "送达结果", "送达日期", "备注"],
                                    kinds: Array(repeating: t, count: 7)))
        // The styled blank G2 ends the row early: a row stops at its last cell with a value.
        #expect(rows[1] == SheetRow(line: 2, fields: ["TZ-2020-000001", "王小明", "330106********1234", "13800138000", "已送达", "2020-02-03"],
                                    kinds: [t, t, t, t, t, d]))
        // Built-in 14 and the Chinese-locale built-ins 31 and 58 are dates; a currency format is not.
        #expect(rows[2] == SheetRow(line: 3, fields: ["TZ-2020-000002", "李四", "2020-02-03", "13800138000", "2020-02-04",
                                                      "2020-02-05 18:00:00", "1234.5"],
                                    kinds: [t, t, d, n, d, d, n]))
        #expect(rows[3] == SheetRow(line: 5, fields: ["TZ-2020-000003", "2", "TRUE", "FALSE", "第一行\n第二行", "a\rb"],
                                    kinds: [t, n, b, b, t, t]))
        #expect(rows[4] == SheetRow(line: 7, fields: Array(repeating: "", count: 9) + ["远处"],
                                    kinds: Array(repeating: empty, count: 9) + [t]))
        #expect(stats == XLSXSheetStats(sheet: "工作清单", rows: 7, records: 5, blankRows: 2))
    }

    @Test func openpyxlValuesAndKinds() throws {
        let (stats, rows) = try readSheet(xlsxFixture("openpyxl.xlsx"))
        #expect(rows.map(\.line) == [1, 2, 3, 5, 6, 7])
        #expect(rows[0].fields == ["id_no", "name", "phone", "date", "amount", "flag", "error", "formula", "note"])
        // A formula openpyxl wrote without a cached value is empty; spaces kept with xml:space="preserve".
        #expect(rows[1] == SheetRow(line: 2, fields: ["330106199001011234", "张三", "13800138000", "2020-02-03", "12.5", "TRUE", "#N/A", "", "  spaced  "],
                                    kinds: [t, t, n, d, n, b, e, empty, t]))
        // The ID Excel turned into a number: its kind says so, and the digits past the 15th are gone.
        #expect(rows[2] == SheetRow(line: 3, fields: ["330183199001011000", "李四", "13800138000", "2020-02-03 08:30:00", "0.1", "FALSE", "#DIV/0!"],
                                    kinds: [n, t, n, d, n, b, e]))
        #expect(rows[3] == SheetRow(line: 5, fields: ["左", "", "", "右"], kinds: [t, empty, empty, t]))
        // Serial 60 is Excel's 1900-02-29; 0 its 1900-01-00; negative and past-9999 serials are numbers.
        #expect(rows[4] == SheetRow(line: 6, fields: ["1900-02-29", "1900-03-01", "1900-02-28", "1900-01-01", "1900-01-00",
                                                      "1900-01-00 12:00:00", "2020-02-03", "2020-02-03", "-1", "3000000"],
                                    kinds: [d, d, d, d, d, d, d, d, n, n]))
        // Integers as typed, other numbers as stored; a quoted "d" in a format is not a date token.
        #expect(rows[5] == SheetRow(line: 7, fields: ["-5", "0.0015", "100", "100000000000000000000", "123456789012345700",
                                                      "3", "2.5", "12345", "43864", "0.25"],
                                    kinds: Array(repeating: n, count: 10)))
        #expect(stats == XLSXSheetStats(sheet: "数据", rows: 7, records: 6, blankRows: 1))
    }

    @Test func date1904System() throws {
        let book = try XLSXWorkbook(path: xlsxFixture("openpyxl_1904.xlsx"))
        #expect(book.date1904)
        let (_, rows) = try readSheet(xlsxFixture("openpyxl_1904.xlsx"))
        #expect(rows[1] == SheetRow(line: 2, fields: ["2020-02-03", "1904-01-01"], kinds: [d, d]))
    }

    @Test func isoDateCells() throws {
        let (_, rows) = try readSheet(xlsxFixture("openpyxl_iso_dates.xlsx"))
        #expect(rows[1] == SheetRow(line: 2, fields: ["2020-02-03", "2020-02-03 08:30:00"], kinds: [d, d]))
    }

    @Test func richTextPhoneticRunsEntitiesAndEscapes() throws {
        let (_, rows) = try readSheet(xlsxFixture("escapes.xlsx"))
        #expect(rows[0].fields[0] == "東京 ")
        #expect(rows[0].fields[1] == " R&D <1> 中\r\n _x000D_ 😀 _x41_ ")
        #expect(rows[0].kinds[0...1] == [t, t])
    }

    @Test func rowsAndCellsWithoutReferences() throws {
        let expected = [["a", "b", "c"], ["1", "2", "3"], ["x", "", "z"]]
        let (_, plain) = try readSheet(xlsxFixture("plain.xlsx"))
        let (_, stripped) = try readSheet(xlsxFixture("no_r.xlsx"))
        #expect(plain.prefix(3).map(\.fields) == expected)
        #expect(stripped.prefix(3).map(\.fields) == expected)
        #expect(stripped.map(\.line) == [1, 2, 3, 4])
        #expect(stripped.map(\.kinds) == plain.map(\.kinds))
    }

    @Test func strictNamespaceAndUndeclaredPrefixes() throws {
        let (_, plain) = try readSheet(xlsxFixture("plain.xlsx"))
        let (_, strict) = try readSheet(xlsxFixture("strict_namespaces.xlsx"))
        #expect(strict == plain)
    }

    @Test func longCellIsCutAtACharacterBoundaryAndMarked() throws {
        let (_, rows) = try readSheet(xlsxFixture("plain.xlsx"))
        #expect(rows[3].problem == .fieldTooLong(column: 0, limit: 4096))
        #expect(rows[3].fields[0] == String(repeating: "长", count: 1365))
        #expect(rows[3].fields[1] == "short")
        #expect(rows.prefix(3).allSatisfy { $0.problem == nil })
        let (_, tight) = try readSheet(xlsxFixture("plain.xlsx"), limits: XLSXLimits(maxFieldBytes: 4))
        #expect(tight[3].problem == .fieldTooLong(column: 0, limit: 4))
        #expect(tight[3].fields == ["长", "shor"])
    }

    @Test func rawRendersTheRowAsACSVRecord() throws {
        let book = try XLSXWorkbook(path: xlsxFixture("libxlsxwriter_shared.xlsx"))
        var raw: [Int: String] = [:]
        try book.forEachRow { raw[$0.line] = $0.raw }
        #expect(raw[5] == "TZ-2020-000003,2,TRUE,FALSE,\"第一行\n第二行\",\"a\rb\"")
        #expect(raw[7] == ",,,,,,,,,远处")
    }
}

@Suite struct XLSXSheetTests {
    @Test func firstSheetIsFoundThroughTheRelationshipsNotThePartName() throws {
        let book = try XLSXWorkbook(path: xlsxFixture("sheet_parts_swapped.xlsx"))
        #expect(book.sheetNames == ["数据", "第二页"])
        #expect(try book.sheet().part == "xl/worksheets/sheet2.xml")
        let (stats, rows) = try readSheet(xlsxFixture("sheet_parts_swapped.xlsx"))
        #expect(stats.sheet == "数据")
        #expect(rows[0].fields.first == "id_no")
    }

    @Test func secondSheetByName() throws {
        let (stats, rows) = try readSheet(xlsxFixture("openpyxl.xlsx"), sheet: "第二页")
        #expect(stats.sheet == "第二页")
        #expect(rows == [SheetRow(line: 1, fields: ["名称", "代码"], kinds: [t, t]),
                         SheetRow(line: 2, fields: ["西湖区", "330106"], kinds: [t, t])])
    }

    @Test func defaultSkipsChartAndHiddenSheets() throws {
        let book = try XLSXWorkbook(path: xlsxFixture("tabs.xlsx"))
        #expect(book.sheetNames == ["图表", "隐藏", "名单"])
        #expect(book.sheets.map(\.isWorksheet) == [false, true, true])
        #expect(book.sheets.map(\.isHidden) == [false, true, false])
        #expect(try readSheet(xlsxFixture("tabs.xlsx")).rows.map(\.fields) == [["shown"]])
        #expect(try readSheet(xlsxFixture("tabs.xlsx"), sheet: "隐藏").rows.map(\.fields) == [["hidden"]])
        #expect(throws: XLSXError.notAWorksheet(file: xlsxFixture("tabs.xlsx"), sheet: "图表")) {
            try book.sheet(named: "图表")
        }
    }

    @Test func sheetNamesMatchExactlyThenIgnoringCase() throws {
        let book = try XLSXWorkbook(path: xlsxFixture("plain.xlsx"))
        #expect(try book.sheet(named: "sheet").name == "Sheet")
    }

    @Test func missingSheetListsTheSheets() throws {
        let path = xlsxFixture("openpyxl.xlsx")
        let book = try XLSXWorkbook(path: path)
        let error = XLSXError.noSuchSheet(file: path, sheet: "名单", sheets: ["数据", "第二页"])
        #expect(throws: error) { try book.forEachRow(sheet: "名单") { _ in } }
        #expect(error.description == "\(path): no sheet named \"名单\" (sheets: \"数据\", \"第二页\"); name one of them in the config")
    }

    @Test func limitStopsAfterThatManyRows() throws {
        let (stats, rows) = try readSheet(xlsxFixture("openpyxl.xlsx"), limit: 1)
        #expect(rows.map(\.line) == [1])
        #expect(stats.records == 1)
    }

    @Test func errorFromTheBodyEndsThePass() throws {
        struct Enough: Error, Equatable {}
        let book = try XLSXWorkbook(path: xlsxFixture("openpyxl.xlsx"))
        var lines: [Int] = []
        #expect(throws: Enough()) {
            try book.forEachRow { row in
                lines.append(row.line)
                if row.line == 2 { throw Enough() }
            }
        }
        #expect(lines == [1, 2])
        // The workbook stays usable: shared parts are kept, a new pass starts from the top.
        #expect(try book.forEachRow { _ in }.records == 6)
    }

    @Test func sha256IsTheWholeFiles() throws {
        let path = xlsxFixture("openpyxl.xlsx")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(try XLSXWorkbook(path: path).sha256() == SHA256Hasher.hash(bytes))
    }
}

@Suite struct XLSXErrorTests {
    static let notWorkbooks: [(name: String, bytes: [UInt8], content: XLSXError.Content)] = [
        ("empty.xlsx", [], .empty),
        ("page.xlsx", Array("\u{FEFF}  <html><table><tr><td>1</td></tr></table></html>".utf8), .markup),
        ("report.xlsx", Array("%PDF-1.4\n%âãÏÓ\n".utf8), .pdf),
        ("gbk.xlsx", [0xC9, 0xED, 0xB7, 0xDD, 0xD6, 0xA4, 0xBA, 0xC5, 0x2C, 0x31, 0x0A], .text),
        ("junk.xlsx", [0x00, 0xFF, 0x13, 0x37, 0x00, 0x01, 0x80, 0x81], .unknownBinary),
    ]

    @Test(arguments: notWorkbooks.indices)
    func filesThatAreNotZipArchivesAreNamed(_ i: Int) throws {
        let (name, bytes, content) = Self.notWorkbooks[i]
        let path = try writeFile(bytes, name: name)
        #expect(throws: XLSXError.notAWorkbook(file: path, content: content)) { try XLSXWorkbook(path: path) }
    }

    @Test(arguments: [
        ("renamed_csv.xlsx", XLSXError.Content.text), ("no_workbook.xlsx", .otherZip), ("opendocument.xlsx", .openDocument),
    ])
    func fixturesThatAreNotWorkbooks(_ name: String, _ content: XLSXError.Content) throws {
        let path = xlsxFixture(name)
        #expect(throws: XLSXError.notAWorkbook(file: path, content: content)) { try XLSXWorkbook(path: path) }
    }

    @Test(arguments: ["legacy.xls", "encrypted.xlsx"])
    func oleFilesAskForAnXLSXWithoutPassword(_ name: String) throws {
        let path = xlsxFixture(name)
        let error = XLSXError.legacyOrEncrypted(file: path)
        #expect(throws: error) { try XLSXWorkbook(path: path) }
        #expect(error.description.hasPrefix(path + ": "))
        #expect(error.description.contains("save it as .xlsx without a password"))
    }

    @Test func missingFile() throws {
        let path = try makeTemporaryDirectory("xlsx").appendingPathComponent("absent.xlsx").path
        #expect(throws: XLSXError.unreadable(file: path, reason: SystemText.noSuchFile())) { try XLSXWorkbook(path: path) }
    }

    @Test func truncatedZip() throws {
        let path = xlsxFixture("truncated.xlsx")
        #expect(throws: XLSXError.damaged(file: path, part: nil,
                                          reason: WorkbookText.cutShort())) {
            try XLSXWorkbook(path: path)
        }
    }

    /// Damage inside a readable archive shows when the sheet is read, naming the part and what is wrong.
    @Test(arguments: [
        ("bad_crc.xlsx", "its checksum does not match (CRC-32)"),
        ("bad_deflate.xlsx", "its compressed data is corrupt"),
        ("malformed.xlsx", "line 1: Opening and ending tag mismatch"),
        ("doctype.xlsx", "a document type declaration, which workbooks never have"),
        ("bad_shared_index.xlsx", "cell B2 refers to shared string 999, but the workbook has 17"),
        ("rows_backwards.xlsx", "row 1 comes after row 2"),
        // A deflate stream that runs on past its entry, which ZIPFoundation 0.9.20 would follow to the end of the
        // file and spin there: stopped by the size its entry declares, or else by what it inflates to.
        ("runaway_deflate.xlsx", "it holds more data than its ZIP entry says"),
        ("runaway_deflate_big.xlsx", "line 1: PCDATA invalid Char value"),
    ])
    func damagedSheets(_ name: String, _ reason: String) throws {
        let path = xlsxFixture(name)
        let book = try XLSXWorkbook(path: path)
        do {
            try book.forEachRow { _ in }
            Issue.record("\(name) read without error")
        } catch let error as XLSXError {
            guard case let .damaged(file, part, found) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(file == path)
            #expect(part == "xl/worksheets/sheet1.xml")
            #expect(found.text(in: .english).hasPrefix(reason), "\(found)")
            #expect(error.description.hasSuffix("; open it in Excel or WPS and save it again, or export it again"))
        }
    }

    @Test func limitsMakeErrorsNotMemory() throws {
        let shared = xlsxFixture("libxlsxwriter_shared.xlsx")
        #expect(throws: XLSXError.tooLarge(file: shared, part: "xl/worksheets/sheet1.xml", what: WorkbookText.sheetBytes(), limit: 100)) {
            try readSheet(shared, limits: XLSXLimits(maxSheetBytes: 100))
        }
        #expect(throws: XLSXError.tooLarge(file: shared, part: "xl/sharedStrings.xml", what: WorkbookText.sharedStringBytes(), limit: 200)) {
            try readSheet(shared, limits: XLSXLimits(maxSharedStringBytes: 200))
        }
        #expect(throws: XLSXError.tooLarge(file: shared, part: "xl/worksheets/sheet1.xml",
                                           what: WorkbookText.columnsInRow(["row": 7, "column": "J"]), limit: 9)) {
            try readSheet(shared, limits: XLSXLimits(maxColumns: 9))
        }
        #expect(throws: XLSXError.tooLarge(file: shared, part: "_rels/.rels", what: WorkbookText.structureBytes(), limit: 100)) {
            try readSheet(shared, limits: XLSXLimits(maxPartBytes: 100))
        }
    }

    @Test func descriptionsNameTheFileAndHoldNoControlCharacters() {
        let errors: [XLSXError] = [
            .notAWorkbook(file: "a.xlsx", content: .text), .legacyOrEncrypted(file: "a.xlsx"),
            .damaged(file: "a.xlsx", part: "xl/\u{1}\u{7F}bad.xml", reason: SystemText.other(["reason": "x"])),
            .noSuchSheet(file: "a.xlsx", sheet: "名\u{0}单", sheets: ["a\u{1B}[31m"]),
        ]
        for error in errors {
            #expect(error.description.hasPrefix("a.xlsx: "))
            #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(error)")
        }
    }
}
