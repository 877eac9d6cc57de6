import Foundation
import Machinery
import Testing
import RiskModel

/// The written forms of days, region codes and IDs (built digit by digit for speed) against formatted references.
@Suite struct TextFormTests {
    @Test func daysAndRegionCodesMatchFormattedReferences() throws {
        var random = SplitMix64(seed: 11)
        for _ in 0..<20_000 {
            let day = Day(number: Int32(random.below(3_700_000)) - 719_000)  // years 0001 to about 11,800
            let c = day.components
            #expect(day.description == String(format: "%04d-%02d-%02d", c.year, c.month, c.day))
            #expect(day.compact == String(format: "%04d%02d%02d", c.year, c.month, c.day))
            #expect(day.withISOBytes { String(decoding: $0, as: UTF8.self) } == day.description)
            if c.year <= 9999 { #expect(Day(iso: day.description) == day) }

            let length = RegionCode.levels[random.below(5)]
            let padded = UInt64(random.below(1_000_000_000_000)) / RegionCode.scale(length) * RegionCode.scale(length)
            let code = RegionCode(padded: padded, length: length)
            let twelve = String(format: "%012llu", padded)
            #expect(code.twelveDigits == twelve)
            #expect(code.canonical == String(twelve.prefix(length)))
        }
    }

    @Test func residentIDsMatchTheirDigitsAndCheckCharacter() throws {
        var random = SplitMix64(seed: 12)
        for _ in 0..<20_000 {
            let digits = UInt64(random.below(100_000_000_000_000_000))
            let key = PersonKey(cnDigits: digits)
            let seventeen = String(format: "%017llu", digits)
            let id = seventeen + String(UnicodeScalar(PersonKey.checkCharacter(seventeen.utf8)))
            #expect(key.idNo == id)
            #expect(key.description == "cn_id:" + id)
            #expect(key.withDescriptionBytes { String(decoding: $0, as: UTF8.self) } == key.description)
            #expect(PersonKey(stored: key.description) == key)
        }
        let passport = try #require(PersonKey(type: .passport, text: Array("E12345678".utf8)))
        #expect(passport.description == "passport:E12345678")
        #expect(passport.withDescriptionBytes { String(decoding: $0, as: UTF8.self) } == "passport:E12345678")
        #expect(PersonKey(stored: passport.description) == passport)
        for bad in ["cn_id:33010619800101123", "cn_id:3301061980010112X4", "cn_id:33010619800101123A4", "visa:E1", "E12345678"] {
            #expect(PersonKey(stored: bad) == nil, "\(bad)")
        }
    }

    @Test(arguments: ["2020-2-06", "2020-02-6", "2020/02/06", "2020-02-30", "2020-13-01", "+020-02-06", "2020-+2-06", "2020-02-06 ", ""])
    func storedDaysAreExactlyISO(_ text: String) {
        #expect(Day(iso: text) == nil)
    }
}

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
