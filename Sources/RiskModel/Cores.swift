import Dispatch
import Glibc

/// The cores a run spreads its work over, read once.
public enum Cores {
    /// Online cores, at most 64; `RISKSCREEN_THREADS` lowers it (1 reads every file in one pass and screens on one core).
    public static let active: Int = {
        let online = max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1)
        if let text = getenv("RISKSCREEN_THREADS"), let wanted = Int(String(cString: text)), wanted >= 1 {
            return min(wanted, online, 64)
        }
        return min(online, 64)
    }()
}

extension Cores {
    /// Runs `first` and `second` at once, on two cores (one after the other when only one is active), and returns
    /// both results.
    ///
    /// For two passes over the same rows that each miss the cache on nearly every row: the callers lend the rows
    /// to both, which read them only, so the closures need not be `Sendable`. Inside `first` or `second`, another
    /// `both` or `forEachSlice` runs one part at a time: libdispatch runs a nested `concurrentPerform` on its
    /// caller's thread alone.
    public static func both<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
        guard active > 1 else { return (first(), second()) }
        var results: (A?, B?) = (nil, nil)
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                withUnsafeMutablePointer(to: &results) { results in
                    // Each iteration writes its own half of the pair, and the pair is read once both have finished.
                    nonisolated(unsafe) let (first, second, results) = (first, second, results)
                    DispatchQueue.concurrentPerform(iterations: 2) { i in
                        if i == 0 { results.pointee.0 = first() } else { results.pointee.1 = second() }
                    }
                }
            }
        }
        return (results.0!, results.1!)
    }

    /// Calls `body` with slices of `0..<count` on all cores, several per core taken as cores come free (so a
    /// slice slower than the others does not leave a core idle), each of at least `minimum` (one slice when small).
    public static func forEachSlice(of count: Int, atLeast minimum: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let slices = min(active * 4, max(count / minimum, 1))
        if slices == 1 { return body(0..<count) }
        DispatchQueue.concurrentPerform(iterations: slices) { s in body(count * s / slices..<count * (s + 1) / slices) }
    }
}
