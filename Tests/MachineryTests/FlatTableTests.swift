import Machinery
import Testing

/// The one flat table behind the travel dedupe, the residents' index and the designation lists.
@Suite struct FlatTableTests {
    @Test func setKeepsFirstOccurrences() {
        var set = FlatSet(capacity: 4)
        let values: [UInt64] = (0..<10_000).map { $0 % 3_000 } + [0]
        let fresh = values.filter { set.insert($0) }.count
        #expect(fresh == 3_000)
        #expect(set.count == 3_000)
    }

    /// The filter in front of the table may let an absent value through to the table, never turn a present one
    /// away: every value inserted is found (also after the table grew), and no other value is.
    @Test(arguments: [true, false])
    func setFindsExactlyWhatWasInserted(filtered: Bool) {
        var random = SplitMix64(seed: filtered ? 21 : 22)
        let values = (0..<50_000).map { _ in random.next() }
        var set = FlatSet(capacity: 1_000, filtered: filtered)
        for v in values { set.insert(v) }
        #expect(values.allSatisfy { set.contains($0) })
        let present = Set(values)
        let absent = (0..<200_000).map { _ in random.next() }.filter { !present.contains($0) }
        #expect(!absent.contains { set.contains($0) })
    }

    /// Values are kept with their keys, also across growth.
    @Test func mapKeepsValues() {
        var table = FlatTable<UInt64>(capacity: 2)
        let fresh = (1...5_000 as ClosedRange<UInt64>).filter { table.insert($0, $0 * 7) }
        #expect(fresh.count == 5_000)
        let again = table.insert(42, 0)
        #expect(!again)
        #expect((1...5_000 as ClosedRange<UInt64>).allSatisfy { table.value($0) == $0 * 7 })
        #expect(table.value(5_001) == nil)
    }

    /// Keys that are digests of larger values may collide: entries with one key are told apart by their values,
    /// found, updated and kept apart through growth.
    @Test func sharedKeysAreToldApartByValue() {
        var table = FlatTable<Int32>(capacity: 2)
        // Rows 0..<3000 have "persons" row % 1000 and keys (person % 10): ten persons per key.
        var winner: [Int: Int32] = [:]
        for row in 0..<3_000 {
            let person = row % 1_000
            if let current = table.insert(UInt64(person % 10), Int32(row), unlessPresent: { Int($0) % 1_000 == person }) {
                #expect(Int(current) % 1_000 == person)
                let updated = table.update(UInt64(person % 10), where: { Int($0) % 1_000 == person }, to: Int32(row))
                #expect(updated)
            }
            winner[person] = Int32(row)
        }
        #expect(table.count == 1_000)
        for person in 0..<1_000 {
            #expect(table.value(UInt64(person % 10), where: { Int($0) % 1_000 == person }) == winner[person])
        }
        let none = table.update(3, where: { _ in false }, to: 0)
        #expect(!none)
    }
}
