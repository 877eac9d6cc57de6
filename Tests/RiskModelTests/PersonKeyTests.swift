import RiskModel
import Testing
import TestSupport

@Suite struct PersonKeyTests {
    @Test(arguments: ["E12345678", "G1234-5678", "AB12345678901234567Z", "ABCDE"])
    func passportsRoundTrip(_ id: String) throws {
        let key = try #require(PersonKey(type: .passport, text: Array(id.utf8)))
        #expect(key.idNo == id)
        #expect(key.type == .passport)
        #expect(PersonKey(stored: key.description) == key)
    }

    @Test func residentIDsRecomputeTheirCheckCharacter() {
        let key = PersonKey.cn("11010519491231002")
        #expect(key.idNo == "11010519491231002X")
        #expect(key.birthDate == Day.of("1949-12-31"))
        #expect(key.isMale == false)
        #expect(key.masked == "110105********002X")
    }

    @Test func typesNeverCollide() throws {
        let passport = try #require(PersonKey(type: .passport, text: Array("E1234567".utf8)))
        let other = try #require(PersonKey(type: .other, text: Array("E1234567".utf8)))
        #expect(passport != other)
    }
}
