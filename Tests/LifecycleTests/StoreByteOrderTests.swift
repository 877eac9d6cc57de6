@testable import Lifecycle
import Testing

/// The night's `runNotice` rows go in in the index's order, which its serials are sorted into as packed words.
@Suite struct ByteOrderTests {
    @Test(arguments: [
        // A community's notices over two days, numbers of four and five digits (text order, not numeric), unassigned.
        ["330106001000-20200207-0001", "330106001000-20200206-0002", "000000000000-20200206-0001", "330106001000-20200206-10000",
         "330106001000-20200206-9999", "330106001001-20200206-0001", "330106001000-20200206-0001"],
        // Texts that share a prefix, one a prefix of another, and an empty one.
        ["ab", "a", "", "abc", "b", "aa"],
        // One longer than 32 bytes: the whole list is sorted as strings.
        ["330106001000-20200206-00000000000000001", "330106001000-20200206-0002", "330106001000-20200206-0001"],
    ])
    func serialsAreOrderedByTheirBytes(_ serials: [String]) {
        let order = Store.byteOrder(serials)
        #expect(order.map { serials[$0] } == serials.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }
}
