/// A set of 64-bit hashes in one flat open-addressing table: millions of inserts without per-entry allocation.
public struct IdentitySet: Sendable {
    private var slots: [UInt64]
    private var mask: Int
    public private(set) var count = 0

    public init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// Inserts `value`; returns false when it was already present.
    @inline(__always)
    public mutating func insert(_ value: UInt64) -> Bool {
        if count * 2 >= slots.count { grow() }
        let key = value == 0 ? 0x9E37_79B9_7F4A_7C15 : value
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
        while true {
            let slot = slots[i]
            if slot == 0 {
                slots[i] = key
                count += 1
                return true
            }
            if slot == key { return false }
            i = (i + 1) & mask
        }
    }

    /// Whether `value` was inserted.
    @inline(__always)
    public func contains(_ value: UInt64) -> Bool {
        let key = value == 0 ? 0x9E37_79B9_7F4A_7C15 : value
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { return false }
            if slot == key { return true }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for v in old where v != 0 { _ = insert(v) }
    }
}
