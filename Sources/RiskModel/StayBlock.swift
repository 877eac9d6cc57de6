import Machinery

/// The stays of one part: an array, or a view of a stored file mapped into memory.
///
/// A night's run reads ten million stored stays; viewing them where the page cache holds them spares
/// copying half a gigabyte into fresh memory (and zeroing it first), which on this kind of machine costs
/// more than screening them. The stays a newer run replaced are skipped as holes in the view, not copied
/// around: a night resending a tenth of the province's records leaves the file mapped as it is.
public struct StayBlock: RandomAccessCollection, Sendable {
    // Either `owned`, or the `mapped` stays less the ascending offsets in `holes`.
    private var owned: [Stay]
    private var mapped: MappedArray<Stay>?
    private var holes: [Int] = []

    public init(_ stays: [Stay]) {
        owned = stays
    }

    /// A view of stays lying in a mapped file.
    public init(mapped stays: MappedArray<Stay>) {
        owned = []
        mapped = stays
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { mapped.map { $0.count - holes.count } ?? owned.count }

    public subscript(position: Int) -> Stay {
        if let mapped {
            precondition(position >= 0 && position < endIndex, "stay index out of range")
            return mapped[stored(position)]
        }
        return owned[position]
    }

    /// Whether the stays are a view of a mapped file.
    public var isMapped: Bool { mapped != nil }

    /// How many stays of the mapped file are skipped as replaced.
    public var skipped: Int { holes.count }

    /// The offset in the mapped file of the stay at `position`: past every hole at or before it.
    private func stored(_ position: Int) -> Int {
        // The j-th hole comes before position p exactly when holes[j] - j <= p, which rises with j.
        var low = 0, high = holes.count
        while low < high {
            let mid = (low + high) / 2
            if holes[mid] - mid <= position { low = mid + 1 } else { high = mid }
        }
        return position + low
    }

    /// Calls `body` with the stays at `positions`, in order, as the fewest contiguous runs (one without holes).
    public func forEachSpan(in positions: Range<Int>, _ body: (UnsafeBufferPointer<Stay>) throws -> Void) rethrows {
        precondition(positions.lowerBound >= 0 && positions.upperBound <= endIndex, "stay range out of bounds")
        guard !positions.isEmpty else { return }
        guard let mapped, !holes.isEmpty else {
            return try withRawStays { try body(UnsafeBufferPointer(rebasing: $0[positions])) }
        }
        try mapped.withUnsafeBufferPointer { mapped in
            var from = stored(positions.lowerBound)
            var left = positions.count
            var h = from - positions.lowerBound  // the holes before `from`
            while left > 0 {
                let end = h < holes.count ? Swift.min(holes[h], from + left) : from + left
                if end > from {
                    try body(UnsafeBufferPointer(rebasing: mapped[from..<end]))
                    left -= end - from
                }
                from = end + 1
                h += 1
            }
        }
    }

    /// Calls `body` with every stay, as contiguous runs.
    public func forEachSpan(_ body: (UnsafeBufferPointer<Stay>) throws -> Void) rethrows {
        try forEachSpan(in: startIndex..<endIndex, body)
    }

    /// The stays in one buffer: a block with holes is first copied into an array (prefer `forEachSpan`).
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Stay>) throws -> R) rethrows -> R {
        guard holes.isEmpty else { return try Array(self).withUnsafeBufferPointer(body) }
        return try withRawStays(body)
    }

    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Stay>) throws -> R) rethrows -> R? {
        guard holes.isEmpty else { return nil }
        return try withRawStays(body)
    }

    public func makeIterator() -> Iterator { Iterator(block: self) }

    /// Walks the stays in order, stepping over the holes without a search per stay.
    public struct Iterator: IteratorProtocol {
        let block: StayBlock
        var position = 0, offset = 0, hole = 0

        public mutating func next() -> Stay? {
            guard position < block.endIndex else { return nil }
            guard let mapped = block.mapped else {
                position += 1
                return block.owned[position - 1]
            }
            while hole < block.holes.count && block.holes[hole] == offset {
                offset += 1
                hole += 1
            }
            defer { position += 1; offset += 1 }
            return mapped[offset]
        }
    }

    /// The stays as stored: a mapped block's holes included.
    private func withRawStays<R>(_ body: (UnsafeBufferPointer<Stay>) throws -> R) rethrows -> R {
        if let mapped { return try mapped.withUnsafeBufferPointer(body) }
        return try owned.withUnsafeBufferPointer(body)
    }

    /// Removes the stays at `offsets` (ascending, each once, counted as positions in the block).
    ///
    /// A mapped block without holes keeps its view and skips them; otherwise the others are copied, span by
    /// span, into an array.
    public mutating func remove(atSortedOffsets offsets: [Int]) {
        guard !offsets.isEmpty else { return }
        if let mapped, holes.isEmpty {
            precondition(zip(offsets, offsets.dropFirst()).allSatisfy { $0 < $1 } && offsets[0] >= 0 && offsets[offsets.count - 1] < mapped.count,
                         "offsets to remove are ascending and in range")
            holes = offsets
            return
        }
        let kept = withUnsafeBufferPointer { stays in
            [Stay](unsafeUninitializedCapacity: stays.count - offsets.count) { out, initialized in
                var from = 0, written = 0
                func keep(upTo end: Int) {
                    precondition(end >= from && end <= stays.count, "offsets to remove are ascending and in range")
                    (out.baseAddress! + written).initialize(from: stays.baseAddress! + from, count: end - from)
                    written += end - from
                    from = end + 1
                }
                for gone in offsets { keep(upTo: gone) }
                keep(upTo: stays.count)
                initialized = written
            }
        }
        owned = kept
        mapped = nil
        holes = []
    }
}

