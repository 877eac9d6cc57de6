import Foundation
import Testing
import TestSupport

/// SPEC 1.1 (second round) through the binary: text fields, long fields and CR-only line ends.
@Suite struct TextFieldTests {
    static let residentsHeader = "id_no,name,phone,community_code,community_name,grid_id,address\n"

    /// Bytes of a file that are control characters other than tab, line feed and carriage return.
    static func controlBytes(_ url: URL) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: url)).filter { ($0 < 0x20 && ![0x09, 0x0A, 0x0D].contains($0)) || $0 == 0x7F }
    }

    /// Issue 27, case 4: a resident named `张\0建\a国` got a notice and an XLSX row that said only "张", and the raw NUL
    /// went into measures.csv, the worklist CSV and report.html.
    @Test(.tags(.pdfTools)) func aControlCharacterRejectsTheRowAndLineBreaksAreKeptOrMadeSpaces() throws {
        let ws = try Workspace("text-controls")
        try ws.write("res.csv", Self.residentsHeader
            + "\(person(1)),张\u{0}建\u{7}国,13800000001,\(Community.xixi.code),\(Community.xixi.name),G1,1号\n"
            + "\(person(2)),\"王\r\n小明\",13800000002,\(Community.xixi.code),\(Community.xixi.name),G1,2号\n"
            + "\(person(3)),李四,13800000003,\(Community.xixi.code),\(Community.xixi.name),G1,\"1幢\n2单元\"\n")
        try ws.travel("t1.csv", (1...3).map { ("r\($0)", person($0), "420102", "2020-02-01", "2020-02-01") })
        let result = try ws.run(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"], extra: ["--max-reject-rate", "1"])
        try #require(result.status == 0, "\(result)")
        let folder = URL(fileURLWithPath: result.lastLine)

        let rejects = try csvRows(folder.appendingPathComponent("rejects.csv"))
        #expect(rejects.count == 2, "\(rejects)")
        #expect(rejects.last?[2] == "2" && rejects.last?[3] == "name", "\(rejects)")
        #expect(rejects.last?[4].contains("U+0000") == true, "\(rejects)")
        #expect(rejects.last?[5].contains("张␀建␇国") == true, "the raw record shows the characters' pictures: \(rejects)")

        // Person 1's residence row is rejected, not kept with a cut name: the travel feed's name, unassigned.
        let measures = try ws.measures(in: folder)
        #expect(measures.map { $0["id_no"] } == [person(2), person(3), person(1)])
        #expect(measures.last.map { $0["community_code"] == "" && $0["name"] == "旅客\(person(1).suffix(4))" } == true, "\(measures)")
        #expect(try ws.measure(of: person(2), in: folder)?["name"] == "王 小明")
        #expect(try ws.measure(of: person(3), in: folder)?["address"] == "1幢\n2单元")

        let preview = folder
        var files = ["measures.csv", "rejects.csv", "report.html", "manifest.json"]
        files += try FileManager.default.contentsOfDirectory(atPath: preview.appendingPathComponent("worklists").path)
            .filter { $0.hasSuffix(".csv") }.map { "worklists/\($0)" }
        #expect(files.count > 4, "worklists written")
        for file in files { #expect(try Self.controlBytes(preview.appendingPathComponent(file)).isEmpty, "\(file)") }
        let batch = try #require(try FileManager.default.contentsOfDirectory(atPath: preview.appendingPathComponent("batches").path).first)
        let text = try runProgram("/usr/bin/pdftotext", [preview.appendingPathComponent("batches/\(batch)").path, "-"], in: ws.dir)
        #expect(text.stdout.contains("王 小明"), "\(text.stdout.prefix(2000))")
    }

    /// Issue 27, case 7: one 5 MB field in a file without a single quote stopped the night with "record longer than
    /// 1048576 bytes, most likely a quote that is never closed". It is a reject now; the night goes on.
    @Test func aFiveMegabyteFieldIsARejectAndTheNightGoesOn() throws {
        let ws = try Workspace("text-huge")
        var travel = "record_id,source,id_no,name,region_code,arrived_on,left_on\n"
        for n in 1...120 { travel += "r\(n),rail,\(person(n)),旅客\(n),420102,2020-02-01,2020-02-01\n" }
        travel += "r999,rail,\(person(999)),\(String(repeating: "长", count: 1_750_000)),420102,2020-02-01,2020-02-01\n"
        travel += "r121,rail,\(person(121)),旅客121,420102,2020-02-01,2020-02-01\n"
        try ws.write("t1.csv", travel)
        let result = try ws.run(asOf: "2020-02-06", travel: ["t1.csv"])
        try #require(result.status == 0, "\(result)")
        let folder = URL(fileURLWithPath: result.lastLine)
        let rejects = try csvRows(folder.appendingPathComponent("rejects.csv")).dropFirst()
        #expect(rejects.count == 1)
        #expect(rejects.first?[2] == "122" && rejects.first?[3] == "name", "\(rejects)")
        #expect(rejects.first.map { $0[4].contains("far over the limit of 4096") && !$0[4].contains("quote") } == true, "\(rejects)")
        #expect(rejects.first.map { $0[5].utf8.count < 2048 } == true, "the raw record is cut")
        #expect(try ws.measures(in: folder).count == 121, "every other row screened, the one after the long one too")
    }

    @Test func aQuoteNeverClosedStillStopsTheNightSayingSo() throws {
        let ws = try Workspace("text-unclosed")
        try ws.write("t1.csv", "record_id,source,id_no,name,region_code,arrived_on,left_on\n"
            + "r1,rail,\(person(1)),\"旅客,420102,2020-02-01,2020-02-01\nr2,rail,\(person(2)),旅客,420102,2020-02-01,2020-02-01\n")
        let result = try ws.run(asOf: "2020-02-06", travel: ["t1.csv"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("t1.csv:2: a quoted field starting in this record is never closed"), "\(result)")
    }

    @Test func maxFieldBytesInTheConfigSetsTheLimit() throws {
        let ws = try Workspace("text-limit")
        let address = String(repeating: "地", count: 100)  // 300 bytes
        try ws.write("res.csv", Self.residentsHeader + "\(person(1)),张三,13800000001,\(Community.xixi.code),\(Community.xixi.name),G1,\(address)\n")
        try ws.travel("t1.csv", [("r1", person(1), "420102", "2020-02-01", "2020-02-01")])
        let base = "policy = \"policy.toml\"\nregions = \"regions.csv\"\nmax_reject_rate = 1\n"
        try ws.write("default.toml", base)
        try ws.write("tight.toml", base + "max_field_bytes = 256\n")
        try ws.write("bad.toml", base + "max_field_bytes = 10\n")

        let loose = try ws.run(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"], extra: ["--no-render", "--config", "default.toml", "--dry-run"])
        try #require(loose.status == 0, "\(loose)")
        #expect(try ws.measures(in: URL(fileURLWithPath: loose.lastLine)).first?["address"] == address)
        let tight = try ws.run(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"], extra: ["--no-render", "--config", "tight.toml", "--dry-run"])
        try #require(tight.status == 0, "\(tight)")
        let rejects = try csvRows(URL(fileURLWithPath: tight.lastLine).appendingPathComponent("rejects.csv")).dropFirst()
        #expect(rejects.first?[3] == "address" && rejects.first?[4].contains("300 bytes long, over the limit of 256") == true, "\(rejects)")
        let bad = try ws.run(asOf: "2020-02-06", travel: ["t1.csv"], extra: ["--no-render", "--config", "bad.toml"])
        #expect(bad.status == 1 && bad.stderr.contains("max_field_bytes"), "\(bad)")
    }

    /// Issue 27, case 2: with CR-only line ends the whole file was read as the header: "no records", or with
    /// --allow-empty a run that read 0 rows, every resident vanished and every measure unassigned.
    @Test func feedsWithCROnlyLineEndsLoseNoRowAndKeepTheirLineNumbers() throws {
        let ws = try Workspace("text-cr")
        let residents = Self.residentsHeader
            + "\(person(1)),张三,13800000001,\(Community.xixi.code),\(Community.xixi.name),G1,\"1幢\n2单元\"\n"
            + "\(person(2)),李四,13800000002,\(Community.cuiyuan.code),\(Community.cuiyuan.name),G2,2号\n"
        try ws.write("res.csv", residents.replacingOccurrences(of: "\n", with: "\r"))
        var travel = "record_id,source,id_no,name,region_code,arrived_on,left_on\n"
        for n in 1...2 { travel += "r\(n),rail,\(person(n)),旅客,420102,2020-02-01,2020-02-01\n" }
        travel += "r3,rail,\(person(3)),旅客,4201x,2020-02-01,2020-02-01\n"
        travel += "r4,rail,\(person(4)),旅客,420102,2020-02-01,2020-02-01\n"
        try ws.write("t1.csv", travel.replacingOccurrences(of: "\n", with: "\r"))

        let result = try ws.run(asOf: "2020-02-06", residents: ["res.csv"], travel: ["t1.csv"], extra: ["--max-reject-rate", "1"])
        try #require(result.status == 0, "\(result)")
        let folder = URL(fileURLWithPath: result.lastLine)
        let measures = try ws.measures(in: folder)
        #expect(measures.map { $0["id_no"] } == [person(1), person(2), person(4)])
        #expect(measures.map { $0["community_code"] } == [Community.xixi.code, Community.cuiyuan.code, ""], "residents assigned")
        #expect(measures.first?["address"] == "1幢\r2单元", "the line break inside the quoted address is kept as it was")
        let rejects = try csvRows(folder.appendingPathComponent("rejects.csv")).dropFirst()
        #expect(rejects.map { "\($0[1]):\($0[2]):\($0[3])" } == ["t1.csv:4:region_code"])

        let manifest = try String(contentsOf: folder.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"read\" : 2") && manifest.contains("\"read\" : 4"), "read counts: \(manifest)")
    }
}
