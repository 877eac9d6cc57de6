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
