import Foundation
import Machinery
import RiskModel
import Testing
import TestSupport

/// A night removes the stored stays it replaces from each block by their offsets.
@Suite struct StayBlockTests {
    static let removals: [[Int]] = [[], [0], [9], [0, 9], [3, 4, 5], [1, 3, 5, 7], [0, 1, 8, 9], Array(0..<10)]

    static let stays = (0..<10).map { i in
        Stay(person: .cn("3301061980010100\(i)"), region: .of("420102"), arrived: .of("2020-01-25"), left: .of("2020-01-26"),
             identity: UInt64(i + 1))
    }

    @Test(arguments: removals)
    func removingOffsetsKeepsTheOthersInOrder(offsets: [Int]) {
        var block = StayBlock(Self.stays)
        block.remove(atSortedOffsets: offsets)
        #expect(block.map { $0.identity } == Self.stays.indices.filter { !offsets.contains($0) }.map { UInt64($0 + 1) })
    }

    /// A mapped block stays a view of its file: the removed stays are skipped by position, iteration, every span
    /// of every range and the one-buffer form alike, and a second removal counts positions in what is left.
    @Test(arguments: removals)
    func aMappedBlockSkipsTheRemovedStaysWithoutCopying(offsets: [Int]) throws {
        let file = try makeTemporaryDirectory("stay-block").appendingPathComponent("stays.bin")
        try Self.stays.withUnsafeBytes { try Data($0).write(to: file) }
        let mapped = try #require(MappedArray<Stay>(try MappedFile(path: file.path), offset: 0, count: Self.stays.count))
        var block = StayBlock(mapped: mapped)
        block.remove(atSortedOffsets: offsets)

        let expected = Self.stays.indices.filter { !offsets.contains($0) }.map { UInt64($0 + 1) }
        #expect(block.isMapped && block.skipped == offsets.count)
        #expect(block.count == expected.count)
        #expect(block.indices.map { block[$0].identity } == expected, "by position")
        #expect(block.map { $0.identity } == expected, "by iteration")
        #expect(block.withUnsafeBufferPointer { $0.map { $0.identity } } == expected, "in one buffer")
        for from in 0...expected.count {
            for to in from...expected.count {
                var spans: [[UInt64]] = []
                block.forEachSpan(in: from..<to) { spans.append($0.map { $0.identity }) }
                #expect(spans.joined().elementsEqual(expected[from..<to]), "\(from)..<\(to)")
                #expect(!spans.contains { $0.isEmpty }, "no empty span in \(from)..<\(to)")
            }
        }

        guard let second = expected.indices.first else { return }
        block.remove(atSortedOffsets: [second])
        #expect(block.isMapped == offsets.isEmpty, "a block with holes is copied on a second removal")
        #expect(block.map { $0.identity } == Array(expected.dropFirst()))
    }
}
