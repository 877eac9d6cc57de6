import Foundation
import Testing
import TestSupport

/// SPEC 11 for the commands of SPEC 8–10: `feedback`, the policy's `[health_code]`, `rules check` and the run's
/// summary speak the locale's language; codes, keys and the worklist's words stay as they are.
@Suite struct LoopLanguageTests {
    /// A locale that asks for Chinese, or for English, whatever the test process itself runs under.
    static func locale(_ lang: String) -> [String: String] { ["LC_ALL": "", "LC_MESSAGES": "", "LANG": lang] }
    static let chinese = locale("zh_CN.UTF-8"), english = locale("C")

    /// What a language says for one returned worklist with two outcomes and a row of an unknown serial.
    struct FeedbackWords: Sendable, CustomStringConvertible {
        var lang: String
        var fileLine: String
        var total: String
        var community: String
        var unknownSerial: String
        var description: String { lang }
    }

    @Test(arguments: [
        FeedbackWords(lang: "zh_CN.UTF-8",
                      fileLine: "returned.csv：工作清单，3 行：记录 2 条，空白或待送达 0 行，拒收 1 行（returned.csv.rejects.csv）",
                      total: "截至 2020-02-07 记录送达结果 2 条：已送达 1，拒收 1，查无此人 0，已离开本地 0",
                      community: "  330106001001 西溪社区：已送达 1，拒收 1",
                      unknownSerial: "没有编号为 330106001001-20200206-9999 的通知书"),
        FeedbackWords(lang: "C",
                      fileLine: "returned.csv: worklist, 3 rows: 2 recorded, 0 blank or 待送达, 1 rejected (returned.csv.rejects.csv)",
                      total: "recorded 2 outcomes as of 2020-02-07: delivered 1, refused 1, not found 0, left 0",
                      community: "  330106001001 西溪社区: delivered 1, refused 1",
                      unknownSerial: "no notice has the serial 330106001001-20200206-9999"),
    ])
    func feedbackSummarisesAndRejectsInTheLocalesLanguage(_ words: FeedbackWords) throws {
        let ws = try Workspace.delivery("feedback-lang-\(words.lang.prefix(2))")
        let s = try ws.serials()
        let x = Delivered.xixi
        try ws.write("returned.csv", """
            通知书编号,送达结果,送达日期
            \(s[x[0]]!),已送达,2020-02-07
            \(s[x[1]]!),拒收,2020-02-07
            330106001001-20200206-9999,已送达,2020-02-07

            """)
        let r = try riskscreen(["feedback", "--state", ws.state, "--date", "2020-02-07", "--max-reject-rate", "0.5", "returned.csv"],
                               in: ws.dir, environment: Self.locale(words.lang))
        try #require(r.status == 0, "\(r)")
        #expect(r.stdout.contains(words.fileLine), "\(r)")
        #expect(r.stdout.contains(words.total), "\(r)")
        #expect(r.stdout.contains(words.community), "\(r)")
        let rejects = try ws.table(ws.dir.appendingPathComponent("returned.csv.rejects.csv"), header: "feed,file,line,column,reason,raw,code")
        #expect(rejects.count == 1)
        #expect(rejects.first?["reason"]?.contains(words.unknownSerial) == true, "\(rejects)")
        // The code and the column (as the file's header spells it) are the same in every language.
        #expect(rejects.first?["code"] == "unknown_serial" && rejects.first?["column"] == "通知书编号", "\(rejects)")
    }

