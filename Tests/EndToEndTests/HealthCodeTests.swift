import Foundation
import Testing
import TestSupport

/// `health_codes.csv` (SPEC 9): the changes since the last committed run to send to the health-code platform.
@Suite struct HealthCodeTests {
    /// Rows of a run folder's `health_codes.csv`, by ID number.
    func codes(_ ws: Workspace, _ folder: URL) throws -> [String: [String: String]] {
        Dictionary(uniqueKeysWithValues: try ws.table(folder.appendingPathComponent("health_codes.csv"), header: healthCodesHeader).map { ($0["id_no"]!, $0) })
    }

    @Test func newMeasuresGetTheirPolicyColourFromTheAsOfDayToTheirEnd() throws {
        let ws = try Workspace.delivery("codes-new")
        let rows = try codes(ws, ws.latest)
        let serials = try ws.serials()
        #expect(Set(rows.keys) == Set(Delivered.everyone))
        for id in Delivered.xixi + [Delivered.visitor] {
            #expect(rows[id]?["colour"] == "red" && rows[id]?["until"] == "2020-02-15", "\(rows[id] ?? [:])")
        }
        #expect(rows[Delivered.wenzhou]?["colour"] == "red")
        #expect(rows[Delivered.beijing]?["colour"] == "yellow" && rows[Delivered.beijing]?["until"] == "2020-02-08")
        #expect(rows.values.allSatisfy { $0["from"] == "2020-02-06" && $0["id_type"] == "cn_id" })
        #expect(rows.allSatisfy { $0.value["serial"] == serials[$0.key] })
        let reason = try #require(rows[Delivered.wenzhou]?["reason"])
        #expect(reason.contains("温州市") && reason.contains("居家隔离") && reason.contains("2020-02-15") && reason.hasSuffix("。"), "\(reason)")
        #expect(rows[Delivered.xixi[0]]?["name"] == "居民" + Delivered.xixi[0].suffix(4))
    }

    /// Continuing measures are not sent again; an amended one is, with its new end; a rescinded person turns green
    /// with the serial of the notice that ended.
    @Test func onlyChangesAreListedAndARescindedPersonTurnsGreen() throws {
        let ws = try Workspace.delivery("codes-changes")
        let first = try ws.serials()
        // Wenzhou's designation is withdrawn; one Wuhan stay is corrected to a later end.
        try ws.write("regions2.csv", threeLevels.replacingOccurrences(of: "330300,温州市,medium,2020-01-20,\n", with: ""))
        try ws.travel("t2.csv", [("w0", Delivered.xixi[0], "420102", "2020-01-30", "2020-02-03")])
        let night = try ws.night(asOf: "2020-02-07", travel: ["t2.csv"], regions: "regions2.csv")
        let rows = try codes(ws, night)
        #expect(Set(rows.keys) == [Delivered.xixi[0], Delivered.wenzhou])
        let amended = try #require(rows[Delivered.xixi[0]])
        #expect(amended["colour"] == "red" && amended["from"] == "2020-02-07" && amended["until"] == "2020-02-17")
        #expect(amended["serial"] == (try ws.serials())[Delivered.xixi[0]] && amended["serial"] != first[Delivered.xixi[0]])
        let green = try #require(rows[Delivered.wenzhou])
        #expect(green["colour"] == "green" && green["from"] == "2020-02-07" && green["until"] == "")
        #expect(green["serial"] == first[Delivered.wenzhou])
        #expect(green["reason"]?.contains(first[Delivered.wenzhou]!) == true && green["reason"]?.contains("绿码") == true)

        // A night that changes nothing sends nothing.
        let quiet = try ws.night(asOf: "2020-02-07", regions: "regions2.csv")
        #expect(try codes(ws, quiet).isEmpty)
    }

