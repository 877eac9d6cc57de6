/// A growable buffer reused across records so the hot path does not allocate.
///
/// A class rather than an `Array` so the libcsv callbacks can append without
/// uniqueness or exclusivity checks; the memory is released in `deinit`.
final class GrowableBuffer<Element: BitwiseCopyable> {
    // Unchecked: these are touched per field and are never accessed overlappingly.
    @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<Element>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private(set) var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    func removeAll() { count = 0 }

    /// Makes room for `extra` more elements, growing geometrically.
    @inline(__always)
    func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    func append(_ element: Element) {
        reserve(1)
        base[count] = element
        count += 1
    }

    /// Marks `n` elements written directly at `base + count` (after `reserve`) as used.
    @inline(__always)
    func commit(_ n: Int) { count += n }

    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
}

typealias ByteBuffer = GrowableBuffer<UInt8>

extension GrowableBuffer where Element == UInt8 {
    @inline(__always)
    func append(_ bytes: UnsafeRawPointer?, _ length: Int) {
        guard length > 0, let bytes else { return }
        reserve(length)
        (base + count).update(from: bytes.assumingMemoryBound(to: UInt8.self), count: length)
        count += length
    }

    var bytes: UnsafeBufferPointer<UInt8> { buffer }
}
