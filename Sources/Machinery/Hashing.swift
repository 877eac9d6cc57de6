/// The mixing constants and functions every hash in the program is built from, in one place.
public enum Mix {
    /// 2^64 / φ: the multiplier of Fibonacci hashing, and SplitMix64's increment.
    public static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// MurmurHash3's 64-bit finaliser: every input bit reaches every output bit.
    @inlinable @inline(__always)
    public static func avalanche(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33; h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h &*= 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }
}

/// A small, seedable, platform-independent PRNG (SplitMix64), so generated feeds (and tests' random inputs) are identical
/// for a seed on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= Mix.golden
        return SplitMix64.mix(state)
    }

    /// A value in `0..<bound` (bound > 0), by the multiply-high method, which is unbiased enough for test data.
    @inlinable @inline(__always)
    public mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// True with probability `p`.
    @inlinable @inline(__always)
    public mutating func chance(_ p: Double) -> Bool {
        p > 0 && Double(next() >> 11) * 0x1.0p-53 < p
    }

    /// The SplitMix64 finaliser: a stateless hash, used to derive a person's attributes from their index.
    @inlinable @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
