import Foundation
import Testing
import TestSupport

/// Region names through the binary (SPEC 10): rule files by name, code or both, `rules import`, `rules diff`,
/// `rules check`, and names printed by `explain` and `diff`.
@Suite struct RuleNamesTests {
    /// A folder with the demo district's rule file, announcement, gazetteer file and policy, and a config
    /// (`names.toml`) that names only the gazetteer file, so every other setting comes from flags.
    func demoRules(_ label: String) throws -> Workspace {
        let ws = try Workspace(label)
        for file in ["regions.csv", "announcement-2020-02-07.txt", "gazetteer.csv"] {
            let target = ws.dir.appendingPathComponent(file)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent("demo/\(file)"), to: target)
        }
        try ws.write("names.toml", "gazetteer = [\"gazetteer.csv\"]\n")
        return ws
    }

    /// `rules check` on a one-row rule file naming its region only by `name`.
    func checkName(_ name: String, in ws: Workspace) throws -> CommandResult {
        try ws.write("one.csv", "地区名称,风险等级,开始日期,结束日期\n\(name),高,2020-02-01,\n")
        return try riskscreen(["rules", "check", "one.csv", "--on", "2020-02-07"], in: ws.dir)
    }

    // MARK: - Resolution, through `rules check`

    @Test(arguments: [
        // With its province or city, a county name found in several provinces resolves.
        ("福建省鼓楼区", "福建省福州市鼓楼区 (350102)"),
        ("江苏省南京市鼓楼区", "江苏省南京市鼓楼区 (320106)"),
        ("北京朝阳区", "北京市朝阳区 (110105)"),
        ("吉林省长春市朝阳区", "吉林省长春市朝阳区 (220104)"),
        // Abbreviations: without generic suffixes, skipping levels, starting below the province.
        ("浙江温州乐清", "浙江省温州市乐清市 (330382)"),
        ("温州市乐清市", "浙江省温州市乐清市 (330382)"),
        ("乐清", "浙江省温州市乐清市 (330382)"),
        ("新疆", "新疆维吾尔自治区 (65)"),
        ("延边", "吉林省延边朝鲜族自治州 (2224)"),
        ("内蒙古", "内蒙古自治区 (15)"),
        ("　浙江　温州 ", "浙江省温州市 (3303)"),
    ])
    func aNameResolvesToOneRegion(name: String, listed: String) throws {
        let ws = try Workspace("resolve")
        let r = try checkName(name, in: ws)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("high (1): \(listed)"), "\(r)")
    }

    @Test(arguments: [
        ("鼓楼区", ["江苏省南京市鼓楼区 (320106)", "江苏省徐州市鼓楼区 (320302)", "福建省福州市鼓楼区 (350102)", "河南省开封市鼓楼区 (410204)"]),
        ("朝阳区", ["北京市朝阳区 (110105)", "吉林省长春市朝阳区 (220104)"]),
    ])
    func aNameOfSeveralRegionsAloneIsAmbiguousAndListsThem(name: String, candidates: [String]) throws {
        let ws = try Workspace("ambiguous")
        let r = try checkName(name, in: ws)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("one.csv:2: region_name: \(name) is ambiguous: it names \(candidates.count) regions, "
            + candidates.joined(separator: ", ")), "\(r)")
    }

    @Test func aStreetTheTableLacksFailsAndIsNeverWidened() throws {
        let ws = try Workspace("street")
        let r = try checkName("北京市丰台区花乡地区", in: ws)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("one.csv:2: region_name: 北京市丰台区花乡地区: 北京市丰台区 is 北京市丰台区 (110106), "
            + "but nothing inside it is named 花乡地区"), "\(r)")
        #expect(!r.stdout.contains("110106"), "the district is not designated: \(r)")

        // With the district's streets in a gazetteer file of the config, the name resolves.
        try ws.write("streets.csv", "code,name\n110106018,花乡地区\n")
        try ws.write("names.toml", "gazetteer = \"streets.csv\"\n")
        let named = try riskscreen(["rules", "check", "one.csv", "--on", "2020-02-07", "--config", "names.toml"], in: ws.dir)
        #expect(named.status == 0 && named.stdout.contains("high (1): 北京市丰台区花乡地区 (110106018)"), "\(named)")
    }

    @Test func aBadGazetteerFileStopsTheCommandWithItsLines() throws {
        let ws = try Workspace("bad-gazetteer")
        try ws.write("streets.csv", "code,name\n110106018,花乡地区\n11010601,某街道\n110106019,\n")
        try ws.write("names.toml", "gazetteer = [\"streets.csv\"]\n")
        let r = try riskscreen(["rules", "check", "regions.csv", "--config", "names.toml"], in: ws.dir)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("streets.csv:3: code: ") && r.stderr.contains("streets.csv:4: name: "), "\(r)")
    }

    // MARK: - Code and name in a rule file

    @Test func aCodeAndANameThatDisagreeAreRefusedNamingTheLine() throws {
        let ws = try Workspace("disagree", regions: "region_code,region_name,risk_level,from,to\n4201,湖北省武汉市,high,2020-01-01,\n"
            + "3303,湖北省武汉市,high,2020-01-01,\n")
        try ws.travel("t.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-01")])
        let expected = "regions.csv:3: region_name: region_name 湖北省武汉市 does not agree with region_code 3303 (浙江省温州市): "
            + "it has 湖北省 (42) where the code's province is 浙江省 (33); correct the code or the name"
        let run = try ws.run(asOf: "2020-02-06", travel: ["t.csv"])
        #expect(run.status == 2 && run.stderr.contains(expected), "\(run)")
        #expect(try ws.committedFolders().isEmpty && ws.runFolders().isEmpty, "nothing screened, nothing published")
        for args in [["check", "--policy", "policy.toml", "--regions", "regions.csv"], ["rules", "check", "regions.csv"]] {
            let r = try riskscreen(args, in: ws.dir)
            #expect(r.status == 2 && r.stderr.contains(expected), "\(r)")
        }
    }

    @Test func aNameInTheCodeColumnIsSaidToBeAName() throws {
        let ws = try Workspace("name-in-code", regions: "区划代码,地区名称,风险等级,开始日期,结束日期\n浙江省温州市,,高,2020-01-01,\n")
        let r = try riskscreen(["rules", "check", "regions.csv"], in: ws.dir)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("regions.csv:2: region_code: \"浙江省温州市\" is a region name, not a code: it names 浙江省温州市 (3303); "
            + "write 3303 here, or move the name to region_name and leave region_code empty"), "\(r)")
    }

    /// The same designations written by name only, by code only and by both screen to the same measures, byte
    /// for byte: a community named by the residents' snapshot, a county, a city, a coarse stay.
    @Test func aNamesOnlyRuleFileScreensLikeItsCodesOnlyTwin() throws {
        let rows: [(code: String, name: String, level: String)] = [
            ("4201", "湖北武汉", "高"), ("330302", "温州市鹿城区", "中"), ("330106001001", "西湖区西溪社区", "中"), ("3301", "杭州", "低"),
        ]
        let files = [
            "codes": "区划代码,风险等级,开始日期\n" + rows.map { "\($0.code),\($0.level),2020-01-20\n" }.joined(),
            "names": "地区名称,风险等级,开始日期\n" + rows.map { "\($0.name),\($0.level),2020-01-20\n" }.joined(),
            "both": "区划代码,地区名称,风险等级,开始日期\n" + rows.map { "\($0.code),\($0.name),\($0.level),2020-01-20\n" }.joined(),
        ]
        var outputs: [String: Data] = [:]
        for (kind, text) in files {
            let ws = try Workspace("twin-\(kind)", regions: text)
            try ws.residents("res.csv", (1...5).map { (person($0), Community.xixi, "G1") })
            try ws.travel("t.csv", [
                ("r1", person(1), "420102", "2020-02-01", "2020-02-02"),
                ("r2", person(2), "330302003", "2020-02-03", "2020-02-03"),
                ("r3", person(3), Community.xixi.code, "2020-02-04", "2020-02-04"),
                ("r4", person(4), "33", "2020-02-04", "2020-02-04"),
                ("r5", person(5), "330185", "2020-02-05", "2020-02-05"),
            ])
            let folder = try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t.csv"])
            outputs[kind] = try Data(contentsOf: folder.appendingPathComponent("measures.csv"))
            if kind == "names" {
                let measures = Dictionary(uniqueKeysWithValues: try ws.measures(in: folder).map { ($0["id_no"], $0) })
                #expect([1, 2, 3, 5].map { n in measures[person(n)].map { [$0["action"], $0["region_code"], $0["region_name"]] } } == [
                    ["centralized_quarantine", "420100000000", "湖北省武汉市"],
                    ["home_quarantine", "330302000000", "浙江省温州市鹿城区"],
                    ["home_quarantine", "330106001001", "浙江省杭州市西湖区西溪社区"],
                    ["health_monitoring", "330100000000", "浙江省杭州市"],
                ])
            }
        }
        #expect(outputs["names"] == outputs["codes"])
        #expect(outputs["both"] == outputs["codes"])
    }

    // MARK: - rules import

    /// The demo district's announcement of 2020-02-07 over its rule file: lifted areas closed the day before, a
    /// changed level closed and reopened, the same level kept, new areas opened; then the night runs with it.
    @Test func anAnnouncementImportedOverThePreviousFileAndTheNightRunWithIt() throws {
        let ws = try demoRules("import")
        let args = ["rules", "import", "announcement-2020-02-07.txt", "--on", "2020-02-07", "--previous", "regions.csv",
                    "--config", "names.toml", "-o", "regions-0207.csv"]
        let r = try riskscreen(args, in: ws.dir)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == """
            announcement-2020-02-07.txt: 10 names (high 6, medium 4) on lines 9–21, all resolved; 7 lines read as title, summary or closing (--verbose lists them)
            in force on 2020-02-07, against regions.csv:
              added, high (3): 浙江省宁波市宁海县 (330226), 河南省信阳市 (4115), 湖北省孝感市 (4209)
              added, medium (2): 江苏省南京市鼓楼区宁海路街道 (320106001), 安徽省合肥市瑶海区 (340102)
              lifted, medium (2): 江苏省南京市鼓楼区宁海路街道颐和路社区 (320106001002), 浙江省台州市 (3310)
              lifted, low (1): 河南省郑州市中原区 (410102)
              changed to medium (1): 浙江省温州市 (3303) high → medium
              4 regions unchanged on 2020-02-07
            wrote regions-0207.csv: 17 rows (7 kept as they were, 4 closed on 2020-02-06, 6 new from 2020-02-07)

            """, "\(r)")
        #expect(r.stderr.isEmpty, "\(r)")

        let url = ws.dir.appendingPathComponent("regions-0207.csv")
        let bytes = try Data(contentsOf: url)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with BOM")
        let lines = try csvLines(url)
        #expect(lines.first == "区划代码,地区名称,风险等级,开始日期,结束日期")
        #expect(lines.contains("4201,湖北省武汉市,high,2020-01-01,"), "same level: the row kept as it was")
        #expect(lines.contains("3310,浙江省台州市,medium,2020-02-01,2020-02-06"), "lifted: closed the day before")
        #expect(lines.contains("3303,浙江省温州市,high,2020-01-28,2020-02-06") && lines.contains("3303,浙江省温州市,medium,2020-02-07,"),
                "changed level: closed and reopened")
        #expect(lines.contains("3303,浙江省温州市,medium,2020-01-21,2020-01-27"), "a row over before the day: kept")
        #expect(Array(lines.suffix(6)) == [
            "330226,浙江省宁波市宁海县,high,2020-02-07,", "4115,河南省信阳市,high,2020-02-07,", "4209,湖北省孝感市,high,2020-02-07,",
            "320106001,江苏省南京市鼓楼区宁海路街道,medium,2020-02-07,", "3303,浙江省温州市,medium,2020-02-07,",
            "340102,安徽省合肥市瑶海区,medium,2020-02-07,",
        ], "new rows by level, then code")

        // The same import gives the same bytes; importing it again over its own result changes nothing.
        let again = try riskscreen(args.dropLast() + ["again.csv"], in: ws.dir)
        #expect(again.status == 0, "\(again)")
        #expect(try Data(contentsOf: ws.dir.appendingPathComponent("again.csv")) == bytes)
        let over = try riskscreen(["rules", "import", "announcement-2020-02-07.txt", "--on", "2020-02-07", "--previous", "regions-0207.csv",
                                   "--config", "names.toml", "-o", "over.csv"], in: ws.dir)
        #expect(over.status == 0, "\(over)")
        #expect(try Data(contentsOf: ws.dir.appendingPathComponent("over.csv")) == bytes)
        #expect(over.stdout.contains("no change on 2020-02-07; 10 regions unchanged"), "\(over)")

        // The nights: a stay in 温州 before the downgrade keeps its high measure; one on the 7th is medium; a stay in
        // 孝感 before it was declared exposes nobody; a stay in 台州 before it was lifted still counts.
        let (before, after, xiaogan, taizhou) = (person(1), person(2), person(3), person(4))
        try ws.residents("res.csv", [(before, Community.xixi, "G1"), (after, Community.xixi, "G1"), (xiaogan, Community.cuiyuan, "G1"),
                                     (taizhou, Community.cuiyuan, "G2")])
        try ws.travel("t1.csv", [("r1", before, "330302", "2020-02-03", "2020-02-04"), ("r3", xiaogan, "420902", "2020-02-05", "2020-02-05"),
                                 ("r4", taizhou, "331002", "2020-02-05", "2020-02-05")])
        try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"], extra: ["--no-render", "--config", "names.toml"])
        try ws.travel("t2.csv", [("r2", after, "330302", "2020-02-07", "2020-02-07")])
        try ws.night(asOf: "2020-02-07", travel: ["t2.csv"], regions: "regions-0207.csv", extra: ["--no-render", "--config", "names.toml"])
        #expect(try ws.measures().map { [$0["id_no"], $0["status"], $0["action"], $0["level"], $0["region_name"], $0["until"]] } == [
            [before, "continuing", "centralized_quarantine", "high", "浙江省温州市", "2020-02-18"],
            [after, "new", "home_quarantine", "medium", "浙江省温州市", "2020-02-21"],
            [taizhou, "continuing", "home_quarantine", "medium", "浙江省台州市", "2020-02-19"],
        ])
        #expect(try ws.rescinded().isEmpty)
    }

    @Test func anUnresolvedNameWritesNothingUnlessWidenedWithAWarning() throws {
        let ws = try Workspace("widen")
        try ws.write("ann.txt", "北京市疫情风险地区\n一、高风险地区\n丰台区（1个）：\n1.花乡地区\n二、中风险地区\n朝阳区\n")
        let args = ["rules", "import", "ann.txt", "--on", "2022-05-25", "--previous", "regions.csv", "-o", "new.csv"]
        let refused = try riskscreen(args, in: ws.dir)
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("ann.txt:4: 丰台区花乡地区: 丰台区 is 北京市丰台区 (110106), but nothing inside it is named 花乡地区"), "\(refused)")
        #expect(refused.stderr.contains("ann.txt:6: 朝阳区 is ambiguous: it names 2 regions, 北京市朝阳区 (110105), 吉林省长春市朝阳区 (220104)"),
                "\(refused)")
        #expect(refused.stderr.contains("nothing was written"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: ws.dir.appendingPathComponent("new.csv").path))

        // --widen designates the district for the street, with a warning; an ambiguous name still stops the import.
        let stillAmbiguous = try riskscreen(args + ["--widen"], in: ws.dir)
        #expect(stillAmbiguous.status == 2 && !stillAmbiguous.stderr.contains("ann.txt:4:"), "\(stillAmbiguous)")
        try ws.write("ann.txt", "北京市疫情风险地区\n一、高风险地区\n丰台区（1个）：\n1.花乡地区\n二、中风险地区\n北京市朝阳区\n")
        let widened = try riskscreen(args + ["--widen"], in: ws.dir)
        #expect(widened.status == 0, "\(widened)")
        #expect(widened.stderr.contains("warning: ann.txt:4: 丰台区花乡地区 designated as 北京市丰台区 (110106), wider than written: "
            + "nothing inside it is named 花乡地区"), "\(widened)")
        #expect(widened.stdout.hasPrefix("ann.txt: 2 names (high 1, medium 1) on lines 4–6, all resolved, 1 widened"), "\(widened)")
        let lines = try csvLines(ws.dir.appendingPathComponent("new.csv"))
        #expect(lines.contains("110106,北京市丰台区,high,2022-05-25,") && lines.contains("110105,北京市朝阳区,medium,2022-05-25,"))
        // The previous file's rows in force on the day and not listed are lifted: closed the day before.
        #expect(lines.contains("4201,湖北省武汉市,high,2020-01-01,2022-05-24"), "\(lines)")
    }

    @Test func aColumnOfASpreadsheetOrCSVAnnouncement() throws {
        let ws = try Workspace("column")
        let xlsx = fixtures.appendingPathComponent("announcements/zhejiang-2022-04-20.xlsx").path
        let r = try riskscreen(["rules", "import", xlsx, "--column", "地区", "--on", "2022-04-20", "-o", "zj.csv"], in: ws.dir)
        #expect(r.status == 0, "\(r)")
        #expect(try csvLines(ws.dir.appendingPathComponent("zj.csv")) == [
            "区划代码,地区名称,风险等级,开始日期,结束日期",
            "330382,浙江省温州市乐清市,high,2022-04-20,",
            "330105,浙江省杭州市拱墅区,medium,2022-04-20,", "330106,浙江省杭州市西湖区,medium,2022-04-20,",
            "330226,浙江省宁波市宁海县,medium,2022-04-20,",
        ])
        let noColumn = try riskscreen(["rules", "import", xlsx, "--on", "2022-04-20", "-o", "zj.csv"], in: ws.dir)
        #expect(noColumn.status == 1 && noColumn.stderr.contains("give --column") && noColumn.stderr.contains("序号, 地区, 备注"), "\(noColumn)")

        // A CSV column, GB18030, whose cells number their lines by the record's line.
        let gb18030 = String.Encoding(rawValue: 0x8000_0632)
        try #require("序号,名单\n1,中风险地区\n2,\"浙江省：\n温州市\"\n3,杭州市\n".data(using: gb18030)).write(to: ws.dir.appendingPathComponent("list.csv"))
        let fromCSV = try riskscreen(["rules", "import", "list.csv", "--column", "名单", "--on", "2022-04-20", "-o", "list-rules.csv"], in: ws.dir)
        #expect(fromCSV.status == 0, "\(fromCSV)")
        #expect(fromCSV.stdout.hasPrefix("list.csv: 2 names (medium 2) on lines 3–5"), "\(fromCSV)")
        #expect(try csvLines(ws.dir.appendingPathComponent("list-rules.csv")).dropFirst() == [
            "3301,浙江省杭州市,medium,2022-04-20,", "3303,浙江省温州市,medium,2022-04-20,",
        ])
    }

    // MARK: - rules diff, explain, diff

    @Test func rulesDiffListsChangesWithNamesAndTheRowsThatMoved() throws {
        let ws = try demoRules("rules-diff")
        let imported = try riskscreen(["rules", "import", "announcement-2020-02-07.txt", "--on", "2020-02-07", "--previous", "regions.csv",
                                       "--config", "names.toml", "-o", "new.csv"], in: ws.dir)
        try #require(imported.status == 0, "\(imported)")
        let r = try riskscreen(["rules", "diff", "regions.csv", "new.csv", "--on", "2020-02-07", "--config", "names.toml"], in: ws.dir)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("  changed to medium (1): 浙江省温州市 (3303) high → medium\n"), "\(r)")
        #expect(r.stdout.contains("  lifted, medium (2): 江苏省南京市鼓楼区宁海路街道颐和路社区 (320106001002), 浙江省台州市 (3310)\n"), "\(r)")
        #expect(r.stdout.contains("rows: 11 in regions.csv, 17 in new.csv: 4 with another end (to), 6 only in new.csv, 0 only in regions.csv"), "\(r)")
        #expect(r.stdout.contains("  ~ new.csv:7: 3310 浙江省台州市 medium 2020-02-01..2020-02-06 (to was empty, in force in regions.csv:7)"), "\(r)")
        // The day before, nothing in force differs.
        let before = try riskscreen(["rules", "diff", "regions.csv", "new.csv", "--on", "2020-02-06", "--config", "names.toml"], in: ws.dir)
        #expect(before.stdout.contains("no change on 2020-02-06; 8 regions unchanged"), "\(before)")
    }

    @Test func explainAndDiffPrintNamesForCodes() throws {
        let ws = try demoRules("explain-names")
        let p1 = person(1)
        try ws.residents("res.csv", [(p1, Community.xixi, "G1")])
        try ws.travel("t.csv", [("r1", p1, "440305001", "2020-02-01", "2020-02-02")])
        try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t.csv"], extra: ["--no-render", "--config", "names.toml"])
        let explain = try riskscreen(["explain", "--config", "names.toml", "--state", ws.state, p1], in: ws.dir)
        #expect(explain.status == 0, "\(explain)")
        #expect(explain.stdout.contains("stay in 440305001000 2020-02-01..2020-02-02 (广东省深圳市南山区南头街道)"), "\(explain)")
        #expect(explain.stdout.contains("inside 广东省深圳市南山区南头街道 (440305001, medium, rule line 8)"), "\(explain)")
        // The office raises 南头街道 to high: the preview names the region of the amended notice.
        let regions = try String(contentsOf: ws.dir.appendingPathComponent("regions.csv"), encoding: .utf8)
        try ws.write("raised.csv", regions.replacingOccurrences(of: "440305001,广东省深圳市南山区南头街道,medium,", with: "440305001,,high,"))
        let diff = try riskscreen(["diff", "--config", "names.toml", "--policy", "policy.toml", "--regions", "raised.csv",
                                   "--state", ws.state, "--as-of", "2020-02-06", "--list"], in: ws.dir)
        #expect(diff.status == 0, "\(diff)")
        #expect(diff.stdout.contains("330106001001 西溪社区: 0 new, 1 amended, 0 rescinded"), "\(diff)")
        #expect(diff.stdout.contains("centralized_quarantine until 2020-02-16 (replaces 330106001001-20200206-0001), "
            + "high in 广东省深圳市南山区南头街道 (440305001)"), "\(diff)")
    }

    @Test("the rules commands' help explains the date windows and shows examples")
    func rulesHelp() throws {
        let dir = try makeTemporaryDirectory("rules-help")
        for command in [["rules"], ["rules", "import"], ["rules", "diff"], ["rules", "check"]] {
            let r = try riskscreen(["help"] + command, in: dir)
            #expect(r.status == 0 && r.stdout.hasPrefix("OVERVIEW: ") && r.stdout.contains("Example"), "\(r)")
        }
        let importHelp = try riskscreen(["rules", "import", "--help"], in: dir)
        let words = importHelp.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("`to` counts as a day in force"), "\(importHelp)")
    }
}
