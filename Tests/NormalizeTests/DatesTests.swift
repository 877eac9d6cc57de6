import Machinery
import Testing
import RiskModel
@testable import Normalize

@Suite struct DatesTests {
    @Test(arguments: [
        ("2020-01-20", "2020-01-20"),
        ("2020/1/5", "2020-01-05"),
        ("2020/01/05", "2020-01-05"),
        ("2020.1.5", "2020-01-05"),
        ("2020.12.31", "2020-12-31"),
        ("20200120", "2020-01-20"),
        ("2020年1月20日", "2020-01-20"),
        ("2020年12月5日", "2020-12-05"),
        ("2020-01-20 08:30:00", "2020-01-20"),
        ("2020-01-20T08:30", "2020-01-20"),
        ("2020/1/20 8:30", "2020-01-20"),
        ("20200120 0830", "2020-01-20"),
        ("2020年1月20日 上午8时", "2020-01-20"),
        ("2020-01-20T", "2020-01-20"),
        ("2020-01-20\u{3000}08:30", "2020-01-20"),
        ("  2020-01-20\u{3000}", "2020-01-20"),
        ("２０２０－０１－２０", "2020-01-20"),
        ("2020-1-5", "2020-01-05"),
        ("2020-02-29", "2020-02-29"),
        ("2000-02-29", "2000-02-29"),
    ])
    func acceptsEveryForm(raw: String, expected: String) throws {
        let day = try Fields.date(raw.utf8)
        #expect(day.description == expected)
    }

    @Test(arguments: [
        ("2021-02-30", "\"2021-02-30\" does not exist: 2021-02 has 28 days"),
        ("2021-02-29", "\"2021-02-29\" does not exist: 2021-02 has 28 days"),
        ("1900-02-29", "\"1900-02-29\" does not exist: 1900-02 has 28 days"),
        ("2020-04-31 08:00", "\"2020-04-31\" does not exist: 2020-04 has 30 days"),
        ("2020-13-01", "\"2020-13-01\" does not exist: there is no month 13"),
        ("20200001", "\"20200001\" does not exist: there is no month 0"),
        ("2020年1月0日", "\"2020年1月0日\" does not exist: there is no day 0"),
        ("0000-01-01", "\"0000-01-01\" does not exist: there is no year 0"),
    ])
    func rejectsDatesThatDoNotExist(raw: String, reason: String) {
        let problem = #expect(throws: FieldProblem.self) { try Fields.date(raw.utf8) }
        #expect(problem?.reason.text(in: .english) == reason)
    }

    @Test(arguments: [
        "garbage", "2020", "2020-01", "2020-01-", "20-01-2020", "01/20/2020", "2020-01/20", "2020-001-01",
        "2020-01-200", "202001201", "2020012", "2020-01-20x", "2020-01-20,08:30", "2020年1月20", "2020年1月20号",
        "2020 01 20", "43850", "二〇二〇年一月二十日"
    ])
    func rejectsWhatIsNotADate(raw: String) {
        let problem = #expect(throws: FieldProblem.self) { try Fields.date(raw.utf8) }
        #expect(problem?.reason.text(in: .english).contains("is not a date; write YYYY-MM-DD") == true)
    }

    @Test func blankIsAProblemThatCallersCanAvoid() {
        #expect(Fields.isBlank("  ".utf8))
        let problem = #expect(throws: FieldProblem.self) { try Fields.date(" ".utf8) }
        #expect(problem?.reason.text(in: .english) == "is empty; a date is required")
    }

    @Test func readsABufferWithoutCopying() throws {
        let bytes = Array("2020-02-06 12:00".utf8)
        let day = try bytes.withUnsafeBufferPointer { (b) throws(FieldProblem) -> Day in try Fields.date(b) }
        #expect(day == Day(year: 2020, month: 2, day: 6))
    }
}

