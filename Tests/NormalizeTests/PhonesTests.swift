import Testing
import RiskModel
@testable import Normalize

@Suite struct PhonesTests {
    @Test(arguments: [
        ("+86 138-0000-0000", "13800000000"),
        ("13800000000", "13800000000"),
        ("138 0000 0000", "13800000000"),
        ("+8613800000000", "13800000000"),
        ("＋８６１３８００００００００", "13800000000"),
        ("0571-88888888", "057188888888"),
        ("88888888", "88888888"),
        ("8888888", "8888888"),
        ("010-12345678", "01012345678"),
        ("+86 571 8888 8888", "57188888888"),
    ])
    func keepsOnlyTheDigits(raw: String, expected: String) throws {
        let number = try #require(Fields.phone(raw.utf8).number)
        #expect(number.description == expected)
        #expect(Array(number) == Array(expected.utf8))
    }

    @Test(arguments: ["", "  ", "\u{3000}"])
    func blankIsAbsentNotInvalid(raw: String) {
        #expect(Fields.phone(raw.utf8) == .absent)
    }

    @Test(arguments: [
        ("1380000000", "has 10 digits; a mobile number has 11"),
        ("138000000001", "has 12 digits; a mobile number has 11"),
        ("888888", "has 6 digits; a landline number has 7 to 12, a mobile 11 starting with 1"),
        ("0571888888881", "has 13 digits; a landline number has 7 to 12, a mobile 11 starting with 1"),
        ("(0571)88888888", "contains \"(\"; a phone number has only digits, spaces, - and a leading +86"),
        ("138/0000/0000", "contains \"/\"; a phone number has only digits, spaces, - and a leading +86"),
        ("无", "contains \"无\"; a phone number has only digits, spaces, - and a leading +86"),
        ("+1 415 555 0100", "has a country code other than +86; only mainland numbers are kept"),
        ("138+8613800000000", "contains \"+\"; a phone number has only digits, spaces, - and a leading +86"),
    ])
    func flagsInvalidPhones(raw: String, reason: String) {
        guard case let .invalid(problem) = Fields.phone(raw.utf8) else {
            Issue.record("\(raw) is not flagged")
            return
        }
        #expect(problem.reason.text(in: .english) == reason)
        #expect(Fields.phone(raw.utf8).number == nil)
    }
}
