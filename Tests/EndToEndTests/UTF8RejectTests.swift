import Foundation
import Testing
import TestSupport

/// SPEC 1.1 for UTF-8 feeds, which are checked block by block as they are read: a record that is not valid UTF-8
/// is rejected with its line and column, and every other record of the file is read, wherever the bad byte falls.
@Suite struct UTF8RejectTests {
    @Test func aBadByteDeepInAUTF8FeedRejectsItsRecordAlone() throws {
        let dir = try freshCopy(ofFixture: "cases/coarse")
        // About 3.6 MB, valid UTF-8 for its first 64 KiB (so `auto` reads it as UTF-8), one bad byte after 2.5 MB.
        var bytes = Array("record_id,id_no,name,region_code,arrived_on\n".utf8)
        let records = 40_000, badRecord = 30_000
        for i in 0..<records {
            bytes += Array("r\(i),330183196001101007,".utf8)
            bytes += i == badRecord ? Array("张".utf8).dropLast() + [0x41] : Array("李四\(i)".utf8)
            bytes += Array(" 来自温州市鹿城区的旅客,330302,2020-01-20\n".utf8)
        }
        try Data(bytes).write(to: dir.appendingPathComponent("rail.csv"))
        let result = try riskscreen(["run", "--as-of", "2020-02-06", "--policy", "policy.toml", "--regions", "regions.csv",
                                     "--travel", "rail.csv", "--out", "out", "--state", "state/s.sqlite", "--no-render"], in: dir)
        try #require(result.status == 0, "\(result)")
        let folder = URL(fileURLWithPath: result.lastLine)
        // feed,file,line,column,reason,raw
        let rejects = try csvLines(folder.appendingPathComponent("rejects.csv")).dropFirst().map { $0.components(separatedBy: ",") }
        #expect(rejects.count == 1, "\(rejects)")
        #expect(rejects.first?[2] == String(badRecord + 2) && rejects.first?[3] == "name", "\(rejects)")
        #expect(rejects.first?[4].contains("not valid UTF-8") == true, "\(rejects)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any]
        let input = try #require((manifest?["inputs"] as? [[String: Any]])?.first)
        #expect(input["read"] as? Int == records && input["rejected"] as? Int == 1 && input["accepted"] as? Int == records - 1, "\(input)")
    }
}