    /// A measure that ran to its end turns the person green on the first night after it, with the serial of the
    /// notice that ended; a rescinded one as well, each listed once.
    @Test func aReleasedPersonTurnsGreen() throws {
        let ws = try Workspace.delivery("codes-released")
        let first = try ws.serials()
        // Beijing's monitoring ends 2020-02-08: released on the night of 2020-02-09.
        let night = try ws.night(asOf: "2020-02-09")
        let rows = try codes(ws, night)
        #expect(Set(rows.keys) == [Delivered.beijing])
        let green = try #require(rows[Delivered.beijing])
        #expect(green["colour"] == "green" && green["from"] == "2020-02-09" && green["until"] == "")
        #expect(green["serial"] == first[Delivered.beijing])
        #expect(green["phone"] == "13800000005" && green["name"] == "居民" + Delivered.beijing.suffix(4))
        #expect(green["reason"] == "健康监测已于2020-02-08期满（通知书\(first[Delivered.beijing]!)），解除管控，恢复绿码。")
        let released = try ws.table(night.appendingPathComponent("released.csv"),
                                    header: "serial,id_type,id_no,name,phone,community_code,community_name,grid_id,address,action,until,release_serial")
        #expect(released.map { $0["id_no"] } == [Delivered.beijing], "the same person released.csv lists")
        #expect(try codes(ws, try ws.night(asOf: "2020-02-10")).isEmpty, "green once, not every night after")
    }

    /// SPEC 6 in the reason: a stay known only at a province that contains a designated city is never stated as a
    /// stay in that city; a direct stay names the stay region and the designated area it lies in.
    @Test func theReasonStatesOnlyWhatIsKnown() throws {
        let ws = try Workspace("codes-reason", regions: wuhanAndWenzhou)
        try ws.residents("res.csv", [(person(1), Community.xixi, "G1"), (person(2), Community.xixi, "G1")])
        try ws.travel("t.csv", [("c1", person(1), "420000", "2020-02-01", "2020-02-01"), ("d1", person(2), "330302", "2020-02-01", "2020-02-01")])
        let night = try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t.csv"])
        let rows = try codes(ws, night)
        let coarse = try #require(rows[person(1)]?["reason"])
        #expect(coarse == "行程仅知到过湖北省（末次相关日2020-02-01），该地区含高风险地区湖北省武汉市，按低风险管控要求健康监测至2020-02-08。", "\(coarse)")
        #expect(!coarse.contains("曾在"))
        #expect(rows[person(1)]?["colour"] == "yellow")
        let direct = try #require(rows[person(2)]?["reason"])
        #expect(direct == "曾在浙江省温州市鹿城区停留（末次暴露日2020-02-01），该地属中风险地区浙江省温州市，按政策居家隔离至2020-02-15。", "\(direct)")
    }

    /// A dry run writes the file it would send, against the last committed run, and commits nothing: a second dry run
    /// gives the same file.
    @Test func aDryRunPreviewsTheChangesAgainstTheLastCommittedRun() throws {
        let ws = try Workspace.delivery("codes-dry")
        try ws.write("regions2.csv", threeLevels.replacingOccurrences(of: "330300,温州市,medium,2020-01-20,\n", with: ""))
        let args = ws.runArguments(asOf: "2020-02-07", regions: "regions2.csv", extra: ["--no-render", "--dry-run"])
        let preview = try riskscreen(args, in: ws.dir)
        try #require(preview.status == 0, "\(preview)")
        let folder = URL(fileURLWithPath: preview.lastLine)
        #expect(folder.path.contains("/previews/"))
        let rows = try codes(ws, folder)
        #expect(Set(rows.keys) == [Delivered.wenzhou])
        #expect(rows[Delivered.wenzhou]?["colour"] == "green")
        #expect(try ws.committedFolders() == ["000001-2020-02-06"])
        let again = try riskscreen(args, in: ws.dir)
        try #require(again.status == 0, "\(again)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: again.lastLine).appendingPathComponent("health_codes.csv"))
                == Data(contentsOf: folder.appendingPathComponent("health_codes.csv")))
    }

    /// `[health_code]` in the policy changes the colour an action gives.
    @Test func thePolicyMapsActionsToColours() throws {
        let ws = try Workspace.delivery("codes-policy", policy: examplePolicy + "[health_code]\nhome_quarantine = \"yellow\"\nhealth_monitoring = \"green\"\n")
        let rows = try codes(ws, ws.latest)
        #expect(rows[Delivered.wenzhou]?["colour"] == "yellow")
        #expect(rows[Delivered.beijing]?["colour"] == "green")
        #expect(rows[Delivered.visitor]?["colour"] == "red")
        try ws.write("bad.toml", examplePolicy + "[health_code]\nhome_quarantine = \"orange\"\n")
        let bad = try ws.run(asOf: "2020-02-07", extra: ["--no-render", "--policy", "bad.toml"])
        #expect(bad.status == 1, "\(bad)")
        #expect(bad.stderr.contains("bad.toml: health_code.home_quarantine: \"orange\" is not one of red, yellow, green"), "\(bad)")
    }
}
