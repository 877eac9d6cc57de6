import Foundation
import Machinery
import RiskModel
import Testing

/// SPEC 4's order of `measures.csv`, checked against a plain sort by the printed values.
@Suite struct OutputOrderTests {
    @Test func sortsByCommunityGridAndIDText() throws {
        var random = SplitMix64(seed: 13)
        let communities: [RegionCode?] = [nil, RegionCode(canonicalizing: 330_106_001_001), RegionCode(canonicalizing: 330_106_002_000),
                                          RegionCode(canonicalizing: 110_101_001_001)]
        let grids = ["", "01", "1", "10", "2", "第一网格", "第二网格", "A-3", "a-3"]
        let passports = ["E12345678", "E1234", "G-77", "0000", "ZZ9", "33010619800101123"]
        var notices: [Notice] = []
        for _ in 0..<3_000 {
            let person: PersonKey
            if random.below(4) == 0 {
                let text = passports[random.below(passports.count)]
                person = try #require(PersonKey(type: random.below(2) == 0 ? .passport : .other, text: Array(text.utf8)))
            } else {
                person = PersonKey(cnDigits: 33_010_619_800_101_000 + UInt64(random.below(3_000)))
            }
            let day = try #require(Day(iso: "2020-02-06"))
            let measure = Measure(person: person, action: .homeQuarantine, level: .high, region: RegionCode(canonicalizing: 420_100_000_000),
                                  regionName: "", lastExposure: day, until: day)
            let assignment = Assignment(community: communities[random.below(communities.count)], communityName: "",
                                        gridID: grids[random.below(grids.count)], address: "")
            notices.append(Notice(serial: "", status: .new, supersedes: nil, measure: measure, name: "", phone: "", assignment: assignment))
        }
        func printed(_ n: Notice) -> (UInt64, String, String, UInt8) {
            (n.assignment.community?.raw ?? .max, n.assignment.gridID, n.person.idNo, n.person.type.rawValue)
        }
        let expected = notices.sorted { printed($0) < printed($1) }
        let sorted = Notice.inOutputOrder(notices)
        // The first difference, not two 3,000-row arrays, on a failure.
        let firstDifference = sorted.indices.first { printed(sorted[$0]) != printed(expected[$0]) }
        #expect(firstDifference == nil, "row \(firstDifference ?? 0) differs: \(firstDifference.map { "\(printed(sorted[$0])) where \(printed(expected[$0])) belongs" } ?? "")")
    }
}