    /// Too many rejected rows stop the import (exit 2) with the reason and the examples in the locale's language.
    @Test func aRefusedImportSaysWhyInChinese() throws {
        let ws = try Workspace.delivery("feedback-lang-refused")
        try ws.write("returned.csv", "通知书编号,送达结果\n330106001001-20200206-9999,签收\n")
        let r = try riskscreen(["feedback", "--state", ws.state, "--date", "2020-02-07", "returned.csv"], in: ws.dir, environment: Self.chinese)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("returned.csv：1 行中拒收 1 行（100.0%，上限 1.0%）"), "\(r)")
        #expect(r.stderr.contains("送达结果：“签收”不是 已送达、拒收、查无此人、已离开本地、待送达 之一；请从下拉列表中选择"), "\(r)")
        #expect(r.stderr.contains("未记录任何送达结果"), "\(r)")
        #expect(try ws.recordedOutcomes().isEmpty)
    }

    /// `feedback --help` in Chinese under a Chinese locale, in English otherwise; the flags stay as they are.
    @Test func feedbackHelpFollowsTheLocale() throws {
        let dir = try Workspace("feedback-help").dir
        let zh = try riskscreen(["feedback", "--help"], in: dir, environment: Self.chinese)
        #expect(zh.status == 0 && zh.stdout.contains("从交回的工作清单") && zh.stdout.contains("--max-reject-rate <fraction>")
                && zh.stdout.contains("检查文件并写出 FILE.rejects.csv，但不记录任何内容。"), "\(zh)")
        let en = try riskscreen(["feedback", "--help"], in: dir, environment: Self.english)
        #expect(en.status == 0 && en.stdout.contains("Record delivery outcomes from returned worklists")
                && en.stdout.contains("Check the files and write FILE.rejects.csv"), "\(en)")
        let missing = try riskscreen(["feedback", "--state", "s.sqlite"], in: dir, environment: Self.chinese)
        #expect(missing.status == 1 && missing.stderr.contains("请至少给出一份交回的工作清单或扫码清单"), "\(missing)")
    }

    /// A wrong `[health_code]` stops the run (exit 1) with an error naming its key, in either language.
    @Test(arguments: [
        ("zh_CN.UTF-8", "bad.toml：health_code.home_quarantine：“orange”不是 red、yellow、green 之一",
         "bad.toml：health_code.quarantine：未知的措施；[health_code] 把 centralized_quarantine、home_quarantine、health_monitoring 对应到颜色"),
        ("C", "bad.toml: health_code.home_quarantine: \"orange\" is not one of red, yellow, green",
         "bad.toml: health_code.quarantine: unknown action; [health_code] maps centralized_quarantine, home_quarantine, health_monitoring to a colour"),
    ])
    func aBadHealthCodeSectionNamesItsKey(_ lang: String, _ colour: String, _ action: String) throws {
        let ws = try Workspace("health-code-lang-\(lang.prefix(2))", regions: threeLevels)
        try ws.write("bad.toml", examplePolicy + "[health_code]\nhome_quarantine = \"orange\"\nquarantine = \"red\"\n")
        try ws.travel("t1.csv", [("w1", Delivered.visitor, "420102", "2020-01-30", "2020-02-01")])
        let r = try ws.run(asOf: "2020-02-06", travel: ["t1.csv"], extra: ["--no-render", "--policy", "bad.toml"],
                           environment: Self.locale(lang))
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains(colour), "\(r)")
        #expect(r.stderr.contains(action), "\(r)")
        #expect(try ws.committedFolders().isEmpty)
    }

    /// The run's summary (on standard error, its folder alone on standard output) counts released measures in the locale's language.
    @Test(arguments: [("zh_CN.UTF-8", "（新增 7，变更 0，撤销 0，解除 0）"), ("C", "(7 new, 0 amended, 0 rescinded, 0 released)")])
    func theRunSummaryCountsReleases(_ lang: String, _ counts: String) throws {
        let ws = try Workspace("summary-lang-\(lang.prefix(2))", regions: threeLevels)
        try ws.residents("res.csv", Delivered.xixi.map { ($0, Community.xixi, "G1") }
            + [(Delivered.wenzhou, Community.cuiyuan, "G2"), (Delivered.beijing, Community.cuiyuan, "G2")])
        try ws.travel("t1.csv", Delivered.everyone.enumerated().map { ("w\($0.offset)", $0.element, "420102", "2020-01-30", "2020-02-01") })
        let r = try ws.run(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"], extra: ["--no-render"], environment: Self.locale(lang))
        #expect(r.status == 0 && r.stderr.contains(counts), "\(r)")
    }

    /// `rules check` lists what is in force in the locale's language; region names and codes stay as they are.
    @Test(arguments: [("zh_CN.UTF-8", "2020-02-07 生效的地区：", "高风险（1 个）：湖北省武汉市（4201）"),
                      ("C", "in force on 2020-02-07:", "high (1): 湖北省武汉市 (4201)")])
    func rulesCheckFollowsTheLocale(_ lang: String, _ heading: String, _ high: String) throws {
        let ws = try Workspace("rules-lang-\(lang.prefix(2))", regions: threeLevels)
        let r = try riskscreen(["rules", "check", "regions.csv", "--on", "2020-02-07"], in: ws.dir, environment: Self.locale(lang))
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains(heading) && r.stdout.contains(high), "\(r)")
    }
}
