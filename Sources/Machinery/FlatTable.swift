import CPrefetch

/// An open-addressing hash table of 64-bit keys and small values in one flat array: millions of entries without
/// an allocation each.
///
/// Keys are hashes or packed codes, already well spread or spread here by Fibonacci hashing; 0 marks an empty
/// slot, so a key of 0 is stored as another value (`Mix.golden`), which only matters to callers that read keys
/// back (none do). Several entries may share a key: callers whose keys are digests of larger values tell them
/// apart with the `matching` closures. An optional bit filter sits in front of the table: a probe for an
/// absent key usually ends there, in cache, without touching the table.
public struct FlatTable<Value: BitwiseCopyable & Sendable>: Sendable {
    /// One entry: a key (0: empty) and its value, side by side so a probe reads one cache line.
    @usableFromInline
    struct Slot: BitwiseCopyable, Sendable {
        @usableFromInline var key: UInt64
        @usableFromInline var value: Value

        @inlinable init(key: UInt64, value: Value) {
            self.key = key
            self.value = value
        }
    }

    @usableFromInline var slots: [Slot]
    @usableFromInline var shift: UInt64
    @usableFromInline var mask: Int
    @usableFromInline var filter: [UInt64]
    @usableFromInline var filterMask: Int
    @usableFromInline var stored = 0

    /// The number of entries.
    public var count: Int { stored }

    /// - Parameter filtered: keep the bit filter; worth it when most probes are for absent keys, a second cache
    ///   miss when most are for present ones.
    public init(capacity: Int, filtered: Bool = false) {
        var size = 16
        while size < capacity + capacity / 2 { size <<= 1 }
        slots = FlatTable.zeroed(count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        // Four filter bits per slot, five to eight per entry. Each key sets two bits of one word, so a probe reads
        // one word and a false "maybe" comes about one time in twenty (with one bit, one in six to eight).
        filter = filtered ? [UInt64](repeating: 0, count: size * 4 / 64) : []
        filterMask = filtered ? size * 4 / 64 - 1 : -1
    }

    /// A zeroed array of slots; a large one is backed by huge pages where the kernel allows it.
    ///
    /// Probes land on random pages: with 4 KiB pages nearly every probe of a province-size table also misses
    /// the TLB, and under virtualisation a page walk costs as much as the cache miss itself.
    static func zeroed(count: Int) -> [Slot] {
        [Slot](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            HugePages.advise(raw)
            // All-zero bytes are an empty slot; its value is never read.
            raw.initializeMemory(as: UInt8.self, repeating: 0)
            initialized = count
        }
    }

    @inlinable @inline(__always)
    static func stored(_ key: UInt64) -> UInt64 { key == 0 ? Mix.golden : key }

    @inlinable @inline(__always)
    func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* Mix.golden) >> shift) }

    @inlinable @inline(__always)
    func filterBits(_ key: UInt64) -> (word: Int, bits: UInt64) {
        let h = key &* 0xC2B2_AE3D_27D4_EB4F
        return (Int(truncatingIfNeeded: h >> 32) & filterMask, 1 << ((h >> 20) & 63) | 1 << ((h >> 26) & 63))
    }

    /// Whether the filter lets `key` through (always, without a filter); no means certainly absent.
    @inlinable @inline(__always)
    func filterMayHold(_ key: UInt64) -> Bool {
        guard filterMask >= 0 else { return true }
        let (word, bits) = filterBits(key)
        return filter[word] & bits == bits
    }

    /// Starts loading the table line where `key` would be, so an insert or lookup a little later does not stall.
    @inlinable @inline(__always)
    public func prefetch(_ key: UInt64) {
        let i = home(Self.stored(key))
        slots.withUnsafeBufferPointer { rs_prefetch($0.baseAddress! + i) }
    }

    /// Like `prefetch`, unless the filter already says the key is absent (most probes of a large store are).
    @inlinable @inline(__always)
    public func prefetchProbe(_ key: UInt64) {
        let key = Self.stored(key)
        if filterMayHold(key) { slots.withUnsafeBufferPointer { rs_prefetch($0.baseAddress! + home(key)) } }
    }

    /// Inserts `key` with `value` unless an entry with this key whose value `matches` is present; returns that
    /// entry's value, or nil when the new entry was inserted.
    @inlinable @inline(__always)
    public mutating func insert(_ key: UInt64, _ value: Value, unlessPresent matches: (Value) -> Bool) -> Value? {
        if stored * 4 >= slots.count * 3 { grow() }
        let key = Self.stored(key)
        if filterMask >= 0 {
            let (word, bits) = filterBits(key)
            filter[word] |= bits
        }
        var i = home(key)
        while true {
            let found = slots[i]
            if found.key == 0 {
                slots[i] = Slot(key: key, value: value)
                stored += 1
                return nil
            }
            if found.key == key && matches(found.value) { return found.value }
            i = (i + 1) & mask
        }
    }

    /// Replaces the value of the entry with `key` whose value `matches`; returns false when there is none.
    @inlinable @inline(__always) @discardableResult
    public mutating func update(_ key: UInt64, where matches: (Value) -> Bool, to value: Value) -> Bool {
        let key = Self.stored(key)
        var i = home(key)
        while true {
            let found = slots[i]
            if found.key == 0 { return false }
            if found.key == key && matches(found.value) {
                slots[i].value = value
                return true
            }
            i = (i + 1) & mask
        }
    }

    /// The value of the first entry with `key` whose value `matches`, or nil.
    @inlinable @inline(__always)
    public func value(_ key: UInt64, where matches: (Value) -> Bool) -> Value? {
        let key = Self.stored(key)
        guard filterMayHold(key) else { return nil }
        var i = home(key)
        while true {
            let found = slots[i]
            if found.key == 0 { return nil }
            if found.key == key && matches(found.value) { return found.value }
            i = (i + 1) & mask
        }
    }

    /// The value of the entry with `key`, for tables whose keys are unique; nil when absent.
    @inlinable @inline(__always)
    public func value(_ key: UInt64) -> Value? {
        value(key) { _ in true }
    }

    /// Inserts `key` unless it is present; returns whether it was inserted. For tables whose keys are unique.
    @inlinable @inline(__always) @discardableResult
    public mutating func insert(_ key: UInt64, _ value: Value) -> Bool {
        insert(key, value) { _ in true } == nil
    }

    /// Whether an entry with `key` is present.
    @inlinable @inline(__always)
    public func contains(_ key: UInt64) -> Bool {
        value(key) != nil
    }

    @usableFromInline
    mutating func grow() {
        let old = slots
        var bigger = FlatTable(capacity: old.count, filtered: filterMask >= 0)
        for slot in old where slot.key != 0 {
            // Every key is re-inserted as a separate entry: keys shared by several values stay several entries.
            _ = bigger.insert(slot.key, slot.value) { _ in false }
        }
        self = bigger
    }
}

/// The value of a set's entries: nothing, taking no room beside the key.

public struct Nothing: BitwiseCopyable, Sendable {
    @inlinable public init() {}
}

/// A set of 64-bit keys (hashes, digests, packed codes): a `FlatTable` without values.
public typealias FlatSet = FlatTable<Nothing>

extension FlatTable where Value == Nothing {
    /// Inserts `key`; returns false when it was already present.
    @inlinable @inline(__always) @discardableResult
    public mutating func insert(_ key: UInt64) -> Bool {
        insert(key, Nothing())
    }
}
