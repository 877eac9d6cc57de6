import Machinery
import Synchronization
import Testing

/// Work split over several threads comes back as if done on one, whatever the number of workers.
@Suite struct WorkersTests {
    static let counts = [1, 2, 3, 8]

    /// Two passes over the same rows run side by side, and each result comes back in its own place.
    @Test(arguments: counts)
    func bothReturnsEachPassResultInItsPlace(workers: Int) {
        let rows = Array(1...100_000)
        let (evens, odds) = rows.withUnsafeBufferPointer { rows in
            Workers(workers).both({ rows.reduce(0) { $1 % 2 == 0 ? $0 + $1 : $0 } }, { rows.reduce(0) { $1 % 2 == 1 ? $0 + $1 : $0 } })
        }
        #expect(evens == 2_500_050_000 && odds == 2_500_000_000)
    }

    /// Slices cover every index once, with none shorter than asked unless there is only one, and no more than
    /// four per worker.
    @Test(arguments: [0, 1, 4_095, 4_096, 8_192, 36_871, 1_000_000], counts)
    func slicesCoverEveryIndexOnce(count: Int, workers: Int) {
        let hits = Mutex([UInt8](repeating: 0, count: count))
        let slices = Mutex<[Range<Int>]>([])
        Workers(workers).forEachSlice(of: count, atLeast: 4096) { slice in
            hits.withLock { for i in slice { $0[i] += 1 } }
            slices.withLock { $0.append(slice) }
        }
        #expect(hits.withLock { $0.allSatisfy { $0 == 1 } })
        let taken = slices.withLock { $0 }
        #expect(taken.count == 1 || taken.allSatisfy { $0.count >= 4096 })
        #expect(taken.count <= workers * 4)
    }

    /// `map` and `makeArray` give element i at index i, computed once each.
    @Test(arguments: counts)
    func mapKeepsOrder(workers: Int) {
        let calls = Atomic<Int>(0)
        let squares = Workers(workers).map(10_000) { i -> Int in
            calls.add(1, ordering: .relaxed)
            return i * i
        }
        #expect(squares == (0..<10_000).map { $0 * $0 })
        #expect(calls.load(ordering: .relaxed) == 10_000)
        #expect(Workers(workers).makeArray(count: 50_000, atLeast: 1_000) { $0 + 1 } == Array(1...50_000))
    }

    /// Each thread gets its own state, made once per thread, never shared: no more states than workers.
    @Test(arguments: counts)
    func stateIsMadePerThread(workers: Int) {
        let made = Atomic<Int>(0)
        final class Counter { var n = 0 }
        let results = Workers(workers).map(1_000, perThread: { () -> Counter in
            made.add(1, ordering: .relaxed)
            return Counter()
        }) { counter, i -> Int in
            counter.n += 1
            return i
        }
        #expect(results == Array(0..<1_000))
        #expect((1...workers).contains(made.load(ordering: .relaxed)))
    }

    /// Elements are changed in place, each once; shared writes by disjoint index all land.
    @Test(arguments: counts)
    func elementsChangeInPlace(workers: Int) {
        var values = Array(0..<20_000)
        Workers(workers).updateEach(&values) { i, value in value = value * 2 + i }
        #expect(values == (0..<20_000).map { $0 * 3 })
        var flags = [Bool](repeating: false, count: 20_000)
        Workers(workers).sharing(&flags) { shared in
            // Each pass owns the indices of its residue, as the travel dedupe's quarters own their identities.
            Workers(workers).forEach(4) { residue in
                for i in stride(from: residue, to: shared.count, by: 4) { shared[i] = true }
            }
        }
        #expect(flags.allSatisfy { $0 })
    }

    /// A worker count is kept between 1 and 64.
    @Test func countsAreClamped() {
        #expect(Workers(0).count == 1)
        #expect(Workers(-3).count == 1)
        #expect(Workers(500).count == 64)
        #expect(Workers.online.count >= 1)
    }
}
