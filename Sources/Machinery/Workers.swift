import Dispatch
import Glibc
import Synchronization

/// How many threads a stage spreads its work over, and the only ways the program runs work in parallel.
///
/// Every parallel loop goes through here, so callers hand over plain closures and never share unsafe pointers
/// themselves. The closures are called concurrently: they may read what they capture and write only what they
/// are given (their own index, slice or element). Work is handed out as threads come free, so a slow piece does
/// not leave the others idle. Nested use runs on the caller's thread alone (libdispatch runs a parallel loop
/// inside another serially).
public struct Workers: Sendable, Hashable, CustomStringConvertible {
    /// The number of threads, 1 to 64.
    public let count: Int

    public init(_ count: Int) { self.count = min(max(count, 1), 64) }

    /// One thread: everything in order on the caller's.
    public static let one = Workers(1)

    /// One thread per core online.
    public static var online: Workers { Workers(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    public var description: String { "\(count) worker\(count == 1 ? "" : "s")" }

    /// Calls `body(i)` for every `i` in `0..<n`, each once, on up to `count` threads, and waits for all.
    public func forEach(_ n: Int, _ body: (Int) -> Void) {
        guard n > 0 else { return }
        let threads = min(count, n)
        if threads == 1 {
            for i in 0..<n { body(i) }
            return
        }
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while true {
                    let i = next.add(1, ordering: .relaxed).oldValue
                    if i >= n { return }
                    body(i)
                }
            }
        }
    }

    /// Like `forEach(_:_:)`, with a `state` made once on each thread and lent to every call there: for objects that
    /// must not be shared between threads (a Pango font map and its layouts).
    public func forEach<State>(_ n: Int, perThread makeState: () -> State, _ body: (inout State, Int) -> Void) {
        guard n > 0 else { return }
        let threads = min(count, n)
        if threads == 1 {
            var state = makeState()
            for i in 0..<n { body(&state, i) }
            return
        }
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(makeState) { makeState in
            withoutActuallyEscaping(body) { body in
                nonisolated(unsafe) let (makeState, body) = (makeState, body)
                DispatchQueue.concurrentPerform(iterations: threads) { _ in
                    var state = makeState()
                    while true {
                        let i = next.add(1, ordering: .relaxed).oldValue
                        if i >= n { return }
                        body(&state, i)
                    }
                }
            }
        }
    }

    /// `body(state, i)` for every `i` in `0..<n`, with a state per thread (see `forEach(_:perThread:_:)`), in the order of `i`.
    public func map<State, T>(_ n: Int, perThread makeState: () -> State, _ body: (inout State, Int) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            nonisolated(unsafe) let out = buffer
            forEach(n, perThread: makeState) { state, i in (out.baseAddress! + i).initialize(to: body(&state, i)) }
            initialized = n
        }
    }

    /// `body(i)` for every `i` in `0..<n`, computed on up to `count` threads, in the order of `i`.
    public func map<T>(_ n: Int, _ body: (Int) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            nonisolated(unsafe) let out = buffer
            forEach(n) { i in (out.baseAddress! + i).initialize(to: body(i)) }
            initialized = n
        }
    }

    /// Calls `body` with slices of `0..<n` that cover it, about four per thread and each of at least `minimum`
    /// (one slice when `n` is small).
    public func forEachSlice(of n: Int, atLeast minimum: Int, _ body: (Range<Int>) -> Void) {
        let slices = min(count * 4, max(n / max(minimum, 1), 1))
        if slices == 1 { return body(0..<n) }
        forEach(slices) { s in body(n * s / slices..<n * (s + 1) / slices) }
    }

    /// An array of `n` elements, element `i` being `element(i)`, made in slices of at least `minimum` on all threads.
    public func makeArray<T>(count n: Int, atLeast minimum: Int, _ element: (Int) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            nonisolated(unsafe) let out = buffer
            forEachSlice(of: n, atLeast: minimum) { slice in
                for i in slice { (out.baseAddress! + i).initialize(to: element(i)) }
            }
            initialized = n
        }
    }

    /// Runs `first` and `second` at once on two threads (one after the other with one) and returns both results.
    ///
    /// For two passes over the same rows that each miss the cache on nearly every row.
    public func both<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
        guard count > 1 else { return (first(), second()) }
        var results: (A?, B?) = (nil, nil)
        withUnsafeMutablePointer(to: &results) { results in
            nonisolated(unsafe) let results = results
            forEach(2) { i in
                if i == 0 { results.pointee.0 = first() } else { results.pointee.1 = second() }
            }
        }
        return (results.0!, results.1!)
    }

    /// Calls `body` with each element of `array` and its index, to change in place, on up to `count` threads.
    public func updateEach<T>(_ array: inout [T], _ body: (Int, inout T) -> Void) {
        array.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let elements = buffer
            forEach(elements.count) { i in body(i, &elements[i]) }
        }
    }

    /// Lends `array` to `body` as `SharedWrites` for parallel loops that write its elements by index, each index
    /// from one thread only (which the caller guarantees: the indices are not slices of a range).
    public func sharing<T, R>(_ array: inout [T], _ body: (SharedWrites<T>) -> R) -> R {
        array.withUnsafeMutableBufferPointer { body(SharedWrites(buffer: $0)) }
    }
}

/// An array's elements lent to a parallel loop whose iterations write disjoint indices (`Workers.sharing`).
public struct SharedWrites<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    public var count: Int { buffer.count }

    public subscript(index: Int) -> Element {
        get { buffer[index] }
        nonmutating set { buffer[index] = newValue }
    }
}
