import Foundation
import Testing
import TestSupport

/// Issue 26's friction, through the binary: what a data officer tripped over in the first week.
@Suite struct DayOneFrictionTests {
    /// Two residents named 王芳 in different communities; the first travelled to Wuhan.
    func twoWangFang() throws -> Workspace {
        let ws = try Workspace("explain-name")
        try ws.write("res.csv", "id_no,name,phone,community_code,community_name,grid_id,address\n"
            + "\(person(1)),王芳,13800000001,\(Community.xixi.code),\(Community.xixi.name),G1,一号\n"
            + "\(person(2)),王芳,13800000002,\(Community.cuiyuan.code),\(Community.cuiyuan.name),G2,二号\n")
        try ws.write("tr.csv", "record_id,source,id_no,name,region_code,arrived_on,left_on\nr1,rail,\(person(1)),王芳,420102,2020-02-01,2020-02-02\n")
        try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["tr.csv"])
        return ws
    }

    @Test func explainByANameSharedByTwoListsBothMaskedInTheLanguageAsked() throws {
        let ws = try twoWangFang()
        let en = try riskscreen(["explain", "--state", ws.state, "王芳"], in: ws.dir, environment: plainLocale)
        #expect(en.status == 0, "\(en)")
        #expect(en.stdout.contains("2 people match 王芳; give the ID number of the one meant:"), "\(en)")
        #expect(en.stdout.contains("  cn_id 330106********\(person(1).suffix(4)) 王芳, phone 138****0001, resident of 西溪社区 (330106001001), grid G1"), "\(en)")
        #expect(en.stdout.contains("  cn_id 330106********\(person(2).suffix(4)) 王芳, phone 138****0002, resident of 翠苑社区 (330106002002), grid G2"), "\(en)")
        let zh = try riskscreen(["explain", "--state", ws.state, "王芳"], in: ws.dir, environment: chineseLocale)
        #expect(zh.stdout.contains("有 2 人符合“王芳”；请用证件号码指定其中一人："), "\(zh)")
        #expect(zh.stdout.contains("居住于 翠苑社区（330106002002），网格 G2"), "\(zh)")
        for r in [en, zh] {
            #expect(!r.stdout.contains(person(1)) && !r.stdout.contains(person(2)) && !r.stdout.contains("13800000001"), "masked: \(r)")
        }
    }

    @Test func explainByPhoneFindsTheOneAndNamesThePlaces() throws {
        let ws = try twoWangFang()
        // As an officer types it from a call: with dashes.
        let r = try riskscreen(["explain", "--state", ws.state, "138-0000-0001"], in: ws.dir, environment: plainLocale)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.hasPrefix("cn_id 330106********\(person(1).suffix(4)) (王芳, resident of 西溪社区 330106001001, grid G1)"), "\(r)")
        // The stay and the designation with their place names, not bare codes.
        #expect(r.stdout.contains("stay in 420102000000 2020-02-01..2020-02-02 (湖北省武汉市江岸区)"), "\(r)")
        #expect(r.stdout.contains("inside 湖北省武汉市 (4201, high, rule line 2)"), "\(r)")
        #expect(r.stdout.contains("measure: centralized_quarantine until"), "\(r)")
        let nobody = try riskscreen(["explain", "--state", ws.state, "李四"], in: ws.dir, environment: plainLocale)
        #expect(nobody.status == 1 && nobody.stderr.contains("no resident or traveller in the state store is named 李四"), "\(nobody)")
    }

    @Test func explainAndHistoryTakeTheConfigsState() throws {
        let ws = try twoWangFang()
        try ws.write("riskscreen.toml", "state = \"state/s.sqlite\"\nregions = \"regions.csv\"\npolicy = \"policy.toml\"\n")
        let explain = try riskscreen(["explain", "--config", "riskscreen.toml", "13800000002"], in: ws.dir)
        #expect(explain.status == 0 && explain.stdout.contains("王芳, resident of 翠苑社区"), "\(explain)")
        let history = try riskscreen(["history", "--config", "riskscreen.toml"], in: ws.dir)
        #expect(history.status == 0 && history.stdout.contains("2020-02-06"), "\(history)")
    }

    /// Feeds on the command line beside the config's (SPEC 5): refused unless --only or --add says which is meant.
    @Test func feedsBesideTheConfigsAreRefusedWithoutOnlyOrAdd() throws {
        let dir = try freshCopy(ofFixture: "demo")
        let base = ["run", "--config", "riskscreen.toml", "--out", "out", "--state", "state/s.sqlite", "--no-render", "--travel", "travel_rail.csv"]
        let refused = try riskscreen(base, in: dir)
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("pass --only to read the command line's alone, or --add to read both"), "\(refused)")
        #expect(refused.stderr.contains("travel_telecom.csv") && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/runs").path))

        func inputs(_ r: CommandResult) throws -> [String] {
            let data = try Data(contentsOf: URL(fileURLWithPath: r.lastLine).appendingPathComponent("manifest.json"))
            let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            return (manifest["inputs"] as? [[String: Any]] ?? []).compactMap { ($0["file"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } }
        }
        let only = try riskscreen(base + ["--only", "--dry-run"], in: dir)
        try #require(only.status == 0, "\(only)")
        #expect(try inputs(only) == ["travel_rail.csv"], "\(only)")
        let added = try riskscreen(base + ["--add", "--dry-run"], in: dir)
        try #require(added.status == 0, "\(added)")
        #expect(try inputs(added).sorted() == ["residents.csv", "travel_checkpoint.csv", "travel_rail.csv", "travel_rail.csv", "travel_telecom.csv"])
        // Every run says on stderr which files it read.
        let read = added.stderr.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.contains(" read, ") }
        #expect(read.count == 6, "the rule file and five feeds: \(added)")
        #expect(read.contains { $0.hasPrefix("  travel_rail.csv (travel, utf-8): 220 read") }, "\(added)")
    }

    /// `--as-of` in the SPEC 1.1 date forms a feed accepts; a day that does not exist is refused.
    @Test(arguments: ["2020-2-6", "2020年2月6日", "20200206", "2020/02/06"])
    func asOfTakesTheLooseDateForms(_ date: String) throws {
        let ws = try Workspace("as-of")
        let travel = try ws.travel("t.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-02")])
        let r = try ws.run(asOf: date, travel: [travel])
        #expect(r.status == 0 && r.lastLine.hasSuffix("/out/runs/000001-2020-02-06"), "\(r)")
    }

    @Test func asOfADayThatDoesNotExistIsRefused() throws {
        let ws = try Workspace("as-of-bad")
        let travel = try ws.travel("t.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-02")])
        let r = try ws.run(asOf: "2020-02-30", travel: [travel])
        #expect(r.status == 1 && r.stderr.contains("2020-02-30"), "\(r)")
        #expect(ws.runFolders().isEmpty)
    }

    /// batches/index.csv names each batch's community, so `print` takes a name; `print --run` a run folder's path.
    @Test func batchIndexListsTheCommunitiesAndPrintTakesAPathAndAName() throws {
        let dir = try freshCopy(ofFixture: "demo")
        let run = try riskscreen(["run", "--config", "riskscreen.toml", "--out", "out", "--state", "state/s.sqlite"], in: dir)
        try #require(run.status == 0, "\(run)")
        let folder = URL(fileURLWithPath: run.lastLine)
        let index = try csvRows(folder.appendingPathComponent("batches/index.csv"))
        #expect(index.first == ["community_code", "community_name", "file", "pages", "notices"])
        #expect(index.contains(["330111004002", "山水社区", "notices-330111004002.pdf", "2", "1"]), "\(index)")
        for row in index.dropFirst() {
            #expect(row[2] == "notices-\(row[0]).pdf", "batch files keep their names: \(row)")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("batches/\(row[2])").path), "\(row)")
        }
        // Every new notice of a registered resident is in its community's batch (the unassigned go to the hotline).
        let newNotices = try csvRows(folder.appendingPathComponent("measures.csv")).dropFirst().filter { $0[1] == "new" && !$0[6].isEmpty }.count
        #expect(newNotices > 0 && index.dropFirst().reduce(0) { $0 + (Int($1[4]) ?? 0) } == newNotices)

        // The run as a relative path and the community by name reach the printer step (no such printer: exit 2);
        // a run or a community that does not exist stops before it (exit 1), listing what there is.
        let relative = "out/runs/" + folder.lastPathComponent
        for runArgument in [relative, folder.path, "1"] {
            let p = try riskscreen(["print", "--run", runArgument, "--out", "out", "--community", "山水社区", "--printer", "riskscreen-no-such-queue"], in: dir)
            #expect(p.status == 2 && p.stderr.contains("riskscreen-no-such-queue"), "\(p)")
        }
        let noRun = try riskscreen(["print", "--run", "out/runs/000009-2020-02-09", "--all", "--printer", "x"], in: dir)
        #expect(noRun.status == 1 && noRun.stderr.contains("000009-2020-02-09"), "\(noRun)")
        let noCommunity = try riskscreen(["print", "--run", relative, "--community", "不存在社区", "--printer", "x"], in: dir, environment: chineseLocale)
        #expect(noCommunity.status == 1 && noCommunity.stderr.contains("330111004002 山水社区"), "\(noCommunity)")
    }
}
