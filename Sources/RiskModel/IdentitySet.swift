import CPrefetch

/// A set of 64-bit hashes in one flat open-addressing table: millions of inserts without per-entry allocation.
///
/// A bitset of about one byte per element sits in front of the table: most probes for absent values
/// (a night's identities against a province store) end there, in cache, without touching the table.
public struct IdentitySet: Sendable {
    @usableFromInline var slots: [UInt64]
    @usableFromInline var mask: Int
    @usableFromInline var filter: [UInt64]
    @usableFromInline var filterMask: Int
    @usableFromInline var stored = 0

    public var count: Int { stored }

    /// - Parameter filtered: keep the bitset; worth it when most probes are for absent values, a second cache
    ///   miss when most are for present ones (a night's stays probed against the residents).
    public init(capacity: Int, filtered: Bool = true) {
        var size = 16
        while size < capacity + capacity / 2 { size <<= 1 }
        slots = IdentitySet.zeroedTable(count: size)
        mask = size - 1
        // Four filter bits per slot, five to eight per element. Each element sets two bits of one word, so a probe
        // reads one word and a false "maybe" comes about one time in twenty (one bit: one in six to eight).
        filter = filtered ? [UInt64](repeating: 0, count: size * 4 / 64) : []
        filterMask = filtered ? size * 4 / 64 - 1 : -1
    }

    /// The digests of `people` (`PersonKey.digest`): a set in cache that answers for most absent people before
    /// a hashed set of them is asked.
    public init(digestsOf people: some Collection<PersonKey>, filtered: Bool = true) {
        self.init(capacity: people.count, filtered: filtered)
        for person in people { _ = insert(person.digest) }
    }

    /// A zeroed table; a large one is backed by huge pages where the kernel allows it (`madvise` mode).
    ///
    /// Probes land on random pages: with 4 KiB pages nearly every probe of a province-size table also
    /// misses the TLB, and under virtualisation a page walk costs as much as the cache miss itself.
    static func zeroedTable(count: Int) -> [UInt64] {
        [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
            HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: 0)
            initialized = count
        }
    }

    @inlinable @inline(__always)
    static func key(_ value: UInt64) -> UInt64 { value == 0 ? 0x9E37_79B9_7F4A_7C15 : value }

    @inlinable @inline(__always)
    func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask }

    @inlinable @inline(__always)
    func filterBits(_ key: UInt64) -> (word: Int, bits: UInt64) {
        let h = key &* 0xC2B2_AE3D_27D4_EB4F
        return (Int(truncatingIfNeeded: h >> 32) & filterMask, 1 << ((h >> 20) & 63) | 1 << ((h >> 26) & 63))
    }

    /// Inserts `value`; returns false when it was already present.
    @inlinable @inline(__always)
    public mutating func insert(_ value: UInt64) -> Bool {
        if stored * 4 >= slots.count * 3 { grow() }
        let key = Self.key(value)
        if filterMask >= 0 {
            let (word, bits) = filterBits(key)
            filter[word] |= bits
        }
        var i = slot(key)
        while true {
            let found = slots[i]
            if found == 0 {
                slots[i] = key
                stored += 1
                return true
            }
            if found == key { return false }
            i = (i + 1) & mask
        }
    }

    /// Whether the filter lets `key` through (always, without a filter); no means certainly absent.
    @inlinable @inline(__always)
    func filterMayHold(_ key: UInt64) -> Bool {
        guard filterMask >= 0 else { return true }
        let (word, bits) = filterBits(key)
        return filter[word] & bits == bits
    }

    @inlinable @inline(__always)
    func prefetchSlot(_ key: UInt64) {
        let i = slot(key)
        slots.withUnsafeBufferPointer { rs_prefetch($0.baseAddress! + i) }
    }

    /// Starts loading the table line where `value` would be, so a `contains` or `insert` issued a little later does not stall.
    @inlinable @inline(__always)
    public func prefetch(_ value: UInt64) {
        prefetchSlot(Self.key(value))
    }

    /// Starts loading the table line a `contains(value)` issued a little later will read, unless the filter
    /// already answers no (a province store's stays are probed against a night's identities, most absent).
    @inlinable @inline(__always)
    public func prefetchProbe(_ value: UInt64) {
        let key = Self.key(value)
        if filterMayHold(key) { prefetchSlot(key) }
    }

    /// Whether `value` was inserted.
    @inlinable @inline(__always)
    public func contains(_ value: UInt64) -> Bool {
        let key = Self.key(value)
        guard filterMayHold(key) else { return false }
        var i = slot(key)
        while true {
            let found = slots[i]
            if found == 0 { return false }
            if found == key { return true }
            i = (i + 1) & mask
        }
    }

    @usableFromInline
    mutating func grow() {
        let old = slots
        var bigger = IdentitySet(capacity: old.count, filtered: filterMask >= 0)
        for v in old where v != 0 { _ = bigger.insert(v) }
        self = bigger
    }
}
