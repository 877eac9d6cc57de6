import Foundation
import Testing
import TestSupport

/// SPEC 6 and 7 through the binary: what notices say about exposures, and the paper a case leaves behind over nights.
@Suite(.tags(.pdfTools)) struct PaperTrailTests {
    /// The visible text of every page of a batch, and the pages a serial is printed on.
    struct Batch {
        var pages: [String]

        init(_ pdf: URL) throws {
            pages = try (1...pageCount(pdf)).map { try visibleText(pdf, page: $0) }
        }

        /// The pages (1-based) of the paper with `serial` at its top, its receipt naming it too.
        func papers(_ serial: String) -> [Int] {
            pages.indices.filter { pages[$0].contains(serial) && !pages[$0].contains("通知书送达清单") && !pages[$0].contains("撤销通知书清单") }
                .map { $0 + 1 }
        }

        func page(_ number: Int) -> String { flat(pages[number - 1]) }
    }

    /// The issue's two false statements: a stay known only at 湖北省 was told it was in 湖北省武汉市, and one known only at
    /// 海曙区 was told it was in 鼓楼街道 at the coarse level. Now each names the region the stay is known at, and the
    /// designated region only as what that region contains, at its own level.
    @Test func aCoarseNoticeNamesTheProvinceStayedInNotTheCity() throws {
        let dir = try freshCopy(ofFixture: "cases/coarse-notice")
        let result = try riskscreen(["run", "--as-of", "2020-02-06", "--policy", "policy.toml", "--regions", "regions.csv",
                                     "--residents", "residents.csv", "--travel", "travel.csv", "--out", "out", "--state", "state/s.sqlite"], in: dir)
        try #require(result.status == 0, "\(result)")
        let folder = URL(fileURLWithPath: result.lastLine)
        let measures = try Workspace.measures(at: folder)
        let byName = Dictionary(uniqueKeysWithValues: measures.map { ($0["name"], $0) })
        #expect(byName["田某"].map { [$0["exposure"], $0["stay_region_code"], $0["stay_region_name"], $0["level"], $0["region_name"]] }
                == ["coarse", "420000000000", "湖北省", "low", "湖北省武汉市"])
        #expect(byName["王某"].map { [$0["exposure"], $0["stay_region_code"], $0["stay_region_name"], $0["action"]] }
                == ["coarse", "330203000000", "浙江省宁波市海曙区", "health_monitoring"])
        #expect(byName["李某"].map { [$0["exposure"], $0["stay_region_code"], $0["stay_region_name"]] }
                == ["direct", "420102000000", "湖北省武汉市江岸区"])

        let batch = try Batch(folder.appendingPathComponent("batches/notices-330106001001.pdf"))
        func notice(_ name: String) throws -> String {
            let serial = try #require(byName[name]?["serial"])
            let pages = batch.papers(serial)
            try #require(pages.count == 1, "\(name): \(pages)")
            return batch.page(pages[0])
        }
        let tian = try notice("田某")
        #expect(tian.contains("您于2020年2月1日前曾在湖北省停留（行程记录仅能确定到该地区）"), "\(tian)")
        #expect(tian.contains("该地区范围内的湖北省武汉市为高风险地区，按低风险地区的防控要求"), "\(tian)")
        #expect(!tian.contains("曾在湖北省武汉市") && !tian.contains("曾在武汉市"), "the stay is never placed in the city: \(tian)")
        let wang = try notice("王某")
        #expect(wang.contains("曾在浙江省宁波市海曙区停留") && wang.contains("浙江省宁波市海曙区鼓楼街道为高风险地区"), "\(wang)")
        #expect(!wang.contains("鼓楼街道（低风险地区）") && !wang.contains("曾在浙江省宁波市海曙区鼓楼街道"), "\(wang)")
        let li = try notice("李某")
        #expect(li.contains("曾在湖北省武汉市江岸区停留，该地属湖北省武汉市（高风险地区）"), "\(li)")

        // The worklist and the report word it the same way.
        let worklist = try csvLines(folder.appendingPathComponent("worklists/worklist-330106001001.csv")).joined(separator: "\n")
        #expect(worklist.contains("行程仅知到过湖北省，该地区含湖北省武汉市（高风险地区），按低风险管控"), "\(worklist)")
        #expect(!worklist.contains("曾在湖北省武汉市（"), "\(worklist)")
        let report = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("行程仅知其上级地区"))
    }

    /// The demo district over three nights (scripts/demo.sh): every kind of paper appears, each saying what changed,
    /// and the CSVs and manifest agree with what is printed.
    @Test func threeNightsOfTheDemoLeaveEveryKindOfPaper() throws {
        let dir = try freshCopy(ofFixture: "demo")
        var folders: [URL] = []
        for config in ["riskscreen.toml", "night2/riskscreen.toml", "night3/riskscreen.toml"] {
            let result = try riskscreen(["run", "--config", config, "--out", "out", "--state", "state/s.sqlite"], in: dir)
            try #require(result.status == 0, "\(result)")
            folders.append(URL(fileURLWithPath: result.lastLine))
        }
        let (night2, night3) = (folders[1], folders[2])

        // Night 2: 台州 raised to high amends 张强超 (rule file); a new record of 王英 in 温州 amends hers (stays); a
        // corrected record of 赵永冬 rescinds his (stays); 胡悦芳's new measure ends today; 胡文斌's ended yesterday.
        let measures2 = Dictionary(uniqueKeysWithValues: try Workspace.measures(at: night2).map { ($0["name"], $0) })
        #expect(measures2["张强超"].map { [$0["status"], $0["action"]] } == ["amended", "centralized_quarantine"])
        #expect(measures2["王英"].map { [$0["status"], $0["action"], $0["until"]] } == ["amended", "centralized_quarantine", "2020-02-16"])
        let endingToday = try #require(measures2["胡悦芳"])
        #expect(endingToday["status"] == "new" && endingToday["until"] == "2020-02-07")
        let ws = try Workspace("demo-readers")
        let rescinded2 = try ws.rescinded(in: night2)
        #expect(rescinded2.map { [$0["name"], $0["id_no"], $0["phone"], $0["community_name"], $0["grid_id"], $0["action"], $0["until"]] } == [
            ["赵永冬", "33011119771215866X", "19083446460", "银湖社区", "YH-YH-02", "home_quarantine", "2020-02-11"]])
        #expect(rescinded2.first?["reason"] == "因行程记录更正或补充，按现行规则已不再符合管控条件")
        #expect(try ws.released(in: night2).map { [$0["name"], $0["serial"], $0["release_serial"]] }
                == [["胡文斌", "000000000000-20200206-0001", ""]], "an unassigned visitor never had a printed notice")

        let zhang = try Batch(night2.appendingPathComponent("batches/notices-330111001003.pdf"))
        let zhangPages = zhang.papers(measures2["张强超"]?["serial"] ?? "")
        let amendedByRules = zhang.page(try #require(zhangPages.first))
        #expect(amendedByRules.contains("替代编号为330111001003-20200206-0001的原通知书（原措施：居家隔离，至2020年2月17日）"), "\(amendedByRules)")
        #expect(amendedByRules.contains("变更原因：风险地区名单调整"), "\(amendedByRules)")
        let wang = try Batch(night2.appendingPathComponent("batches/notices-330111002002.pdf"))
        let wangPages = wang.papers(measures2["王英"]?["serial"] ?? "")
        let amendedByStays = wang.page(try #require(wangPages.first))
        #expect(amendedByStays.contains("（原措施：健康监测，至2020年2月9日）") && amendedByStays.contains("变更原因：行程记录更正或补充"))
        let yinhu = try Batch(night2.appendingPathComponent("batches/notices-330111005001.pdf"))
        let rescission = yinhu.page(try #require(yinhu.papers("330111005001-20200206-0001").first))
        #expect(rescission.contains("撤销居家隔离通知") && rescission.contains("因行程记录更正或补充，按现行规则已不再符合管控条件"))
        #expect(rescission.contains("（原措施：居家隔离，至2020年2月11日）"), "\(rescission)")
        #expect(yinhu.page(1).contains("撤销通知1份"), "counted on the cover list")
        // The rescinded person stays on the community's worklist tonight, marked.
        let yinhuList = try csvLines(night2.appendingPathComponent("worklists/worklist-330111005001.csv"))
        #expect(yinhuList.contains { $0.contains(",撤销,330111005001-20200206-0001,赵永冬,") }, "\(yinhuList)")
        // Ending today: listed and marked, never printed.
        let qinwang = try csvLines(night2.appendingPathComponent("worklists/worklist-330111001002.csv"))
        #expect(qinwang.contains { $0.contains(",新增 今日期满,\(endingToday["serial"]),胡悦芳,") }, "\(qinwang)")
        let printed2 = try FileManager.default.contentsOfDirectory(atPath: night2.appendingPathComponent("batches").path)
        #expect(!printed2.contains("notices-330111001002.pdf"), "nothing else to print in 秦望社区 on night 2: \(printed2)")
        let manifest2 = try manifestCounts(night2)
        #expect(manifest2["ending_today"] as? Int == 2 && manifest2["released"] as? Int == 1 && manifest2["release_notices"] as? Int == 0)
        #expect(manifest2["rescission_notices"] as? Int == 1 && manifest2["notices_printed"] as? Int == 2)

        // Night 3: 张建国's home quarantine ended on 02-07: a release notice naming his notice; 胡悦芳's ended unprinted;
        // the 南京 designation is withdrawn, so 曹春浩's notice is rescinded for the rule file.
        let released3 = try ws.released(in: night3)
        #expect(released3.map { [$0["name"], $0["serial"], $0["release_serial"], $0["action"], $0["until"]] } == [
            ["胡悦芳", endingToday["serial"], "", "health_monitoring", "2020-02-07"],
            ["张建国", "330111004002-20200206-0001", "330111004002-20200208-0001", "home_quarantine", "2020-02-07"],
        ])
        let shanshui = try Batch(night3.appendingPathComponent("batches/notices-330111004002.pdf"))
        let release = shanshui.page(try #require(shanshui.papers("330111004002-20200208-0001").first))
        #expect(release.contains("解除隔离医学观察告知书") && release.contains("解除原编号330111004002-20200206-0001"), "\(release)")
        #expect(release.contains("根据编号为330111004002-20200206-0001的《居家隔离通知书》，您自2020年1月25日至2020年2月7日实施居家隔离，期限已满"))
        #expect(release.contains("自2020年2月8日起"))
        #expect(shanshui.page(1).contains("解除告知书1份"))
        let rescinded3 = try ws.rescinded(in: night3)
        #expect(rescinded3.map { [$0["name"], $0["reason"]] } == [["曹春浩", "因风险地区名单调整，按现行规则已不再符合管控条件"]])
        let qinwang3 = try Batch(night3.appendingPathComponent("batches/notices-330111001002.pdf"))
        #expect(qinwang3.page(qinwang3.papers("330111001002-20200206-0001").last ?? 1).contains("撤销居家隔离通知"))
        #expect(!qinwang3.pages.joined().contains(endingToday["serial"]), "no release notice for a measure never printed")
        let manifest3 = try manifestCounts(night3)
        #expect(manifest3["released"] as? Int == 2 && manifest3["release_notices"] as? Int == 1 && manifest3["rescission_notices"] as? Int == 1)
        let report = try String(contentsOf: night3.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("解除告知书") && report.contains("因风险地区名单调整"))
        // explain tells the person's story to its end: the notice, and the release that closed it.
        let story = try riskscreen(["explain", "--state", "state/s.sqlite", "--lang", "en", "--as-of", "2020-02-08", "33018319680315272X"], in: dir)
        #expect(story.status == 0, "\(story)")
        #expect(story.stdout.contains("330111004002-20200206-0001 issued by run 1") &&
                story.stdout.contains("ended, released by run 3 with release notice 330111004002-20200208-0001"), "\(story)")
        let storyZh = try riskscreen(["explain", "--state", "state/s.sqlite", "--lang", "zh", "--as-of", "2020-02-08", "胡悦芳"], in: dir)
        #expect(storyZh.stdout.contains("期满，第 3 次运行解除（未打印解除告知书）"), "\(storyZh)")
        // The store keeps why each notice changed and which measures ended.
        #expect(try ws.sqlAt(dir.appendingPathComponent("state/s.sqlite").path,
                             "SELECT changes FROM notice WHERE status = 'amended' ORDER BY serial") == ["regions", "stays"])
        #expect(try ws.sqlAt(dir.appendingPathComponent("state/s.sqlite").path,
                             "SELECT serial, releaseSerial FROM released ORDER BY runID, serial") == [
            "000000000000-20200206-0001|", "330111001002-20200207-0001|", "330111004002-20200206-0001|330111004002-20200208-0001"])
    }

    /// A new residence snapshot that moves someone amends their notice; the notice and the worklist say why.
    @Test func aMoveToAnotherCommunityIsTheReasonGiven() throws {
        let ws = try Workspace("moved")
        let p1 = person(1)
        try ws.residents("res1.csv", [(p1, Community.xixi, "G1")])
        try ws.travel("t.csv", [("r1", p1, "420102", "2020-02-01", "2020-02-01")])
        try ws.night(asOf: "2020-02-06", residents: ["res1.csv"], travel: ["t.csv"], extra: [])
        try ws.residents("res2.csv", [(p1, Community.cuiyuan, "G7")])
        let folder = try ws.night(asOf: "2020-02-07", residents: ["res2.csv"], extra: [])
        let row = try #require(try ws.measure(of: p1, in: folder))
        #expect(row["status"] == "amended" && row["community_code"] == Community.cuiyuan.code)
        let list = try csvLines(folder.appendingPathComponent("worklists/worklist-\(Community.cuiyuan.code).csv")).joined()
        #expect(list.contains("变更原因：居住社区变更"), "\(list)")
        let batch = try Batch(folder.appendingPathComponent("batches/notices-\(Community.cuiyuan.code).pdf"))
        let page = batch.page(try #require(batch.papers(row["serial"]).first))
        #expect(page.contains("变更原因：居住社区变更") && page.contains("原措施：集中隔离，至2020年2月15日"), "\(page)")
    }

    func manifestCounts(_ folder: URL) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any]
        return try #require(json?["counts"] as? [String: Any])
    }
}

extension Workspace {
    /// Runs a query on any state store (see `sql`).
    func sqlAt(_ path: String, _ query: String) throws -> [String] {
        let script = """
            import sqlite3, sys
            for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print("|".join("" if v is None else str(v) for v in row))
            """
        let r = try runProgram("/usr/bin/env", ["python3", "-c", script, path, query], in: dir)
        try #require(r.status == 0, "\(r)")
        return r.stdout.split(separator: "\n").map(String.init)
    }
}

/// Text with line breaks and spaces removed, for sentences wrapped on paper.
func flat(_ text: String) -> String { text.filter { !$0.isWhitespace } }