/// The fast paths of the date and resident-ID rules must agree with the full rules wherever they answer.
@Suite struct FastPathTests {
    @Test func quickDateAgreesWithTheFullRule() {
        var mix = SplitMix64(seed: 1)
        let years = ["2020", "1999", "0000", "2021", "202", "２０２０", " 2020"]
        let separators = ["-", "/", ".", "-", "年", ""]
        let numbers = ["1", "01", "2", "02", "12", "13", "0", "00", "29", "30", "31", "3", "123", "２", "1x"]
        let tails = ["", "", "", " ", "T", " 08:30", "\t", "x", "3", "日", "\u{3000}"]
        var answered = 0
        for _ in 0..<50_000 {
            let first = separators[mix.below(separators.count)]
            let second = mix.below(4) == 0 ? separators[mix.below(separators.count)] : first
            let text = years[mix.below(years.count)] + first + numbers[mix.below(numbers.count)] + second
                + numbers[mix.below(numbers.count)] + tails[mix.below(tails.count)]
            Array(text.utf8).withUnsafeBufferPointer { field in
                guard let quick = Fields.quickDate(field) else { return }
                answered += 1
                let full = try? Fields.withNormalized(field, fold: true) { (b) throws(FieldProblem) -> Day in try Fields.parseDate(b) }
                #expect(quick == full, "\(text)")
            }
        }
        #expect(answered > 1_000, "the fast path answers for common forms")
    }

    /// The resident-ID rule (check character by Horner's rule) agrees with GB 11643 as written: the weights
    /// 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, the characters `10X98765432`, and a birth date that exists.
    @Test func residentIDRuleAgreesWithTheGB11643Definition() {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let table = Array("10X98765432".utf8)
        func definition(_ field: [UInt8]) -> PersonKey? {
            guard field.count == 18, field.prefix(17).allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            let d = field.prefix(17).map { Int($0) - 48 }
            let given = field[17] == UInt8(ascii: "x") ? UInt8(ascii: "X") : field[17]
            guard given == table[zip(d, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11] else { return nil }
            let birth = d[6..<14].reduce(0) { $0 * 10 + $1 }
            guard Day(year: birth / 10000, month: birth / 100 % 100, day: birth % 100) != nil else { return nil }
            return PersonKey(cnDigits: UInt64(d.reduce(0) { $0 * 10 + $1 }))
        }
        var mix = SplitMix64(seed: 2)
        var answered = 0
        for i in 0..<50_000 {
            // Mostly well-formed IDs with real birth dates, some with a wrong check character or a bad date.
            let year = 1930 + mix.below(90), month = 1 + mix.below(i % 7 == 0 ? 14 : 12), day = 1 + mix.below(i % 5 == 0 ? 31 : 28)
            var digits = "330106" + String(format: "%04d%02d%02d", year, month, day) + String(format: "%03d", mix.below(1000))
            if i % 11 == 0 { digits = String(digits.dropLast()) + "a" }
            var base = Array(digits.utf8)
            // A byte just outside the digits, or any byte, anywhere among the seventeen (read eight at a time).
            if i % 13 == 0 { base[mix.below(17)] = [0x2F, 0x3A, 0x20, 0x00, 0xB0, 0xFF, 0x39 + 0x80][mix.below(7)] }
            for check in ["0", "1", "5", "9", "X", "x", "Y"] where mix.below(3) == 0 || check == "X" {
                let field = base + Array(check.utf8)
                field.withUnsafeBufferPointer { b in
                    let rule = try? Fields.residentID(b)
                    if rule != nil { answered += 1 }
                    #expect(rule == definition(field), "\(String(decoding: field, as: UTF8.self))")
                    if i % 11 != 0 && i % 13 != 0 {
                        #expect(PersonKey.checkCharacter(field.prefix(17)) == table[zip(field.prefix(17).map { Int($0) - 48 }, weights)
                            .reduce(0) { $0 + $1.0 * $1.1 } % 11])
                    }
                }
            }
        }
        #expect(answered > 1_000, "valid IDs are among the inputs")
    }
}
