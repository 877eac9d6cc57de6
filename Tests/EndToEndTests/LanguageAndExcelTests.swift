import Foundation
import Testing
import TestSupport

/// The locales the office's machines have: a Chinese desktop, and cron's bare environment (SPEC 11).
let chineseLocale = ["LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""]
let plainLocale = ["LANG": "C", "LC_ALL": "", "LC_MESSAGES": ""]

/// A travel feed with Chinese headers and four faults (SPEC 1.1): a wrong check character, a day that does not
/// exist, leaving before arriving, a five-digit region code; the first row is good (a loose date form).
let badTravelFeed = """
    记录编号,来源,身份证号,姓名,区划代码,到达日期,离开日期
    t1,rail,330106198001010013,王芳,420102,2020/2/1,2020-02-02
    t2,rail,330106198001010014,李四,420102,2020-02-01,2020-02-02
    t3,rail,330106198001010021,张三,420102,2020-02-30,2020-03-01
    t4,rail,330106198001010021,张三,330302,2020年2月3日,2020年2月1日
    t5,rail,330106198001010021,张三,33030,2020-02-01,

    """

/// SPEC 11 through the binary: the language chosen, reject codes, XLSX feeds and the IDs Excel damages.
@Suite struct LanguageAndExcelTests {
    func checkBadFeed(_ extra: [String], environment: [String: String]) throws -> CommandResult {
        let ws = try Workspace("lang-check")
        try ws.write("bad.csv", badTravelFeed)
        return try riskscreen(["check", "--policy", "policy.toml", "--regions", "regions.csv", "--travel", "bad.csv"] + extra,
                              in: ws.dir, environment: environment)
    }

    @Test func checkOnABadFeedSpeaksEnglishUnderAPlainLocale() throws {
        let r = try checkBadFeed([], environment: plainLocale)
        #expect(r.status == 2, "\(r)")
        for line in ["bad.csv (travel, utf-8): 5 read, 1 accepted, 4 rejected, 0 duplicates",
                     "bad.csv:3: 身份证号: check character is 4, expected 3 [id_check_character]",
                     "bad.csv:4: 到达日期: \"2020-02-30\" does not exist: 2020-02 has 29 days [date_nonexistent]",
                     "bad.csv:5: 离开日期: left on 2020-02-01, before arriving on 2020-02-03 [left_before_arrived]",
                     "bad.csv:6: 区划代码: has 5 digits; a region code has 2, 4, 6, 9 or 12 [region_code_length]"] {
            #expect(r.stdout.contains(line), "\(line)\n\(r)")
        }
        #expect(r.stderr.contains("4 of 5 records rejected (80.0%, limit 1.0%)"), "\(r)")
        #expect(!(r.stdout + r.stderr).contains("校验位"), "no Chinese words in English output: \(r)")
    }

    @Test func checkOnABadFeedSpeaksChineseUnderAChineseLocale() throws {
        let r = try checkBadFeed([], environment: chineseLocale)
        #expect(r.status == 2, "\(r)")
        for line in ["bad.csv（行程，utf-8）：读取 5，接受 1，拒收 4，重复 0",
                     "bad.csv:3：身份证号：校验位是 4，应为 3 [id_check_character]",
                     "bad.csv:4：到达日期：“2020-02-30”不存在：2020-02 只有 29 天 [date_nonexistent]",
                     "bad.csv:5：离开日期：于 2020-02-01 离开，早于到达日期 2020-02-03 [left_before_arrived]",
                     "bad.csv:6：区划代码：有 5 位；区划代码为 2、4、6、9 或 12 位 [region_code_length]"] {
            #expect(r.stdout.contains(line), "\(line)\n\(r)")
        }
        #expect(r.stderr.contains("5 条记录中拒收 4 条（80.0%，上限 1.0%）"), "\(r)")
        #expect(!(r.stdout + r.stderr).contains("check character") && !r.stdout.contains(" read, "), "no English: \(r)")
    }

    /// `--lang` wins over the locale in both directions, and the config's `language` over the locale.
    @Test(arguments: [(["--lang", "en"], chineseLocale, "check character is 4"), (["--lang", "zh"], plainLocale, "校验位是 4"),
                      (["--lang", "zh"], ["LANG": "", "LC_ALL": "en_US.UTF-8", "LC_MESSAGES": ""], "校验位是 4")])
    func theLangFlagWinsOverTheLocale(flag: [String], environment: [String: String], expected: String) throws {
        let r = try checkBadFeed(flag, environment: environment)
        #expect(r.status == 2 && r.stdout.contains(expected), "\(r)")
    }

    @Test func theConfigsLanguageWinsOverTheLocaleAndLosesToTheFlag() throws {
        let ws = try Workspace("lang-config")
        try ws.write("bad.csv", badTravelFeed)
        try ws.write("riskscreen.toml", "language = \"zh\"\npolicy = \"policy.toml\"\nregions = \"regions.csv\"\n"
            + "[feeds.bad]\nkind = \"travel\"\npath = \"bad.csv\"\n")
        let zh = try riskscreen(["check", "--config", "riskscreen.toml"], in: ws.dir, environment: plainLocale)
        #expect(zh.status == 2 && zh.stdout.contains("bad.csv:3：身份证号：校验位是 4，应为 3"), "\(zh)")
        let en = try riskscreen(["check", "--config", "riskscreen.toml", "--lang", "en"], in: ws.dir, environment: chineseLocale)
        #expect(en.status == 2 && en.stdout.contains("bad.csv:3: 身份证号: check character is 4"), "\(en)")
        try ws.write("wrong.toml", "language = \"fr\"\n")
        let wrong = try riskscreen(["check", "--config", "wrong.toml"], in: ws.dir, environment: plainLocale)
        #expect(wrong.status == 1 && wrong.stderr.contains("language"), "\(wrong)")
    }

    /// rejects.csv's last column is the reason's code, the same in both languages while the reason is not.
    @Test func rejectsCarryTheSameCodeInBothLanguages() throws {
        var files: [[[String]]] = []
        for environment in [plainLocale, chineseLocale] {
            let ws = try Workspace("lang-codes")
            try ws.write("bad.csv", badTravelFeed)
            let r = try ws.run(asOf: "2020-02-06", travel: ["bad.csv"], extra: ["--no-render", "--max-reject-rate", "1"], environment: environment)
            try #require(r.status == 0, "\(r)")
            files.append(try csvRows(URL(fileURLWithPath: r.lastLine).appendingPathComponent("rejects.csv")))
        }
        let (en, zh) = (files[0], files[1])
        #expect(en.first?.last == "code" && zh.first == en.first, "\(en.first ?? [])")
        #expect(en.dropFirst().map { $0.last ?? "" } == ["id_check_character", "date_nonexistent", "left_before_arrived", "region_code_length"])
        #expect(zh.dropFirst().map { $0.last ?? "" } == en.dropFirst().map { $0.last ?? "" })
        // The column as the feed's header spells it; the reason in the run's language.
        #expect(en.dropFirst().map { $0[3] } == ["身份证号", "到达日期", "离开日期", "区划代码"])
        #expect(en[1][4] == "check character is 4, expected 3" && zh[1][4] == "校验位是 4，应为 3", "\(en[1]) \(zh[1])")
    }

    /// The demo's four feeds as XLSX copies (fixtures/xlsx/demo, made by make_demo.py) give the same measures, and
    /// rejects on the same lines with the same codes; one night under each locale.
    @Test func xlsxCopiesOfTheDemoFeedsGiveTheSameMeasuresAsTheCSV() throws {
        let csv = try freshCopy(ofFixture: "demo")
        let xlsx = try freshCopy(ofFixture: "demo")
        for name in ["residents", "travel_rail", "travel_telecom", "travel_checkpoint"] {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent("xlsx/demo/\(name).xlsx"),
                                             to: xlsx.appendingPathComponent("\(name).xlsx"))
            try FileManager.default.removeItem(at: xlsx.appendingPathComponent("\(name).csv"))
        }
        let config = xlsx.appendingPathComponent("riskscreen.toml")
        let text = try String(contentsOf: config, encoding: .utf8)
        // Only the feeds' `path = "….csv"` lines end in `.csv"`; the rule file, gazetteer and contacts stay CSV.
        try text.replacingOccurrences(of: ".csv\"\n", with: ".xlsx\"\n").write(to: config, atomically: true, encoding: .utf8)
        let arguments = ["run", "--config", "riskscreen.toml", "--out", "out", "--state", "state/s.sqlite", "--no-render"]
        let fromCSV = try riskscreen(arguments, in: csv, environment: plainLocale)
        let fromXLSX = try riskscreen(arguments, in: xlsx, environment: chineseLocale)
        try #require(fromCSV.status == 0 && fromXLSX.status == 0, "\(fromCSV)\n\(fromXLSX)")
        let (a, b) = (URL(fileURLWithPath: fromCSV.lastLine), URL(fileURLWithPath: fromXLSX.lastLine))
        let measures = try csvLines(a.appendingPathComponent("measures.csv"))
        #expect(measures.count > 5)
        #expect(measures == (try csvLines(b.appendingPathComponent("measures.csv"))))
        // The same rows rejected on the same lines (the sheet's row number), with the same codes.
        let key = { (rows: [[String]]) in rows.dropFirst().map { [$0[0], URL(fileURLWithPath: $0[1]).deletingPathExtension().lastPathComponent, $0[2], $0[3], $0.last!] } }
        let (rejectsA, rejectsB) = (try csvRows(a.appendingPathComponent("rejects.csv")), try csvRows(b.appendingPathComponent("rejects.csv")))
        #expect(!key(rejectsA).isEmpty && key(rejectsA) == key(rejectsB), "\(rejectsA)\n\(rejectsB)")
        // The summary names each workbook read, in Chinese under the Chinese locale.
        #expect(fromXLSX.stderr.contains("travel_rail.xlsx（行程，xlsx）：读取 220"), "\(fromXLSX)")
        let manifest = try String(contentsOf: b.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"xlsx\""), "the manifest gives the workbook's format")
    }

    /// A rule file may be a workbook too, with codes as numbers and dates as date cells.
    @Test func anXLSXRuleFileGivesTheSameMeasuresAsItsCSV() throws {
        let csv = try freshCopy(ofFixture: "demo")
        let book = try runProgram("/usr/bin/python3", ["-c", """
            import csv, datetime, openpyxl
            rows = list(csv.reader(open('regions.csv', encoding='utf-8-sig')))
            wb = openpyxl.Workbook(); ws = wb.active; ws.title = '风险地区'
            wb.create_sheet('说明').append(['本表为示例'])
            ws.append(rows[0])
            for r in rows[1:]:
                ws.append([int(r[0]), r[1], r[2]] + [datetime.datetime.strptime(x, '%Y-%m-%d') if x else None for x in r[3:]])
            for c in ws['D'][1:] + ws['E'][1:]:
                c.number_format = 'yyyy/m/d'
            wb.save('regions.xlsx')
            """], in: csv)
        try #require(book.status == 0, "\(book)")
        let arguments = ["run", "--config", "riskscreen.toml", "--out", "out", "--state", "state/s.sqlite", "--no-render", "--dry-run"]
        let a = try riskscreen(arguments, in: csv, environment: plainLocale)
        let b = try riskscreen(arguments + ["--regions", "regions.xlsx"], in: csv, environment: plainLocale)
        try #require(a.status == 0 && b.status == 0, "\(a)\n\(b)")
        #expect(b.stderr.contains("regions.xlsx (regions, xlsx): 11 read, 11 accepted"), "\(b)")
        #expect(try csvLines(URL(fileURLWithPath: a.lastLine).appendingPathComponent("measures.csv"))
            == (try csvLines(URL(fileURLWithPath: b.lastLine).appendingPathComponent("measures.csv"))))
    }

    /// An 18-digit ID Excel stored as a number has lost digits: rejected with how to keep IDs as text, masked; a
    /// 15-digit legacy ID stored as a number is exact and accepted; the hidden first sheet is skipped.
    @Test(arguments: [(plainLocale, ["Excel stored this ID as a number", "format the column as Text"]),
                      (chineseLocale, ["Excel 把这个证件号码存成了数字", "设为“文本”格式"])])
    func anIDStoredAsANumberInAWorkbookIsRejectedWithTheWayToKeepItText(environment: [String: String], words: [String]) throws {
        let ws = try Workspace("xlsx-ids")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("xlsx/demo/ids_as_numbers.xlsx"),
                                         to: ws.dir.appendingPathComponent("ids.xlsx"))
        let r = try riskscreen(["check", "--policy", "policy.toml", "--regions", "regions.csv", "--travel", "ids.xlsx",
                                "--max-reject-rate", "0.5"], in: ws.dir, environment: environment)
        #expect(r.status == 0, "\(r)")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("ids.xlsx:2") }, "\(r)")
        for word in words + ["身份证号", "330183********2700", "[id_stored_as_number]"] { #expect(line.contains(word), "\(word): \(line)") }
        #expect(!(r.stdout + r.stderr).contains("3301831968031527"), "the ID is never shown whole: \(r)")
        #expect(r.stdout.split(separator: "\n").filter { $0.hasPrefix("ids.xlsx:") }.count == 1, "one reject: \(r)")
    }

    /// The same damage in a CSV file Excel saved: `3.30183E+17`, or the `'` Excel uses to mark text.
    @Test(arguments: [(plainLocale, ["is how Excel writes an ID it turned into a number", "starts with ' (Excel's mark for text"]),
                      (chineseLocale, ["是 Excel 把证件号码变成数字后的写法", "以 ' 开头"])])
    func anIDExcelDamagedInACSVFileGetsTheSameKindOfHint(environment: [String: String], words: [String]) throws {
        let ws = try Workspace("csv-excel-ids")
        try ws.write("excel.csv", "身份证号,姓名,区划代码,到达日期,离开日期\n3.30183E+17,甲,420102,2020-02-01,2020-02-02\n"
            + "'\(person(1)),乙,420102,2020-02-01,2020-02-02\n\(person(2)),丙,420102,2020-02-01,2020-02-02\n")
        let r = try riskscreen(["check", "--policy", "policy.toml", "--regions", "regions.csv", "--travel", "excel.csv",
                                "--max-reject-rate", "1"], in: ws.dir, environment: environment)
        #expect(r.status == 0, "\(r)")
        let lines = r.stdout.split(separator: "\n").filter { $0.hasPrefix("excel.csv:") }
        #expect(lines.count == 2, "\(r)")
        #expect(lines.first?.contains(words[0]) == true && lines.first?.hasSuffix("[id_scientific_notation]") == true, "\(r)")
        #expect(lines.last?.contains(words[1]) == true && lines.last?.hasSuffix("[id_leading_apostrophe]") == true, "\(r)")
    }
}
