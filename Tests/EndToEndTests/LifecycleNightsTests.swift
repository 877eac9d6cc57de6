import Foundation
import Testing
import TestSupport

/// SPEC 3 across nights: statuses, rescissions and serials against the last committed run, seen through the binary's outputs.
@Suite struct LifecycleNightsTests {
    @Test func newMeasuresContinueWithTheirSerialsOnStoredStaysAndSnapshot() throws {
        let ws = try Workspace("continuing")
        let (p1, p2, p5) = (person(1), person(2), person(5))
        try ws.residents("res.csv", [(p1, Community.xixi, "G1"), (p2, Community.xixi, "G2"), (p5, Community.cuiyuan, "G1")])
        try ws.travel("t1.csv", [("r1", p1, "420102", "2020-01-30", "2020-02-01"), ("r5", p5, "330106", "2020-02-01", "2020-02-02")])
        try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
        let first = try ws.measures()
        #expect(first.map(\.line) == [
            "330106001001-20200206-0001,new,cn_id,\(p1),居民\(p1.suffix(4)),13800000000,330106001001,西溪社区,G1,住址0号,centralized_quarantine,high,420100000000,湖北省武汉市,2020-02-01,2020-02-15,direct,420102000000,湖北省武汉市江岸区",
        ])

        // Night 2: no residence feed, so P2 is placed from the stored snapshot; P1 keeps serial and gets no new notice.
        try ws.travel("t2.csv", [("r2", p2, "330302", "2020-02-03", "2020-02-03")])
        try ws.night(asOf: "2020-02-07", travel: ["t2.csv"])
        let second = try ws.measures()
        #expect(second.map { [$0["serial"], $0["status"], $0["id_no"], $0["community_code"], $0["grid_id"], $0["action"], $0["until"]] } == [
            ["330106001001-20200206-0001", "continuing", p1, Community.xixi.code, "G1", "centralized_quarantine", "2020-02-15"],
            ["330106001001-20200207-0001", "new", p2, Community.xixi.code, "G2", "home_quarantine", "2020-02-17"],
        ])
        #expect(try ws.rescinded().isEmpty)

        // Night 3: no feeds at all; a new designation of Hangzhou re-screens the stored stay of P5.
        try ws.write("regions3.csv", wuhanAndWenzhou + "330100,杭州市,medium,2020-02-01,\n")
        try ws.night(asOf: "2020-02-08", regions: "regions3.csv")
        let third = try ws.measures()
        #expect(third.map { [$0["serial"], $0["status"], $0["id_no"], $0["community_code"], $0["until"]] } == [
            ["330106001001-20200206-0001", "continuing", p1, Community.xixi.code, "2020-02-15"],
            ["330106001001-20200207-0001", "continuing", p2, Community.xixi.code, "2020-02-17"],
            ["330106002002-20200208-0001", "new", p5, Community.cuiyuan.code, "2020-02-16"],
        ])
        #expect(try ws.rescinded().isEmpty)
        #expect(try ws.sql("SELECT count(*) FROM notice") == ["3"], "continuing measures store no new notice")
    }

    /// Visitors without a resident ID (a passport, an `other` ID): their notices are read back from the store by
    /// their stored person keys, and continue the next night with their serials, names and phones.
    @Test func visitorsByPassportAndOtherIDContinueWithTheirSerials() throws {
        let ws = try Workspace("passports")
        try ws.write("v.csv", """
            id_type,id_no,name,phone,region_code,arrived_on
            passport,E12345678,访客甲,13900000001,420102,2020-02-01
            other,G-7788,访客乙,13900000002,420102,2020-02-01

            """)
        try ws.night(asOf: "2020-02-06", travel: ["v.csv"])
        let first = try ws.measures()
        #expect(Set(first.map { [$0["id_type"], $0["id_no"], $0["status"]] }) == [["passport", "E12345678", "new"], ["other", "G-7788", "new"]])

        try ws.night(asOf: "2020-02-07")
        let second = try ws.measures()
        #expect(second.map { [$0["serial"], $0["status"], $0["id_type"], $0["id_no"], $0["name"], $0["phone"]] }
                == first.map { [$0["serial"], "continuing", $0["id_type"], $0["id_no"], $0["name"], $0["phone"]] })
        #expect(try ws.rescinded().isEmpty)
        #expect(try ws.sql("SELECT count(*) FROM notice") == ["2"], "continuing measures store no new notice")
    }

    @Test func aResentTravelRecordWithOtherDaysAmendsAndSupersedes() throws {
        let ws = try Workspace("correction")
        let p1 = person(1)
        try ws.residents("res.csv", [(p1, Community.xixi, "G1")])
        try ws.travel("t1.csv", [("r1", p1, "420102", "2020-01-25", "2020-01-26")])
        try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
        let old = try #require(try ws.measure(of: p1))
        #expect(old["until"] == "2020-02-09")

        // The feed resends r1: the person actually stayed until 02-01.
        try ws.travel("t2.csv", [("r1", p1, "420102", "2020-01-25", "2020-02-01")])
        try ws.night(asOf: "2020-02-07", travel: ["t2.csv"])
        let new = try #require(try ws.measure(of: p1))
        #expect(new["status"] == "amended")
        #expect(new["until"] == "2020-02-15")
        #expect(new["last_exposure_on"] == "2020-02-01")
        #expect(new["serial"] == "330106001001-20200207-0001")
        #expect(try ws.rescinded().isEmpty, "an amended notice is superseded, not rescinded")
        #expect(try ws.sql("SELECT supersedes FROM notice WHERE serial = '\(new["serial"])'") == [old["serial"]])

        let explain = try riskscreen(["explain", "--state", ws.state, p1], in: ws.dir)
        #expect(explain.status == 0, "\(explain)")
        #expect(explain.stdout.contains("\(new["serial"]) issued by run 2: amended centralized_quarantine until 2020-02-15, replaces \(old["serial"])"), "\(explain)")
        #expect(!explain.stdout.contains("330106198001"), "explain masks ID numbers: \(explain)")

        // The stored stay was replaced, not kept beside its correction: a third night still sees until 02-15 only.
        try ws.night(asOf: "2020-02-08")
        #expect(try ws.measure(of: p1)?["status"] == "continuing")
        #expect(try ws.measure(of: p1)?["serial"] == new["serial"])
    }

    /// SPEC 4's manifest counts measures by status and action, over the run and per community (the unassigned
    /// as 未落地), with each community's rescissions: they agree with `measures.csv` and `rescinded.csv` on a
    /// night that has new, amended, continuing and rescinded notices.
    @Test func theManifestCountsAgreeWithTheRunsFiles() throws {
        let ws = try Workspace("manifest-counts")
        let (p1, p2, p3, p4) = (person(1), person(2), person(3), person(4))
        try ws.residents("res.csv", [(p1, Community.xixi, "G1"), (p2, Community.cuiyuan, "G2"), (p4, Community.xixi, "G1")])
        try ws.travel("t1.csv", [("r1", p1, "420102", "2020-01-25", "2020-01-26"), ("r2", p2, "330302", "2020-02-01", "2020-02-01"),
                                 ("r3", p3, "420102", "2020-02-02", "2020-02-02")])
        try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
        // p1 stayed longer (amended), p2 was not in Wenzhou (rescinded), p3 goes on, p4 is new.
        try ws.travel("t2.csv", [("r1", p1, "420102", "2020-01-25", "2020-02-01"), ("r2", p2, "110101", "2020-02-01", "2020-02-01"),
                                 ("r4", p4, "330302", "2020-02-05", "2020-02-05")])
        try ws.night(asOf: "2020-02-07", travel: ["t2.csv"])

        let measures = try ws.measures(), rescinded = try ws.rescinded()
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: ws.latest.appendingPathComponent("manifest.json"))) as? [String: Any])
        func tally(_ rows: [MeasureRow], _ column: String) -> [String: Int] { rows.reduce(into: [:]) { $0[$1[column], default: 0] += 1 } }
        func counts(_ object: Any?, _ key: String) -> [String: Int] { (object as? [String: Any])?[key] as? [String: Int] ?? [:] }
        let total = manifest["counts"] as? [String: Any]
        #expect(total?["measures"] as? Int == measures.count && total?["rescinded"] as? Int == rescinded.count)
        #expect(counts(total, "by_status") == ["new": 1, "amended": 1, "continuing": 1])
        #expect(counts(total, "by_status") == tally(measures, "status") && counts(total, "by_action") == tally(measures, "action"))

        let communities = try #require(manifest["communities"] as? [[String: Any]])
        // In code order, the unassigned last; 翠苑 is listed for its rescission alone.
        let names = [Community.xixi.code: Community.xixi.name, Community.cuiyuan.code: Community.cuiyuan.name, "": "未落地"]
        #expect(communities.compactMap { $0["code"] as? String } == [Community.xixi.code, Community.cuiyuan.code, ""])
        for c in communities {
            let code = c["code"] as? String ?? "?"
            let rows = measures.filter { $0["community_code"] == code }
            #expect(c["name"] as? String == names[code], "\(code)")
            #expect(c["measures"] as? Int == rows.count && c["rescinded"] as? Int == rescinded.filter { $0["community_code"] == code }.count, "\(code)")
            #expect(counts(c, "by_status") == tally(rows, "status") && counts(c, "by_action") == tally(rows, "action"), "\(code)")
        }
        #expect(counts(communities.first { $0["code"] as? String == Community.xixi.code }, "by_status") == ["new": 1, "amended": 1])
    }

    /// SPEC 1.3 when the replaced stay lies between others of its stored file (which is read as a view, the
    /// replaced stay skipped in place): the corrected record alone changes, the stays before and after it still
    /// count with their visitors' names, on the night of the correction and on the next one without feeds, and
    /// `explain` shows only the corrected stay.
    @Test func aRecordResentFromTheMiddleOfAStoredFileReplacesItAloneThere() throws {
        let ws = try Workspace("resent-middle")
        let (p1, p2, p3, p4) = (person(1), person(2), person(3), person(4))
        try ws.residents("res.csv", [(p1, Community.xixi, "G1")])
        try ws.travel("t1.csv", [("r1", p2, "420102", "2020-02-01", "2020-02-02"), ("r2", p1, "420102", "2020-01-30", "2020-01-31"),
                                 ("r3", p3, "420102", "2020-02-03", "2020-02-03"), ("r4", p4, "330302", "2020-02-04", "2020-02-04")])
        try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
        #expect(try ws.measure(of: p1)?["action"] == "centralized_quarantine")

        // r2 is resent: p1 was in Beijing, not Wuhan.
        try ws.travel("t2.csv", [("r2", p1, "110101", "2020-01-30", "2020-01-31")])
        for (asOf, feeds, rescinded) in [("2020-02-07", ["t2.csv"], [p1]), ("2020-02-08", [], [])] {
            try ws.night(asOf: asOf, travel: feeds)
            #expect(try ws.measure(of: p1) == nil, "\(asOf): the replaced stay no longer counts")
            #expect(try ws.rescinded().map { $0["id_no"] } == rescinded, "\(asOf)")
            for (p, action) in [(p2, "centralized_quarantine"), (p3, "centralized_quarantine"), (p4, "home_quarantine")] {
                let m = try #require(try ws.measure(of: p), "\(asOf): the stays around the replaced one still count")
                #expect([m["status"], m["action"], m["name"]] == ["continuing", action, "旅客\(p.suffix(4))"], "\(asOf)")
            }
        }

        let explain = try riskscreen(["explain", "--state", ws.state, p1], in: ws.dir)
        #expect(explain.status == 0, "\(explain)")
        #expect(explain.stdout.contains("stay in 110101000000") && !explain.stdout.contains("stay in 420102000000"), "\(explain)")
    }

    /// A night that finds `Store.staysFilesToMerge` (3) stays files stored writes every stay in force as its own
    /// file, which replaces them at its commit: it screens what a dry run beside it screens, byte for byte, leaves one
    /// stays file, and the night after it continues every measure from that file.
    @Test func theNightThatFindsThreeStaysFilesMergesThemIntoItsOwn() throws {
        let ws = try Workspace("merged-files")
        try ws.storedNightsBeforeAMerge()
        #expect(try ws.staysFiles().count == 3)
        let preview = try ws.night(asOf: "2020-02-06", travel: ["t4.csv"], extra: ["--no-render", "--force", "--dry-run"])
        #expect(try ws.staysFiles().count == 3, "a dry run writes nothing")
        let merged = try ws.night(asOf: "2020-02-06", travel: ["t4.csv"], extra: ["--no-render", "--force"])
        let files = try ws.staysFiles()
        #expect(files == ["stays-4.bin"], "the stored runs' files replaced by the run's own: \(files)")
        for file in ["measures.csv", "rescinded.csv"] {
            #expect(try Data(contentsOf: preview.appendingPathComponent(file)) == Data(contentsOf: merged.appendingPathComponent(file)), "\(file)")
        }
        // Persons 2 and 3 from their stored stays (2's as the third night re-sent it), 4 from tonight's.
        let screened = try ws.measures(in: merged)
        #expect(screened.compactMap { $0["id_no"] } == [person(2), person(3), person(4)], "\(screened)")
        #expect(try ws.measure(of: person(1)) == nil, "person 1's re-sent stay in Beijing replaced the stored one")

        let next = try ws.night(asOf: "2020-02-06", extra: ["--no-render", "--force"])
        let again = try ws.measures(in: next)
        #expect(again.map(\.withoutStatus) == screened.map(\.withoutStatus) && again.allSatisfy { $0["status"] == "continuing" })
    }

    /// SPEC 1.1 accepts every real date, and SPEC 1.3 keeps stays in the store: a visitor's stay from the first day of
    /// year 1 to the last of year 9999 is screened, stored and screened again from the store on the next night with
    /// its days, region and name intact (the store packs days and the contact into a few bits each).
    @Test func aStayFromYearOneToYearNineThousandNineHundredNinetyNineKeepsItsDaysInTheStore() throws {
        let ws = try Workspace("extreme-days")
        let (p1, p2) = (person(1), person(2))
        try ws.travel("t1.csv", [("r1", p1, "420102", "0001-01-01", "9999-12-31"), ("r2", p2, "330302", "2020-02-03", "2020-02-03")])
        try ws.night(asOf: "2020-02-06", travel: ["t1.csv"])
        let first = try #require(try ws.measure(of: p1))
        #expect([first["action"], first["region_code"], first["last_exposure_on"], first["until"], first["name"]]
                 == ["centralized_quarantine", "420100000000", "2020-02-06", "2020-02-20", "旅客\(p1.suffix(4))"])

        // No feeds: both stays come back from the store; the window has moved a day, so p1's exposure has too.
        try ws.night(asOf: "2020-02-07")
        let second = try #require(try ws.measure(of: p1))
        #expect([second["status"], second["last_exposure_on"], second["until"], second["name"]]
                 == ["amended", "2020-02-07", "2020-02-21", "旅客\(p1.suffix(4))"])
        #expect(try ws.measure(of: p2)?["status"] == "continuing")

        let explain = try riskscreen(["explain", "--state", ws.state, p1], in: ws.dir)
        #expect(explain.status == 0, "\(explain)")
        // Both ends as stored, in the `YYYY-MM-DD` form of SPEC 4 (the year padded to four digits).
        #expect(explain.stdout.contains("stay in 420102000000 0001-01-01..9999-12-31"), "\(explain)")
    }

    @Test func aRemovedDesignationRescindsMeasuresInForce() throws {
        let ws = try Workspace("rescind")
        let (p1, p2, p3) = (person(1), person(2), person(3))
        try ws.residents("res.csv", [(p1, Community.xixi, "G1"), (p2, Community.xixi, "G2")])
        try ws.travel("t1.csv", [
            ("r1", p1, "330302", "2020-02-03", "2020-02-03"),  // Wenzhou: home quarantine
            ("r2", p2, "420102", "2020-02-01", "2020-02-01"),  // Wuhan: stays in force
            ("r3", p3, "330303", "2020-02-02", "2020-02-02"),  // Wenzhou, a visitor
        ])
        try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
        let before = try ws.measures()
        #expect(before.count == 3)
        let s1 = try #require(before.first { $0["id_no"] == p1 })["serial"]
        let s3 = try #require(before.first { $0["id_no"] == p3 })["serial"]
        #expect(s3.hasPrefix("000000000000-20200206-"))

        try ws.write("wuhan-only.csv", "region_code,region_name,risk_level,from,to\n420100,武汉市,high,2020-01-01,\n")
        try ws.night(asOf: "2020-02-07", regions: "wuhan-only.csv")
        #expect(try ws.measures().map { [$0["id_no"], $0["status"]] } == [[p2, "continuing"]])
        let rescinded = try ws.rescinded()
        #expect(rescinded.map { [$0["serial"]!, $0["id_type"]!, $0["id_no"]!, $0["community_code"]!] } == [
            [s3, "cn_id", p3, ""],
            [s1, "cn_id", p1, Community.xixi.code],
        ].sorted { $0[0] < $1[0] })
        #expect(rescinded.allSatisfy { !($0["reason"] ?? "").isEmpty })

        // Rescinded once: the next night has nothing left to rescind.
        try ws.night(asOf: "2020-02-08", regions: "wuhan-only.csv")
        #expect(try ws.rescinded().isEmpty)
        #expect(try ws.sql("SELECT count(*) FROM rescission") == ["2"])
    }

    @Test func aMeasureThatEndedIsNeitherListedNorRescinded() throws {
        let ws = try Workspace("ended")
        let (p1, p2) = (person(1), person(2))
        try ws.residents("res.csv", [(p1, Community.xixi, "G1"), (p2, Community.xixi, "G2")])
        try ws.travel("t1.csv", [("r1", p1, "420102", "2020-01-25", "2020-01-26"), ("r2", p2, "420102", "2020-02-01", "2020-02-01")])
        try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
        #expect(try ws.measure(of: p1)?["until"] == "2020-02-09")

        // In force on its last day ...
        try ws.night(asOf: "2020-02-09")
        #expect(try ws.measure(of: p1)?["status"] == "continuing")
        // ... and gone the day after, without a rescission.
        try ws.night(asOf: "2020-02-10")
        #expect(try ws.measures().map { [$0["id_no"], $0["status"]] } == [[p2, "continuing"]])
        #expect(try ws.rescinded().isEmpty)
    }

    @Test func aNewResidenceSnapshotMovingSomeoneAmendsWithANewSerial() throws {
        let ws = try Workspace("moved")
        let (p1, p2) = (person(1), person(2))
        try ws.residents("res1.csv", [(p1, Community.xixi, "G1"), (p2, Community.xixi, "G2")])
        try ws.travel("t1.csv", [("r1", p1, "420102", "2020-02-01", "2020-02-01"), ("r2", p2, "420102", "2020-02-01", "2020-02-01")])
        try ws.night(asOf: "2020-02-06", residents: ["res1.csv"], travel: ["t1.csv"])
        let old = try #require(try ws.measure(of: p1))

        try ws.residents("res2.csv", [(p1, Community.cuiyuan, "G7"), (p2, Community.xixi, "G2")])
        try ws.night(asOf: "2020-02-07", residents: ["res2.csv"])
        let rows = try ws.measures()
        #expect(rows.map { [$0["serial"], $0["status"], $0["id_no"], $0["community_code"], $0["grid_id"]] } == [
            ["330106001001-20200206-0002", "continuing", p2, Community.xixi.code, "G2"],
            ["330106002002-20200207-0001", "amended", p1, Community.cuiyuan.code, "G7"],
        ])
        #expect(old["serial"] == "330106001001-20200206-0001")
        #expect(try ws.sql("SELECT supersedes FROM notice WHERE serial = '330106002002-20200207-0001'") == [old["serial"]])
        #expect(try ws.rescinded().isEmpty)
    }

    @Test func anUnassignedVisitorListedByTheResidenceFeedIsAmended() throws {
        let ws = try Workspace("assigned")
        let (p1, p3) = (person(1), person(3))
        try ws.residents("res1.csv", [(p1, Community.xixi, "G1")])
        try ws.travel("t1.csv", [("r1", p1, "420102", "2020-02-01", "2020-02-01"), ("r3", p3, "420102", "2020-02-02", "2020-02-02")])
        try ws.night(asOf: "2020-02-06", residents: ["res1.csv"], travel: ["t1.csv"])
        let before = try ws.measures()
        // Unassigned people are listed, last, with an empty community.
        #expect(before.map { [$0["serial"], $0["id_no"], $0["community_code"], $0["name"]] } == [
            ["330106001001-20200206-0001", p1, Community.xixi.code, "居民\(p1.suffix(4))"],
            ["000000000000-20200206-0001", p3, "", "旅客\(p3.suffix(4))"],
        ])

        try ws.residents("res2.csv", [(p1, Community.xixi, "G1"), (p3, Community.cuiyuan, "G3")])
        try ws.night(asOf: "2020-02-07", residents: ["res2.csv"])
        let after = try #require(try ws.measure(of: p3))
        #expect(after["status"] == "amended")
        #expect(after["community_code"] == Community.cuiyuan.code)
        #expect(after["serial"] == "330106002002-20200207-0001")
        #expect(try ws.sql("SELECT supersedes FROM notice WHERE serial = '\(after["serial"])'") == ["000000000000-20200206-0001"])
        #expect(try ws.measure(of: p1)?["status"] == "continuing")
    }

    @Test func onlyIssuedNoticesAndRescissionsArePrinted() throws {
        let ws = try Workspace("rendered")
        let (p1, p2) = (person(1), person(2))
        try ws.residents("res.csv", [(p1, Community.xixi, "G1"), (p2, Community.cuiyuan, "G1")])
        try ws.travel("t1.csv", [("r1", p1, "420102", "2020-02-01", "2020-02-01"), ("r2", p2, "330302", "2020-02-02", "2020-02-02")])
        let first = try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"], extra: [])
        func pdfs(_ folder: URL) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("batches").path)) ?? []).filter { $0.hasSuffix(".pdf") }.sorted()
        }
        #expect(pdfs(first).count == 2, "one batch per community with new notices: \(pdfs(first))")
        #expect(pdfs(first).allSatisfy { $0.contains(Community.xixi.code) || $0.contains(Community.cuiyuan.code) }, "\(pdfs(first))")

        // Nothing changes: nothing to print. Then Wenzhou is lifted: only 翠苑 gets a batch, with the rescission.
        let second = try ws.night(asOf: "2020-02-07", extra: [])
        #expect(pdfs(second).isEmpty, "\(pdfs(second))")
        try ws.write("wuhan-only.csv", "region_code,region_name,risk_level,from,to\n420100,武汉市,high,2020-01-01,\n")
        let third = try ws.night(asOf: "2020-02-08", regions: "wuhan-only.csv", extra: [])
        #expect(pdfs(third).count == 1 && pdfs(third).allSatisfy { $0.contains(Community.cuiyuan.code) }, "\(pdfs(third))")
        #expect(try ws.rescinded().map { $0["id_no"] } == [p2])
    }

    @Test func anAsOfDateBeforeTheLastRunIsRefusedUnlessForced() throws {
        let ws = try Workspace("backwards")
        try ws.travel("t1.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-01")])
        try ws.night(asOf: "2020-02-06", travel: ["t1.csv"])
        let history = try ws.history()

        let refused = try ws.run(asOf: "2020-02-05")
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("2020-02-05") && refused.stderr.contains("2020-02-06") && refused.stderr.contains("--force"), "\(refused)")
        #expect(try ws.history() == history)
        #expect(ws.latestName() == "000001-2020-02-06")

        let sameDay = try ws.run(asOf: "2020-02-06")
        #expect(sameDay.status == 0, "the same as-of date again is not going backwards: \(sameDay)")

        let forced = try ws.run(asOf: "2020-02-05", extra: ["--no-render", "--force"])
        #expect(forced.status == 0, "\(forced)")
        #expect(try ws.history().contains("run 3 as-of 2020-02-05 (forced)"))
        #expect(ws.latestName() == "000003-2020-02-05")
    }
}
