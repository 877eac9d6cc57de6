import Testing
import RiskModel
@testable import Normalize

/// The hot path reads plain fields without trimming or folding them first; these tests hold it to the full rules.
///
/// A leading space sends a field down the full path (it must be trimmed), so the padded field's outcome is the rule's.
@Suite struct PlainFieldPathTests {
    /// The outcome of a rule as a comparable value: the result, or the problem's words.
    static func outcome<T: Equatable>(_ rule: () throws(FieldProblem) -> T) -> Result<T, FieldProblem> {
        do throws(FieldProblem) { return .success(try rule()) } catch { return .failure(error) }
    }

    /// Twelve-byte fields around the edges of the digit test: a byte just below `0` or just above `9` in each place.
    static let regionFields: [String] = {
        var fields = ["330111001001", "000000000000", "999999999999", "100000000000", "000000000001", "330100000000"]
        for place in 0..<12 {
            for odd in ["/", ":", "O", " ", "３"] {
                var bytes = Array("330111001001".utf8)
                bytes.replaceSubrange(place..<place + 1, with: Array(odd.utf8))
                fields.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        return fields
    }()

    @Test(arguments: regionFields)
    func regionCodesReadAsTheFullRuleReadsThem(field: String) {
        let fast = Self.outcome { () throws(FieldProblem) in try Fields.regionCode(field.utf8) }
        let full = Self.outcome { () throws(FieldProblem) in try Fields.regionCode((" " + field).utf8) }
        #expect(fast.map(\.canonical) == full.map(\.canonical))
    }

    /// Eighteen-character IDs with the check character right and wrong, `x`, a space or a stray byte in each place.
    static let idFields: [String] = {
        var fields = ["330111196211044475", "33011119730720321X", "33011119730720321x", "330111197307203210",
                      "33011119621104447 ", "330111196211044475 ", "33011119621104447Y", "330111196202304475",
                      "000000000000000000", "33011119621104447５"]
        for place in 0..<18 {
            for odd in ["/", ":", "X"] {
                var bytes = Array("330111196211044475".utf8)
                bytes[place] = odd.utf8.first!
                fields.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        return fields
    }()

    @Test(arguments: idFields)
    func residentIDsReadAsTheFullRuleReadsThem(field: String) {
        let fast = Self.outcome { () throws(FieldProblem) in try Fields.personKey(type: .cnID, idNo: field.utf8) }
        let full = Self.outcome { () throws(FieldProblem) in try Fields.personKey(type: .cnID, idNo: (" " + field).utf8) }
        #expect(fast == full)
    }

    @Test(arguments: ["2020-01-20", "2020-1-5", "2020/02/30", "", "   ", "2020-01-20 08:30", "20200120", "2020年1月5日", "x"])
    func optionalDatesReadAsTheFullRuleReadsThem(field: String) {
        let quick = Self.outcome { () throws(FieldProblem) in
            try Array(field.utf8).withUnsafeBufferPointer { (b) throws(FieldProblem) in try Fields.optionalDate("left_on", b) }
        }
        let full = Self.outcome { () throws(FieldProblem) in
            try Array(field.utf8).withUnsafeBufferPointer { (b) throws(FieldProblem) in
                try Fields.optionalColumn("left_on", b, Fields.date)
            }
        }
        #expect(quick == full)
    }

    @Test(arguments: ["PF0000000001", "platform", "ＰＦ００１", "PF-0001ｘ", "记录Ａ1", "", "\u{EF}"])
    func identitiesFoldAsTheFullRuleFolds(field: String) {
        var fast = IdentityHasher(), full = IdentityHasher()
        Array(field.utf8).withUnsafeBufferPointer { bytes in
            fast.addFolding(bytes)
            Fields.withNormalized(bytes, fold: true) { full.add($0) }
        }
        #expect(fast.value == full.value)
    }
}
