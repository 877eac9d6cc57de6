import Testing
import RiskModel
@testable import Normalize

@Suite struct RegionCodesTests {
    @Test(arguments: [
        ("330100000000", "3301", 4),
        ("330111001000", "330111001", 9),
        ("330111001001", "330111001001", 12),
        ("330111000000", "330111", 6),
        ("330000000000", "33", 2),
        ("330100", "3301", 4),
        ("330000", "33", 2),
        ("330111", "330111", 6),
        ("330111001", "330111001", 9),
        ("3301", "3301", 4),
        ("33", "33", 2),
        ("３３０１", "3301", 4),
        (" 330100000000\u{3000}", "3301", 4),
        ("330100000010", "330100000010", 12),   // a zero group in the middle is not cut
    ])
    func canonicalisesByCuttingTrailingZeroGroups(raw: String, canonical: String, length: Int) throws {
        let code = try Fields.regionCode(raw.utf8)
        #expect(code.canonical == canonical)
        #expect(code.length == length)
    }

    @Test func paddedAndShortFormsAreTheSameRegion() throws {
        #expect(try Fields.regionCode("330100000000".utf8) == Fields.regionCode("3301".utf8))
        #expect(try Fields.regionCode("3301".utf8).contains(Fields.regionCode("330111001000".utf8)))
    }

    @Test(arguments: [
        ("3", "has 1 digit; a region code has 2, 4, 6, 9 or 12"),
        ("330", "has 3 digits; a region code has 2, 4, 6, 9 or 12"),
        ("33011", "has 5 digits; a region code has 2, 4, 6, 9 or 12"),
        ("3301110010001", "has 13 digits; a region code has 2, 4, 6, 9 or 12"),
        ("33011100100012345678901", "has 23 digits; a region code has 2, 4, 6, 9 or 12"),
        ("3301O1", "character 5 is \"O\"; a region code has only digits"),
        ("3301-01", "character 5 is \"-\"; a region code has only digits"),
        ("330 101", "character 4 is U+0020; a region code has only digits"),
        ("杭州", "character 1 is \"杭\"; a region code has only digits"),
        ("000000000000", "is all zeros; that names no region"),
        ("", "is empty; a region code is required"),
    ])
    func rejectsOtherLengthsAndNonDigits(raw: String, reason: String) {
        let problem = #expect(throws: FieldProblem.self) { try Fields.regionCode(raw.utf8) }
        #expect(problem?.reason.text(in: .english) == reason)
    }
}
