import RiskModel
import Testing

@Suite("IDRedaction: ID numbers in free text are masked, other tokens are not")
struct IDRedactionTests {
    @Test("ID-shaped numbers standing alone are masked; other numbers are left alone", arguments: [
        ("张三,330111198001011234,13812345678", false, "张三,330111********1234,13812345678"),
        ("张三,330111198001011234,13812345678", true, "张三,330111********1234,138****5678"),
        ("id 11010519491231002x here", false, "id 110105********002x here"),
        ("legacy 330111800101123,", false, "legacy 330111*****1123,"),
        ("身份证330111198001011236号", false, "身份证330111********1236号"),
        ("id_no ３３０１８３１９７１０３１２１１１８,", false, "id_no ３３０１８３********１１１８,"),  // full-width, as typed
        ("３３０１８３１９７１０３１２１１１Ｘ", false, "３３０１８３********１１１Ｘ"),
        ("has 8 fields, header has 9", true, "has 8 fields, header has 9"),
        ("ts=1580952600123456789", false, "ts=1580952600123456789"),  // 19 digits: not an ID
    ])
    func standingAlone(text: String, phones: Bool, expected: String) {
        #expect(IDRedaction.redact(text, phones: phones) == expected)
    }

    /// Issue 27, case 5: grid and record ids built from an ID number reached the log whole.
    @Test("an ID number glued to ASCII letters is masked", arguments: [
        ("grid X330111198001011236", "grid X330111********1236"),
        ("id330111198001011236", "id330111********1236"),
        ("330111198001011236abc", "330111********1236abc"),
        ("G-33011119800101123Xb", "G-330111********123Xb"),
        ("a33011119800101123X330111198001011236", "a330111********123X330111********1236"),
        ("legacy L330111800101123", "legacy L330111*****1123"),
    ])
    func gluedToLetters(text: String, expected: String) {
        #expect(IDRedaction.redact(text) == expected)
    }

    @Test("tokens of letters and digits that are not ID numbers are left whole", arguments: [
        "sha256=ab123456789012345678cd",       // no plausible birth date
        "build2a45000000000000000b",           // year 0000
        "r330111198013011236x",                // month 13
        "node0330111198001011236",             // glued to a digit: a 19-digit number
        "run=20200206T013000Z-4242",
    ])
    func notIDs(text: String) {
        #expect(IDRedaction.redact(text) == text)
    }

    @Test("a mobile number glued to letters is masked with phones, a number that is no mobile is not")
    func phones() {
        #expect(IDRedaction.redact("tel13812345678", phones: true) == "tel138****5678")
        #expect(IDRedaction.redact("v12012345678b", phones: true) == "v12012345678b")
    }
}
