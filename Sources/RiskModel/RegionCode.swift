/// A canonical GB/T 2260 region code, packed as its 12-digit padded value and its canonical length.
///
/// Canonical lengths are 2, 4, 6, 9 and 12 digits; `330100000000` and `3301` are the same code.
/// Ordering is by the padded value, which agrees with the order of the canonical strings.
public struct RegionCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, BitwiseCopyable {
    /// `padded << 4 | length`.
    public var raw: UInt64

    public static let levels: [Int] = [2, 4, 6, 9, 12]

    @inlinable
    public init(raw: UInt64) { self.raw = raw }

    /// Builds the code from a value already padded to 12 digits and a canonical length.
    public init(padded: UInt64, length: Int) {
        raw = padded << 4 | UInt64(length)
    }

    /// The canonical code for a padded 12-digit value, cutting trailing zero groups (SPEC 1.1).
    public init(canonicalizing padded: UInt64) {
        var length = 12
        if padded % 1000 == 0 { length = 9
            if padded % 1_000_000 == 0 { length = 6
                if padded % 100_000_000 == 0 { length = 4
                    if padded % 10_000_000_000 == 0 { length = 2 }
                }
            }
        }
        self.init(padded: padded, length: length)
    }

    public var padded: UInt64 { raw >> 4 }
    public var length: Int { Int(raw & 0xF) }

    /// This code cut to a coarser canonical length (which must be ≤ `length`).
    public func truncated(to length: Int) -> RegionCode {
        let scale = RegionCode.scale(length)
        return RegionCode(padded: padded / scale * scale, length: length)
    }

    /// The codes of every level from the province down to this one, this one last.
    public var ancestry: [RegionCode] {
        RegionCode.levels.filter { $0 <= length }.map { truncated(to: $0) }
    }

    /// A region contains itself and every region whose canonical code it prefixes (SPEC 1.1).
    public func contains(_ other: RegionCode) -> Bool {
        length <= other.length && other.padded / RegionCode.scale(length) == padded / RegionCode.scale(length)
    }

    /// The canonical digits (`3301`).
    public var canonical: String {
        let length = min(self.length, 12)
        return DecimalText.string(count: length) { p in
            DecimalText.write(padded / RegionCode.scale(length), count: length, to: p)
        }
    }

    /// The code padded with zeros to 12 digits, as written in outputs.
    public var twelveDigits: String {
        DecimalText.string(count: 12) { p in DecimalText.write(padded, count: 12, to: p) }
    }

    /// Lends `twelveDigits` as UTF-8 bytes, without making a string.
    @inlinable
    public func withTwelveDigits<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 12) { buffer in
            DecimalText.write(padded, count: 12, to: buffer.baseAddress!)
            return try body(UnsafeBufferPointer(buffer))
        }
    }

    public var description: String { canonical }

    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.raw < rhs.raw }

    @inline(__always)
    public static func scale(_ length: Int) -> UInt64 {
        switch length {
        case 2: return 10_000_000_000
        case 4: return 100_000_000
        case 6: return 1_000_000
        case 9: return 1_000
        default: return 1
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard RegionCode.levels.contains(text.count), text.allSatisfy(\.isASCII), let value = UInt64(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a region code: \(text)"))
        }
        self = RegionCode(canonicalizing: value * RegionCode.scale(text.count))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(canonical)
    }
}
