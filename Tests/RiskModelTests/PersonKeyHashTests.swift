import RiskModel
import Testing

/// People are hashed for Swift's sets and dictionaries from their digest (`PersonKey._rawHashValue(seed:)`).
@Suite struct PersonKeyHashTests {
    /// Keys made twice from the same ID hash alike under every seed, and a set finds every one of them.
    @Test(arguments: [0, 1, -7, Int.max])
    func equalKeysHashAlike(seed: Int) throws {
        let ids = (0..<1_000).map { 33_010_619_800_101_000 + UInt64($0) }
        for id in ids {
            #expect(PersonKey(cnDigits: id)._rawHashValue(seed: seed) == PersonKey(cnDigits: id)._rawHashValue(seed: seed))
        }
        let passport = try #require(PersonKey(type: .passport, text: Array("E12345678".utf8)))
        let again = try #require(PersonKey(type: .passport, text: Array("E12345678".utf8)))
        #expect(passport._rawHashValue(seed: seed) == again._rawHashValue(seed: seed))
        let set = Set(ids.map(PersonKey.init(cnDigits:)) + [passport])
        #expect(set.count == 1_001 && set.contains(again) && ids.allSatisfy { set.contains(PersonKey(cnDigits: $0)) })
    }

    /// A province's IDs are consecutive numbers: their hashes still spread over a table's buckets (the low bits a
    /// dictionary uses) as random ones would, and another seed puts them elsewhere.
    @Test func consecutiveIDsSpreadOverTheBuckets() {
        let keys = (0..<100_000).map { PersonKey(cnDigits: 11_010_119_900_101_000 + UInt64($0)) }
        let buckets = 1 << 16
        let used = Set(keys.map { $0._rawHashValue(seed: 12_345) & (buckets - 1) }).count
        // 100,000 random values fill 1 - e^(-100000/65536), about 78%, of 65,536 buckets.
        #expect(used > buckets * 3 / 4)
        let moved = keys.prefix(1_000).filter { $0._rawHashValue(seed: 12_345) != $0._rawHashValue(seed: 54_321) }.count
        #expect(moved > 990)
    }
}
