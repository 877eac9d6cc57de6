import Testing
import RiskModel
import TestSupport

@Suite struct RegionCodeTests {
    @Test(arguments: [
        (UInt64(330100000000), "3301", 4), (330111001000, "330111001", 9), (330111001002, "330111001002", 12),
        (330000000000, "33", 2), (330111000000, "330111", 6),
    ])
    func canonicalisesByCuttingZeroGroups(padded: UInt64, canonical: String, length: Int) {
        let code = RegionCode(canonicalizing: padded)
        #expect(code.canonical == canonical)
        #expect(code.length == length)
        #expect(code.twelveDigits == String(padded).leftPadded(to: 12))
    }

    @Test(arguments: [("33", "330111004001", true), ("3301", "330111", true), ("330111", "330111", true),
                      ("330111", "3301", false), ("3303", "330111", false), ("4201", "420102", true)])
    func containsByPrefix(outer: String, inner: String, expected: Bool) {
        #expect(RegionCode.of(outer).contains(.of(inner)) == expected)
    }

    @Test func ordersLikeTheCanonicalStrings() {
        let codes = ["330302", "33", "3303", "330111004001", "42", "4201"].map(RegionCode.of)
        #expect(codes.sorted().map(\.canonical) == ["33", "330111004001", "3303", "330302", "42", "4201"])
    }
}


extension String {
    func leftPadded(to n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
