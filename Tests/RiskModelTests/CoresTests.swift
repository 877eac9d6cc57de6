import RiskModel
import Synchronization
import Testing

/// Work split over the cores comes back as if done on one.
@Suite struct CoresTests {
    /// Two passes over the same rows run side by side, and each result comes back in its own place.
    @Test func bothReturnsEachPassResultInItsPlace() {
        let rows = Array(1...100_000)
        let (evens, odds) = rows.withUnsafeBufferPointer { rows in
            Cores.both({ rows.reduce(0) { $1 % 2 == 0 ? $0 + $1 : $0 } }, { rows.reduce(0) { $1 % 2 == 1 ? $0 + $1 : $0 } })
        }
        #expect(evens == 2_500_050_000 && odds == 2_500_000_000)
    }

    /// Slices cover every index once, with none shorter than asked unless there is only one.
    @Test(arguments: [0, 1, 4_095, 4_096, 8_192, 36_871, 1_000_000])
    func slicesCoverEveryIndexOnce(count: Int) {
        let hits = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(count, 1))
        defer { hits.deallocate() }
        hits.initialize(repeating: 0)
        nonisolated(unsafe) let out = hits
        let slices = Mutex<[Range<Int>]>([])
        Cores.forEachSlice(of: count, atLeast: 4096) { slice in
            for i in slice { out[i] += 1 }
            slices.withLock { $0.append(slice) }
        }
        #expect(hits.prefix(count).allSatisfy { $0 == 1 })
        let taken = slices.withLock { $0 }
        #expect(taken.count == 1 || taken.allSatisfy { $0.count >= 4096 })
        #expect(taken.count <= max(Cores.active * 4, 1))
    }
}
