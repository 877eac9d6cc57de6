import Foundation
import Testing
import TestSupport

/// Serial numbers (unique for ever, readable, deterministic) and dry runs, seen through the binary.
@Suite struct LifecycleSerialTests {
    /// Ten people: five residents of two communities and five visitors, all exposed in Wuhan or Wenzhou.
    static func prepare(_ ws: Workspace) throws {
        var residents: [(id: String, community: (code: String, name: String), grid: String)] = []
        var stays: [(record: String, id: String, region: String, arrived: String, left: String)] = []
        for n in 1...10 {
            if n <= 5 { residents.append((person(n), n % 2 == 0 ? Community.cuiyuan : Community.xixi, "G\(n % 3)")) }
            stays.append(("r\(n)", person(n), n % 3 == 0 ? "330302" : "420102", "2020-01-3\(n % 2)", "2020-02-0\(n % 4 + 1)"))
        }
        try ws.residents("res.csv", residents)
        try ws.travel("t1.csv", stays)
    }

    @Test func serialsAreReadableUniqueAndSurviveIdenticalReruns() throws {
        let ws = try Workspace("serials")
        try Self.prepare(ws)
        let firstFolder = try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
        let first = try ws.measures()
        #expect(first.count == 10)
        for row in first {
            let parts = row["serial"].split(separator: "-").map(String.init)
            #expect(parts.count == 3, "\(row)")
            #expect(parts[0] == (row["community_code"].isEmpty ? "000000000000" : row["community_code"]), "\(row)")
            #expect(parts[1] == "20200206", "\(row)")
            #expect(parts[2].count >= 4 && parts[2].allSatisfy(\.isNumber), "\(row)")
        }
        #expect(Set(first.map { $0["serial"] }).count == first.count)
        let sequences = try ws.sql("SELECT prefix, last FROM serialSequence ORDER BY prefix")

        // The same night again, with the same inputs: nothing new, the same file apart from the status column.
        let againFolder = try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
        #expect(againFolder != firstFolder)
        let again = try ws.measures()
        #expect(again.allSatisfy { $0["status"] == "continuing" }, "\(again)")
        #expect(withoutStatus(again) == withoutStatus(first))
        #expect(try ws.sql("SELECT count(*) FROM notice") == ["10"])
        #expect(try ws.sql("SELECT prefix, last FROM serialSequence ORDER BY prefix") == sequences)

        // A correction the next day issues one new serial that no earlier notice ever had.
        try ws.travel("t2.csv", [("r1", person(1), "420102", "2020-01-30", "2020-02-05")])
        try ws.night(asOf: "2020-02-07", travel: ["t2.csv"])
        let amended = try ws.measures().filter { $0["status"] != "continuing" }
        #expect(amended.map { [$0["id_no"], $0["status"], $0["serial"]] } == [[person(1), "amended", "330106001001-20200207-0001"]])
        let all = try ws.sql("SELECT serial FROM notice")
        #expect(all.count == 11 && Set(all).count == 11)
    }

    /// A late feed run again on the same date numbers its new notice after that date's earlier ones in the same
    /// prefix, and the store keeps one last number for the prefix, raised: serials stay unique for ever (SPEC 3).
    @Test func aLateFeedOnTheSameDateContinuesTheNumbering() throws {
        let ws = try Workspace("serials-late")
        try Self.prepare(ws)
        try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
        let prefix = "000000000000-20200206-"  // the visitors'
        let stored = try ws.sql("SELECT last FROM serialSequence WHERE prefix = '\(prefix)'")
        let last = try #require(stored.first.flatMap { Int($0) }, "\(stored)")

        try ws.travel("late.csv", [("r11", person(11), "420102", "2020-01-30", "2020-02-03")])
        try ws.night(asOf: "2020-02-06", travel: ["late.csv"])
        let new = try ws.measures().filter { $0["status"] == "new" }
        #expect(new.map { [$0["id_no"], $0["serial"]] } == [[person(11), prefix + String(format: "%04d", last + 1)]])
        #expect(try ws.sql("SELECT last FROM serialSequence WHERE prefix = '\(prefix)'") == ["\(last + 1)"])
        let all = try ws.sql("SELECT serial FROM notice")
        #expect(all.count == 11 && Set(all).count == 11)
    }

    @Test func twoFreshStoresGivenTheSameInputsGiveTheSameSerials() throws {
        var outputs: [Data] = []
        for label in ["a", "b"] {
            let ws = try Workspace("deterministic-\(label)")
            try Self.prepare(ws)
            try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
            try ws.travel("t2.csv", [("r2", person(2), "420102", "2020-01-30", "2020-02-05"), ("r11", person(11), "330302", "2020-02-05", "")])
            let folder = try ws.night(asOf: "2020-02-07", travel: ["t2.csv"])
            outputs.append(try Data(contentsOf: folder.appendingPathComponent("measures.csv")))
            outputs.append(try Data(contentsOf: folder.appendingPathComponent("rescinded.csv")))
        }
        #expect(outputs[0] == outputs[2])
        #expect(outputs[1] == outputs[3])
    }

    @Test func aDryRunPublishesAPreviewAndCommitsNothing() throws {
        // Two stores: one sees a preview before the real second night, the other does not.
        var seconds: [[String]] = []
        for preview in [true, false] {
            let ws = try Workspace("dry-run-\(preview)")
            try Self.prepare(ws)
            try ws.night(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"])
            let history = try ws.history()
            let dump = try ws.sql(".dump")
            let latest = ws.latestName()
            try ws.travel("t2.csv", [("r2", person(2), "420102", "2020-01-30", "2020-02-05"), ("r12", person(12), "420102", "2020-02-05", "")])
            try ws.write("wuhan-only.csv", "region_code,region_name,risk_level,from,to\n420100,武汉市,high,2020-01-01,\n")
            if preview {
                let dry = try ws.run(asOf: "2020-02-07", travel: ["t2.csv"], regions: "wuhan-only.csv", extra: ["--no-render", "--dry-run"])
                #expect(dry.status == 0, "\(dry)")
                let folder = URL(fileURLWithPath: dry.lastLine)
                #expect(folder.deletingLastPathComponent().lastPathComponent == "previews", "\(dry)")
                let rows = try ws.measures(in: folder)
                #expect(rows.contains { $0["id_no"] == person(12) && $0["status"] == "new" })
                #expect(!(try ws.rescinded(in: folder)).isEmpty)
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("manifest.json").path))
                #expect(ws.latestName() == latest)
                #expect(try ws.history() == history)
                #expect(try ws.sql(".dump") == dump)
                #expect(ws.runFolders() == ["000001-2020-02-06"])
            }
            try ws.night(asOf: "2020-02-07", travel: ["t2.csv"], regions: "wuhan-only.csv")
            seconds.append(try ws.measures().map(\.line) + (try ws.rescinded()).map { $0["serial"]! })
        }
        #expect(seconds[0] == seconds[1])
        #expect(seconds[0].contains { $0.contains(",new,") && $0.contains(person(12)) })
    }
}
