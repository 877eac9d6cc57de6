import Foundation
import Testing
import TestSupport

/// SPEC 4's order of `measures.csv` and SPEC 2's unassigned visitors, checked on what the binary writes.
@Suite struct MeasureOrderTests {
    /// Residents of two communities in grids whose text order is not their number order, and visitors (passports,
    /// resident IDs) under no community: the rows come out by community (unassigned last), grid, then ID text.
    /// A visitor seen twice keeps the name and phone of the later arrival, wherever it stands in the file.
    @Test func measuresAreSortedByCommunityGridAndIDNumber() throws {
        let dir = try freshCopy(ofFixture: "cases/coarse")
        let grids = ["2", "10", "第一网格", "A-3", ""]
        var residents = ["id_no,name,phone,community_code,community_name,grid_id,address"]
        var travel = ["id_type,id_no,name,phone,region_code,arrived_on"]
        for i in 0..<20 {
            // 15-digit IDs (upgraded to 18 on reading) with sequence numbers out of order.
            let id = "330106800101" + String(format: "%03d", (i * 37) % 1000)
            let community = i % 3 == 0 ? "330106002001" : "330106001001"
            residents.append("\(id),居民\(i),1380000\(String(format: "%04d", i)),\(community),社区\(community.suffix(4)),\(grids[i % grids.count]),住址\(i)")
            travel.append("cn_id,\(id),,,420106,2020-02-01")
        }
        // A visitor seen twice: the later arrival, with another name and phone, comes first in the file.
        travel.append("passport,E1234,访客新名,13900000002,420106,2020-02-03")
        for (type, id) in [("passport", "E12345678"), ("passport", "E1234"), ("other", "G-7788"), ("cn_id", "330106850101123")] {
            travel.append("\(type),\(id),访客\(id),13900000001,420106,2020-02-01")
        }
        try (residents.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("residents.csv"), atomically: true, encoding: .utf8)
        try (travel.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("stays.csv"), atomically: true, encoding: .utf8)

        let result = try riskscreen(["run", "--as-of", "2020-02-06", "--policy", "policy.toml", "--regions", "regions.csv",
                                     "--residents", "residents.csv", "--travel", "stays.csv", "--out", "out", "--state", "state/s.sqlite",
                                     "--no-render"], in: dir)
        #expect(result.status == 0, "\(result)")
        let table = try csvRows(URL(fileURLWithPath: result.lastLine).appendingPathComponent("measures.csv"))
        let rows = table.dropFirst()
        try #require(rows.count == 24, "\(table)")
        // serial,status,id_type,id_no,name,phone,community_code,community_name,grid_id,...
        typealias Key = (community: String, grid: String, idNo: String, idType: String)
        let keys: [Key] = rows.map { ($0[6], $0[8], $0[3], $0[2]) }
        func precedes(_ a: Key, _ b: Key) -> Bool {
            if a.community != b.community { return b.community.isEmpty || (!a.community.isEmpty && a.community < b.community) }
            return (a.grid, a.idNo, a.idType) < (b.grid, b.idNo, b.idType)
        }
        let expected = keys.sorted(by: precedes)
        #expect(keys.map { "\($0)" } == expected.map { "\($0)" })
        #expect(keys.suffix(4).allSatisfy { $0.community.isEmpty }, "the visitors come last")
        let repeated = try #require(rows.first { $0[3] == "E1234" })
        #expect(repeated[4] == "访客新名" && repeated[5] == "13900000002", "\(repeated)")
    }
}
