/// Up to 32 bytes of text packed into four big-endian words, zero-padded: two keys compare as integers in the
/// order of their texts' bytes (SQLite's `BINARY` collation, and `String` order for ASCII).
///
/// For sorting many short texts (a night's serials, its ID numbers) without comparing strings.
public struct ByteOrderKey: Comparable, Sendable {
    @usableFromInline var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The key of `bytes`; nil for more than 32 bytes, or a zero byte, which the padding could not be told from.
    @inlinable
    public init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= 32, !bytes.contains(0) else { return nil }
        for (j, byte) in bytes.enumerated() {
            let bits = UInt64(byte) << (56 - 8 * UInt64(j & 7))
            switch j >> 3 {
            case 0: words.0 |= bits
            case 1: words.1 |= bits
            case 2: words.2 |= bits
            default: words.3 |= bits
            }
        }
    }

    @inlinable
    public static func == (a: ByteOrderKey, b: ByteOrderKey) -> Bool { a.words == b.words }

    @inlinable
    public static func < (a: ByteOrderKey, b: ByteOrderKey) -> Bool { a.words < b.words }
}
