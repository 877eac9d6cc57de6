import Foundation
import Testing
import TestSupport

/// `riskscreen feedback` (SPEC 8): returned worklists and scan lists recorded, checked and never recorded twice.
@Suite struct FeedbackTests {
    /// A returned CSV worklist with reordered and extra columns, and a scan list: each outcome recorded, counted per
    /// outcome and community; the next night's `followup.csv`, report and manifest say what to chase.
    @Test func aReturnedWorklistAndAScanListCloseTheLoopOnTheNextNight() throws {
        let ws = try Workspace.delivery("feedback-loop")
        let s = try ws.serials()
        let x = Delivered.xixi
        // As a worker's spreadsheet saves it: columns moved, one added, dates in several SPEC 1.1 forms.
        try ws.write("returned.csv", """
            备注,通知书编号,姓名,送达日期,送达结果,核对人
            本人签收,\(s[x[0]]!),甲,2020/2/6,已送达,李
            ,\(s[x[1]]!),乙,2020-02-07,拒收,李
            敲门无人,\(s[x[2]]!),丙,2020年2月7日,查无此人,李
            已返回原籍,\(s[x[3]]!),丁,,已离开本地,李
            ,\(s[Delivered.wenzhou]!),戊,,待送达,李
            ,\(s[Delivered.beijing]!),己,,,李

            """)
        try ws.write("scans.txt", "\(s[Delivered.visitor]!)\n")
        let r = try ws.recordFeedback(["returned.csv", "scans.txt"])
        #expect(r.stdout.contains("returned.csv: worklist, 6 rows: 4 recorded, 2 blank or 待送达, 0 rejected"), "\(r)")
        #expect(r.stdout.contains("scans.txt: scan list, 1 rows: 1 recorded"), "\(r)")
        #expect(r.stdout.contains("recorded 5 outcomes as of 2020-02-07: delivered 2, refused 1, not found 1, left 1"), "\(r)")
        #expect(r.stdout.contains("  330106001001 西溪社区: delivered 1, refused 1, not found 1, left 1"), "\(r)")
        #expect(r.stdout.contains("  unassigned: delivered 1"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: ws.dir.appendingPathComponent("returned.csv.rejects.csv").path))
        #expect(try ws.recordedOutcomes() == [
            "\(s[x[0]]!) delivered 2020-02-06", "\(s[x[1]]!) refused 2020-02-07", "\(s[x[2]]!) not_found 2020-02-07",
            "\(s[x[3]]!) left 2020-02-07", "\(s[Delivered.visitor]!) delivered 2020-02-07",
        ])
        #expect(try ws.sql("SELECT note FROM deliveryOutcome WHERE note != '' ORDER BY id") == ["本人签收", "敲门无人", "已返回原籍"])

        // The next night: two days after the issue, the notices with nothing reported are overdue.
        let night = try ws.night(asOf: "2020-02-08")
        let rows = try ws.table(night.appendingPathComponent("followup.csv"), header: followUpHeader)
        #expect(rows.map { "\($0["id_no"]!) \($0["issue"]!) \($0["outcome"]!) \($0["issued_on"]!) \($0["feedback_on"]!)" } == [
            "\(x[1]) refused 拒收 2020-02-06 2020-02-07",
            "\(x[2]) not_found 查无此人 2020-02-06 2020-02-07",
            "\(x[3]) left 已离开本地 2020-02-06 2020-02-07",
            "\(Delivered.wenzhou) overdue 待送达 2020-02-06 ",
            "\(Delivered.beijing) overdue 待送达 2020-02-06 ",
        ])
        #expect(rows[0]["serial"] == s[x[1]] && rows[0]["community_code"] == Community.xixi.code && rows[0]["grid_id"] == "G1")

        let manifest = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: night.appendingPathComponent("manifest.json"))) as? [String: Any])
        let counts = try #require(manifest["counts"] as? [String: Any])
        #expect(counts["delivery"] as? [String: Int] == ["issued": 7, "delivered": 2, "refused": 1, "not_found": 1, "left": 1, "pending": 0, "overdue": 2])
        let communities = try #require(manifest["communities"] as? [[String: Any]])
        #expect(communities.first { $0["code"] as? String == Community.cuiyuan.code }?["delivery"] as? [String: Int]
                == ["issued": 2, "delivered": 0, "refused": 0, "not_found": 0, "left": 0, "pending": 0, "overdue": 2])
        #expect((manifest["files"] as? [String])?.contains("followup.csv") == true)

        let report = try String(contentsOf: night.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("data-community=\"\(Community.xixi.code)\" data-issued=\"4\" data-delivered=\"1\" data-refused=\"1\" data-not-found=\"1\" data-left=\"1\" data-pending=\"0\" data-overdue=\"0\""))
        #expect(report.contains("data-community=\"\(Community.cuiyuan.code)\" data-issued=\"2\" data-delivered=\"0\" data-refused=\"0\" data-not-found=\"0\" data-left=\"0\" data-pending=\"0\" data-overdue=\"2\""))
        #expect(report.contains("<div class=\"card overdue\"><div class=\"value\">2</div>"))
    }

    /// The first night after the issue nothing is overdue yet; with `delivery_days = 0` it is.
    @Test func deliveryDaysFromTheConfigDecidesWhenAPendingNoticeIsOverdue() throws {
        let ws = try Workspace.delivery("feedback-days")
        let next = try ws.night(asOf: "2020-02-07")
        #expect(try ws.table(next.appendingPathComponent("followup.csv"), header: followUpHeader).isEmpty)
        try ws.write("strict.toml", "delivery_days = 0\n")
        let strict = try ws.night(asOf: "2020-02-07", extra: ["--no-render", "--config", "strict.toml"])
        let rows = try ws.table(strict.appendingPathComponent("followup.csv"), header: followUpHeader)
        #expect(Set(rows.map { $0["id_no"]! }) == Set(Delivered.everyone))
        #expect(rows.allSatisfy { $0["issue"] == "overdue" && $0["outcome"] == "待送达" && $0["feedback_on"] == "" })
    }

    /// A file imported before (same bytes) is skipped and said so; nothing is recorded twice.
    @Test func aFileImportedBeforeIsSkipped() throws {
        let ws = try Workspace.delivery("feedback-again")
        let s = try ws.serials()
        try ws.write("scans.csv", "内容\n\(s[Delivered.xixi[0]]!)\n\(s[Delivered.xixi[1]]!)\n")
        try ws.recordFeedback(["scans.csv"])
        let again = try ws.recordFeedback(["scans.csv"], date: "2020-02-08")
        #expect(again.stdout.contains("scans.csv: skipped, imported before on 2020-02-07"), "\(again)")
        #expect(again.stdout.contains("recorded 0 outcomes"), "\(again)")
        #expect(try ws.recordedOutcomes().count == 2)
        // The same receipts scanned again into another file, on the same day: already recorded, not recorded twice.
        try ws.write("scans2.txt", "\(s[Delivered.xixi[1]]!)\r\n\(s[Delivered.xixi[2]]!)\r\n")
        let other = try ws.recordFeedback(["scans2.txt"])
        #expect(other.stdout.contains("scans2.txt: scan list, 2 rows: 1 recorded, 0 blank or 待送达, 1 already recorded, 0 rejected"), "\(other)")
        #expect(try ws.recordedOutcomes().count == 3)
    }

    /// Unknown serials, bad outcomes and bad dates go to FILE.rejects.csv with line, column and reason; above the reject
    /// rate nothing at all is recorded and the command exits 2.
    @Test func badRowsAreRejectedBesideTheFileAndTooManyRecordNothing() throws {
        let ws = try Workspace.delivery("feedback-rejects")
        let s = try ws.serials()
        let x = Delivered.xixi
        try ws.write("good.txt", "\(s[Delivered.visitor]!)\n")
        try ws.write("returned.csv", """
            通知书编号,送达结果,送达日期
            \(s[x[0]]!),已送达,2020-02-07
            330106001001-20200206-9999,已送达,2020-02-07
            \(s[x[1]]!),签收,2020-02-07
            \(s[x[2]]!),拒收,2020-02-30
            \(s[x[3]]!),查无此人,2020-02-09
            \(s[Delivered.wenzhou]!),已送达,2020-02-05
            ,拒收,2020-02-07

            """)
        let refused = try ws.feedback(["good.txt", "returned.csv"])
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("returned.csv: 6 of 7 rows rejected (85.7%, limit 1.0%)"), "\(refused)")
        #expect(refused.stderr.contains("nothing was recorded"), "\(refused)")
        #expect(try ws.recordedOutcomes().isEmpty, "not even the good file's outcome")

        let rejects = try ws.table(ws.dir.appendingPathComponent("returned.csv.rejects.csv"), header: "feed,file,line,column,reason,raw,code")
        #expect(rejects.map { "\($0["line"]!) \($0["column"]!)" } == ["3 通知书编号", "4 送达结果", "5 送达日期", "6 送达日期", "7 送达日期", "8 通知书编号"])
        #expect(rejects.allSatisfy { $0["file"] == "returned.csv" && $0["feed"] == "worklist" })
        #expect(rejects[0]["reason"]?.contains("no notice has the serial 330106001001-20200206-9999") == true)
        #expect(rejects[1]["reason"]?.hasPrefix("\"签收\" is not one of 已送达, 拒收, 查无此人, 已离开本地, 待送达") == true)
        #expect(rejects[2]["reason"]?.contains("2020-02-30") == true)
        #expect(rejects[3]["reason"]?.contains("after the import's date 2020-02-07") == true)
        #expect(rejects[4]["reason"]?.contains("before the notice was issued (2020-02-06)") == true)
        #expect(rejects[0]["raw"] == "330106001001-20200206-9999,已送达,2020-02-07")
        // SPEC 11: each reason's stable code, the same in every language.
        #expect(rejects.map { $0["code"]! } == ["unknown_serial", "unknown_outcome", "date_nonexistent", "date_after_import", "date_before_issue", "serial_empty"])

        let allowed = try ws.recordFeedback(["good.txt", "returned.csv"], extra: ["--max-reject-rate", "0.9"])
        #expect(allowed.stdout.contains("returned.csv: worklist, 7 rows: 1 recorded, 0 blank or 待送达, 6 rejected (returned.csv.rejects.csv)"), "\(allowed)")
        #expect(try ws.recordedOutcomes() == ["\(s[Delivered.visitor]!) delivered 2020-02-07", "\(s[x[0]]!) delivered 2020-02-07"])
    }

    /// Feedback for a notice an amendment superseded is kept as history and counted, not rejected; the new notice
    /// starts pending.
    @Test func feedbackForASupersededNoticeIsHistory() throws {
        let ws = try Workspace.delivery("feedback-history")
        let old = try ws.serials()
        // A corrected stay moves the last exposure: a new notice supersedes the old.
        try ws.travel("t2.csv", [("w0", Delivered.xixi[0], "420102", "2020-01-30", "2020-02-03")])
        try ws.night(asOf: "2020-02-07", travel: ["t2.csv"])
        let new = try ws.serials()
        try #require(new[Delivered.xixi[0]] != old[Delivered.xixi[0]])
        try ws.write("returned.csv", "通知编号,送达结果,送达日期\n\(old[Delivered.xixi[0]]!),已送达,2020-02-07\n")
        let r = try ws.recordFeedback(["returned.csv"])
        #expect(r.stdout.contains("1 recorded, 1 of them for notices no longer in force, kept as history (1 superseded)"), "\(r)")
        let night = try ws.night(asOf: "2020-02-09")
        let rows = try ws.table(night.appendingPathComponent("followup.csv"), header: followUpHeader)
        #expect(rows.first { $0["id_no"] == Delivered.xixi[0] }?["serial"] == new[Delivered.xixi[0]])
        #expect(rows.first { $0["id_no"] == Delivered.xixi[0] }?["issued_on"] == "2020-02-07")
    }

    /// A release notice's serial (SPEC 7) scanned back is known: history of a measure that ended, not a reject.
    @Test func aReleaseNoticeScannedBackIsHistory() throws {
        let ws = try Workspace.delivery("feedback-release")
        let night = try ws.night(asOf: "2020-02-09")
        let released = try ws.table(night.appendingPathComponent("released.csv"),
                                    header: "serial,id_type,id_no,name,phone,community_code,community_name,grid_id,address,action,until,release_serial")
        let release = try #require(released.first { $0["id_no"] == Delivered.beijing }?["release_serial"])
        try #require(!release.isEmpty, "a printed notice gets a printed release notice")
        try ws.write("scans.txt", release + "\n")
        let r = try ws.recordFeedback(["scans.txt"], date: "2020-02-09")
        #expect(r.stdout.contains("1 recorded, 1 of them for notices no longer in force, kept as history (1 released)"), "\(r)")
        #expect(r.stdout.contains("  \(Community.cuiyuan.code) 翠苑社区: delivered 1"), "\(r)")
    }

    /// `purge` takes a grid worker's remark with the rest of a person's data once the measure ended; the outcome stays.
    @Test func purgeRemovesTheRemarksOfEndedMeasures() throws {
        let ws = try Workspace.delivery("feedback-purge")
        let s = try ws.serials()
        try ws.write("returned.csv", """
            通知书编号,送达结果,送达日期,备注
            \(s[Delivered.beijing]!),已送达,2020-02-06,母亲代签 13900000000
            \(s[Delivered.wenzhou]!),已送达,2020-02-06,本人签收

            """)
        try ws.recordFeedback(["returned.csv"])
        // Beijing's monitoring ended 2020-02-08; Wenzhou's home quarantine runs to 2020-02-15.
        let purged = try riskscreen(["purge", "--state", ws.state, "--before", "2020-02-10"], in: ws.dir)
        try #require(purged.status == 0, "\(purged)")
        #expect(try ws.sql("SELECT serial || ' ' || outcome || ' ' || note FROM deliveryOutcome ORDER BY id") == [
            "\(s[Delivered.beijing]!) delivered ", "\(s[Delivered.wenzhou]!) delivered 本人签收",
        ])
    }

    /// A dry run checks and writes FILE.rejects.csv but records nothing; the file can be imported afterwards.
    @Test func aDryRunRecordsNothing() throws {
        let ws = try Workspace.delivery("feedback-dry")
        let s = try ws.serials()
        try ws.write("scans.txt", "\(s[Delivered.visitor]!)\nnot a serial\n")
        let dry = try ws.recordFeedback(["scans.txt"], extra: ["--dry-run", "--max-reject-rate", "0.5"])
        #expect(dry.stdout.contains("would record (dry run: nothing recorded) 1 outcomes"), "\(dry)")
        #expect(try ws.recordedOutcomes().isEmpty)
        #expect(try ws.table(ws.dir.appendingPathComponent("scans.txt.rejects.csv"), header: "feed,file,line,column,reason,raw,code").map { $0["line"] } == ["2"])
        try ws.recordFeedback(["scans.txt"], extra: ["--max-reject-rate", "0.5"])
        #expect(try ws.recordedOutcomes().count == 1)
    }

    /// Feedback takes the store's lock like a run: a held lock stops it at once with status 3.
    @Test func feedbackWaitsForNoRunHoldingTheLock() throws {
        let ws = try Workspace.delivery("feedback-lock")
        let s = try ws.serials()
        try ws.write("scans.txt", "\(s[Delivered.visitor]!)\n")
        let fd = open(ws.state + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        try #require(fd >= 0)
        try #require(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let held = try ws.feedback(["scans.txt"])
        flock(fd, LOCK_UN)
        close(fd)
        #expect(held.status == 3, "\(held)")
        #expect(held.stderr.contains(ws.state + ".lock"), "\(held)")
        #expect(try ws.recordedOutcomes().isEmpty)
        try ws.recordFeedback(["scans.txt"])
    }

    /// Usage and input errors exit as `run` does: no store 1, a worklist without 送达结果 2.
    @Test func exitStatusesFollowRun() throws {
        let ws = try Workspace.delivery("feedback-exits")
        try ws.write("old.csv", "通知编号,姓名,已送达,已签收\n\(try ws.serials()[Delivered.visitor]!),甲,✓,✓\n")
        let old = try ws.feedback(["old.csv"])
        #expect(old.status == 2, "\(old)")
        #expect(old.stderr.contains("old.csv:1: a worklist without a 送达结果 column"), "\(old)")
        let noStore = try riskscreen(["feedback", "--state", "nowhere.sqlite", "old.csv"], in: ws.dir)
        #expect(noStore.status == 1, "\(noStore)")
        #expect(!FileManager.default.fileExists(atPath: ws.dir.appendingPathComponent("nowhere.sqlite").path))
        let noFiles = try riskscreen(["feedback", "--state", ws.state], in: ws.dir)
        #expect(noFiles.status == 1, "\(noFiles)")
        let missing = try ws.feedback(["missing.xlsx"])
        #expect(missing.status == 2, "\(missing)")
    }
}
