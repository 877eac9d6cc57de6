import Testing
import RiskModel
@testable import Normalize

/// GB 11643 computed here independently of the code under test: ISO 7064 MOD 11-2 with weights 2^(i) mod 11.
private func independentCheckCharacter(_ seventeen: String) -> Character {
    var sum = 0
    for (offset, ch) in seventeen.enumerated() {
        let weight = (1 << (17 - offset)) % 11   // 2^17 mod 11 = 7, …, 2^1 mod 11 = 2
        sum += (ch.wholeNumberValue ?? 0) * weight
    }
    let value = (12 - sum % 11) % 11
    return value == 10 ? "X" : Character(String(value))
}

@Suite struct PersonKeysTests {
    @Test func independentCheckAgreesWithTheStandardsExamples() {
        // GB 11643-1999's own examples.
        #expect(independentCheckCharacter("11010519491231002") == "X")
        #expect(independentCheckCharacter("44052418800101001") == "4")
    }

    @Test(arguments: [
        ("11010519491231002X", "11010519491231002X"),
        ("11010519491231002x", "11010519491231002X"),   // lower-case x is upper-cased
        ("440524188001010014", "440524188001010014"),
        (" 330106199003071236\u{3000}", "330106199003071236"),
        ("３３０１０６１９９００３０７１２３６", "330106199003071236"),
        ("330106198002290010", "330106198002290010"), // 29 February of a leap year
    ])
    func acceptsResidentIDs(raw: String, expected: String) throws {
        let key = try Fields.personKey(type: .cnID, idNo: raw.utf8)
        #expect(key.type == .cnID)
        #expect(key.idNo == expected)
    }

    @Test func upgradesA15DigitIDWithAComputedCheckCharacter() throws {
        let key = try Fields.personKey(type: .cnID, idNo: "330111800101123".utf8)
        let expected = "33011119800101123" + String(independentCheckCharacter("33011119800101123"))
        #expect(expected == "330111198001011236")
        #expect(key.idNo == expected)
        // The upgraded key is the same person as the 18-digit form.
        #expect(key == (try Fields.personKey(type: .cnID, idNo: expected.utf8)))
    }

    @Test(arguments: ["110105491231002", "440524800101001", "330106900307123"])
    func upgradesEvery15DigitIDToTheMatching18DigitOne(legacy: String) throws {
        let seventeen = String(legacy.prefix(6)) + "19" + String(legacy.dropFirst(6))
        let key = try Fields.personKey(type: .cnID, idNo: legacy.utf8)
        #expect(key.idNo == seventeen + String(independentCheckCharacter(seventeen)))
    }

    @Test(arguments: [
        ("110105194912310021", "check character is 1, expected X"),
        ("440524188001010015", "check character is 5, expected 4"),
        ("11010519491231002Y", "check character is \"Y\"; it must be a digit or X"),
        ("33010619800231001" + "8", "birth date 19800231 does not exist"),
        ("330106198013010010", "birth date 19801301 does not exist"),
        ("3301061980010100", "has 16 characters; a resident ID has 18 (or 15)"),
        ("3301061980010100123", "has 19 characters; a resident ID has 18 (or 15)"),
        ("33010619800101A01X", "character 15 is \"A\"; the first 17 characters of a resident ID are digits"),
        ("33010619800101张01X", "character 15 is \"张\"; the first 17 characters of a resident ID are digits"),
        ("33010680023100A", "character 15 is \"A\"; a 15-character resident ID has only digits"),
        ("330106800231001", "birth date 19800231 does not exist"),
        ("", "is empty; an ID number is required"),
        ("\u{3000}", "is empty; an ID number is required"),
    ])
    func rejectsBadResidentIDsWithAReason(raw: String, reason: String) {
        let problem = #expect(throws: FieldProblem.self) { try Fields.personKey(type: .cnID, idNo: raw.utf8) }
        #expect(problem?.reason.text(in: .english) == reason)
    }

    @Test(arguments: [
        ("E12345678", IDType.passport, "E12345678"),
        ("e 1234 5678", .passport, "E12345678"),
        ("Ｅ１２３４５６７８", .passport, "E12345678"),
        ("ab-12", .passport, "AB-12"),
        ("12345678901234567890", .other, "12345678901234567890"),
        ("hk\u{3000}123456", .other, "HK123456"),
    ])
    func acceptsDocumentNumbers(raw: String, type: IDType, expected: String) throws {
        let key = try Fields.personKey(type: type, idNo: raw.utf8)
        #expect(key.type == type)
        #expect(key.idNo == expected)
    }

    @Test func sameNumberUnderDifferentTypesAreDifferentPeople() throws {
        let passport = try Fields.personKey(type: .passport, idNo: "E12345678".utf8)
        let other = try Fields.personKey(type: .other, idNo: "E12345678".utf8)
        #expect(passport != other)
    }

    @Test(arguments: [
        ("E123", "has 4 characters without spaces; a passport number has 5 to 20"),
        ("E 1 2 3", "has 4 characters without spaces; a passport number has 5 to 20"),
        ("123456789012345678901", "has more than 20 characters without spaces; a passport number has 5 to 20"),
        ("E1234/5678", "contains \"/\"; a passport number may contain only A–Z, 0–9 and -"),
        ("E1234_5678", "contains \"_\"; a passport number may contain only A–Z, 0–9 and -"),
        ("护照E12345", "contains \"护\"; a passport number may contain only A–Z, 0–9 and -"),
    ])
    func rejectsBadPassportNumbers(raw: String, reason: String) {
        let problem = #expect(throws: FieldProblem.self) { try Fields.personKey(type: .passport, idNo: raw.utf8) }
        #expect(problem?.reason.text(in: .english) == reason)
    }

    @Test(arguments: [
        ("", IDType.cnID), ("cn_id", .cnID), ("CN_ID", .cnID), ("身份证", .cnID), ("居民身份证", .cnID),
        (" passport ", .passport), ("Passport", .passport), ("护照", .passport),
        ("other", .other), ("OTHER", .other), ("其他", .other), ("ｐａｓｓｐｏｒｔ", .passport),
    ])
    func readsIDTypes(raw: String, expected: IDType) throws {
        #expect(try Fields.idType(raw.utf8) == expected)
    }

    @Test func rejectsUnknownIDType() {
        let problem = #expect(throws: FieldProblem.self) { try Fields.idType("驾驶证".utf8) }
        #expect(problem?.reason.text(in: .english) == "\"驾驶证\" is not a known ID type; write cn_id (居民身份证, 身份证), passport (护照) or other (其他)")
    }

    @Test func combinedRuleNamesTheColumnAtFault() throws {
        let absentType: String.UTF8View? = nil
        #expect(try Fields.personKey(idType: absentType, idNo: "11010519491231002x".utf8).idNo == "11010519491231002X")
        #expect(try Fields.personKey(idType: "护照".utf8, idNo: "e1234567".utf8).description == "passport:E1234567")
        #expect(try Fields.personKey(idType: " ".utf8, idNo: "440524188001010014".utf8).type == .cnID)

        let badType = #expect(throws: FieldProblem.self) { try Fields.personKey(idType: "驾照".utf8, idNo: "E1234567".utf8) }
        #expect(badType?.column == "id_type")
        let badNumber = #expect(throws: FieldProblem.self) { try Fields.personKey(idType: "身份证".utf8, idNo: "E1234567".utf8) }
        #expect(badNumber?.column == "id_no")
        #expect(badNumber?.description == "id_no: has 8 characters; a resident ID has 18 (or 15)")
    }
}
