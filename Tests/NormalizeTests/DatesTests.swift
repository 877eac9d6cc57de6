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
        #expect(problem?.reason == reason)
    }

    @Test(arguments: [
        "garbage", "2020", "2020-01", "2020-01-", "20-01-2020", "01/20/2020", "2020-01/20", "2020-001-01",
        "2020-01-200", "202001201", "2020012", "2020-01-20x", "2020-01-20,08:30", "2020年1月20", "2020年1月20号",
        "2020 01 20", "43850", "二〇二〇年一月二十日"
    ])
    func rejectsWhatIsNotADate(raw: String) {
        let problem = #expect(throws: FieldProblem.self) { try Fields.date(raw.utf8) }
        #expect(problem?.reason.contains("is not a date; write YYYY-MM-DD") == true)
    }

    @Test func blankIsAProblemThatCallersCanAvoid() {
        #expect(Fields.isBlank("  ".utf8))
        let problem = #expect(throws: FieldProblem.self) { try Fields.date(" ".utf8) }
        #expect(problem?.reason == "is empty; a date is required")
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

    @Test func quickResidentIDAgreesWithTheFullRule() {
        var mix = SplitMix64(seed: 2)
        var answered = 0
        for i in 0..<50_000 {
            // Mostly well-formed IDs with real birth dates, some with a wrong check character or a bad date.
            let year = 1930 + mix.below(90), month = 1 + mix.below(i % 7 == 0 ? 14 : 12), day = 1 + mix.below(i % 5 == 0 ? 31 : 28)
            var digits = "330106" + String(format: "%04d%02d%02d", year, month, day) + String(format: "%03d", mix.below(1000))
            if i % 11 == 0 { digits = String(digits.dropLast()) + "a" }
            let base = Array(digits.utf8)
            for check in ["0", "1", "5", "9", "X", "x", "Y"] where mix.below(3) == 0 || check == "X" {
                let field = base + Array(check.utf8)
                field.withUnsafeBufferPointer { b in
                    let full = try? Fields.residentID(b)
                    let quick = Fields.quickResidentID(b)
                    if let quick { answered += 1; #expect(quick == full, "\(String(decoding: field, as: UTF8.self))") }
                    else { #expect(full == nil || !field.allSatisfy { $0 < 0x80 } || field.count != 18,
                                   "the fast path declined a valid ID: \(String(decoding: field, as: UTF8.self))") }
                }
            }
        }
        #expect(answered > 1_000, "the fast path answers for valid IDs")
    }
}
