import RiskModel
import Testing
import TestSupport

/// A night removes the stored stays it replaces from each block by their offsets.
@Suite struct StayBlockTests {
    @Test(arguments: [[], [0], [9], [0, 9], [3, 4, 5], [1, 3, 5, 7], Array(0..<10)])
    func removingOffsetsKeepsTheOthersInOrder(offsets: [Int]) {
        let stays = (0..<10).map { i in
            Stay(person: .cn("3301061980010100\(i)"), region: .of("420102"), arrived: .of("2020-01-25"), left: .of("2020-01-26"),
                 identity: UInt64(i + 1))
        }
        var block = StayBlock(stays)
        block.remove(atSortedOffsets: offsets)
        #expect(block.map(\.identity) == stays.indices.filter { !offsets.contains($0) }.map { UInt64($0 + 1) })
    }
}
