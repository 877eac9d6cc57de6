/// Zero-padded decimal digits written straight into a string's storage.
///
/// Serials, dates, region codes and ID numbers are formatted for every notice of a province night (stored,
/// written to CSV, sorted): building them by interpolation cost several temporary strings each.
public enum DecimalText {
    /// Writes the last `count` decimal digits of `value`, zero-padded, at `start`.
    @inlinable @inline(__always)
    public static func write(_ value: UInt64, count: Int, to start: UnsafeMutablePointer<UInt8>) {
        var v = value
        var i = count
        while i > 0 {
            i -= 1
            start[i] = UInt8(truncatingIfNeeded: v % 10) &+ 48
            v /= 10
        }
    }

    /// The number written by `digits` (ASCII, at most 19 of them), or nil if any byte is not a digit; stored
    /// values written by `write` are read back with it.
    @inlinable
    public static func value(of digits: some Collection<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        for byte in digits {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value &* 10 &+ UInt64(byte &- 48)
        }
        return value
    }

    /// A string of `count` bytes filled by `fill` (ASCII only; strings of up to 15 bytes allocate nothing).
    @inlinable @inline(__always)
    public static func string(count: Int, _ fill: (UnsafeMutablePointer<UInt8>) -> Void) -> String {
        String(unsafeUninitializedCapacity: count) { buffer in
            fill(buffer.baseAddress!)
            return count
        }
    }
}
