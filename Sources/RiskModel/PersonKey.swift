import Machinery

/// The kind of identity document a person key is built from (SPEC 1.1).
public enum IDType: UInt8, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case cnID = 0
    case passport = 1
    case other = 2

    /// The value written in outputs (`cn_id`, `passport`, `other`).
    public var code: String {
        switch self {
        case .cnID: return "cn_id"
        case .passport: return "passport"
        case .other: return "other"
        }
    }

    public var description: String { code }

    public init?(code: String) {
        guard let match = IDType.allCases.first(where: { $0.code == code }) else { return nil }
        self = match
    }
}

/// A person key (`id_type`, normalised `id_no`), packed losslessly into 128 bits.
///
/// A resident ID keeps its 17 leading digits (the check character follows from them); a passport
/// or other number keeps up to 20 characters of `A-Z 0-9 -` at 6 bits each. The top two bits of
/// `hi` hold the `IDType`, so keys of different types never collide.
public struct PersonKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, BitwiseCopyable {
    public var hi: UInt64
    public var lo: UInt64

    public init(hi: UInt64, lo: UInt64) { self.hi = hi; self.lo = lo }

    /// A resident ID from its first 17 digits as a number.
    public init(cnDigits: UInt64) {
        hi = 0
        lo = cnDigits
    }

    /// A passport or other number; `text` must already be 1–20 characters of `A-Z 0-9 -`.
    ///
    /// Inlinable so the feed readers' calls specialise: unspecialised, each visitor's passport looked up the
    /// generic metadata of its enumeration at run time.
    @inlinable
    public init?(type: IDType, text: some Collection<UInt8>) {
        guard type != .cnID, (1...20).contains(text.count) else { return nil }
        var hi: UInt64 = 0, lo: UInt64 = 0
        for (i, byte) in text.enumerated() {
            guard let v = PersonKey.sixBit(byte) else { return nil }
            if i < 10 { lo |= v << (6 * UInt64(i)) } else { hi |= v << (6 * UInt64(i - 10)) }
        }
        self.hi = hi | UInt64(type.rawValue) << 62
        self.lo = lo
    }

    public var type: IDType { IDType(rawValue: UInt8(hi >> 62)) ?? .other }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }

    /// The hash Swift's sets and dictionaries use: the digest mixed with the table's seed, without a `Hasher`.
    ///
    /// Screening, findings and reconciliation look people up in tables millions of times a night; the
    /// synthesized hash set up and finalised SipHash over both words for each. The
    /// digest is already well mixed; the seed is folded in with a multiply so that tables with different
    /// seeds still order their keys differently. The stdlib lets a type implement this requirement (its
    /// integers do); should it ever stop, removing the method falls back to `hash(into:)`.
    public func _rawHashValue(seed: Int) -> Int {
        var h = digest &+ UInt64(truncatingIfNeeded: seed) &* Mix.golden
        h ^= h >> 32
        h &*= 0xD6E8_FEB8_6659_FD93
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// A well-mixed 64-bit digest of the key, for flat hash sets of people.
    @inlinable
    public var digest: UInt64 {
        Mix.avalanche((hi &* Mix.golden) ^ lo)
    }

    /// The normalised ID number as printed (`330111198001011234`, `E12345678`).
    public var idNo: String {
        if type == .cnID {
            return DecimalText.string(count: 18) { p in writeResidentID(to: p) }
        }
        return withIDNoBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Lends `idNo` as UTF-8 bytes (at most 20), without making a string.
    @inlinable
    public func withIDNoBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            let p = buffer.baseAddress!
            var count = 0
            if type == .cnID {
                writeResidentID(to: p)
                count = 18
            } else {
                let alphabet = PersonKey.alphabet
                for i in 0..<20 {
                    let v = i < 10 ? (lo >> (6 * UInt64(i))) & 63 : (hi >> (6 * UInt64(i - 10))) & 63
                    if v == 0 { break }
                    p[count] = alphabet[Int(v) - 1]
                    count += 1
                }
            }
            return try body(UnsafeBufferPointer(start: p, count: count))
        }
    }

    /// Writes the 17 stored digits of a resident ID and its check character (18 bytes).
    @usableFromInline
    func writeResidentID(to p: UnsafeMutablePointer<UInt8>) {
        DecimalText.write(lo, count: 17, to: p)
        p[17] = PersonKey.checkCharacter(UnsafeBufferPointer(start: p, count: 17))
    }

    /// `cn_id:330111198001011234`: the type's code and the ID number, as stored.
    public var description: String {
        guard type == .cnID else { return "\(type.code):\(idNo)" }
        return DecimalText.string(count: PersonKey.residentPrefix.count + 18) { writeResidentDescription(to: $0) }
    }

    /// Lends `description` as UTF-8 bytes, without making a string for a resident ID.
    @inlinable
    public func withDescriptionBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard type == .cnID else {
            var text = description
            return try text.withUTF8(body)
        }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: PersonKey.residentPrefix.count + 18) { buffer in
            writeResidentDescription(to: buffer.baseAddress!)
            return try body(UnsafeBufferPointer(buffer))
        }
    }

    /// Writes `cn_id:` and the resident ID's 18 characters.
    @usableFromInline
    func writeResidentDescription(to p: UnsafeMutablePointer<UInt8>) {
        let prefix = PersonKey.residentPrefix
        for i in prefix.indices { p[i] = prefix[i] }
        writeResidentID(to: p + prefix.count)
    }

    @usableFromInline
    static let residentPrefix = Array("\(IDType.cnID.code):".utf8)

    /// The ID with its middle hidden, safe for logs and error messages (`330111********123X`).
    public var masked: String { PersonKey.mask(idNo) }

    /// Masks any identifier: keeps the first 6 and last 4 characters of an 18-character ID, fewer for shorter ones.
    public static func mask(_ id: String) -> String {
        let chars = Array(id)
        guard chars.count > 4 else { return String(repeating: "*", count: chars.count) }
        let head = chars.count >= 14 ? 6 : min(2, chars.count - 4)
        let tail = chars.count >= 10 ? 4 : 2
        return String(chars[..<head]) + String(repeating: "*", count: chars.count - head - tail) + String(chars[(chars.count - tail)...])
    }

    /// Orders by ID type, then the printed ID number.
    public static func < (lhs: PersonKey, rhs: PersonKey) -> Bool {
        if lhs.type != rhs.type { return lhs.type.rawValue < rhs.type.rawValue }
        if lhs.type == .cnID { return lhs.lo < rhs.lo }
        return lhs.idNo < rhs.idNo
    }

    /// GB 11643 check character for 17 ASCII digits.
    ///
    /// Inlinable, so callers in other modules (the generator's hot loop) get it specialised.
    @inlinable
    public static func checkCharacter(_ digits: some Sequence<UInt8>) -> UInt8 {
        var horner = 0
        for (i, d) in digits.enumerated() where i < 17 { horner = horner &* 2 &+ Int(d &- 48) }
        return checkCharacter(horner: horner)
    }

    /// The check character from the 17 digits folded by Horner's rule in base 2 (`h = 2h + d`).
    ///
    /// GB 11643 weighs digit i by 2^(17-i) mod 11, so the weighted sum is 2h mod 11; its check characters
    /// are `10X98765432`.
    @inlinable
    public static func checkCharacter(horner: Int) -> UInt8 {
        let r = horner &* 2 % 11
        return r == 2 ? UInt8(ascii: "X") : UInt8(ascii: "0") &+ UInt8((12 - r) % 11)
    }

    /// Sex from a resident ID's 17th digit (odd: male); nil for other documents.
    public var isMale: Bool? {
        guard type == .cnID else { return nil }
        return (lo % 10) % 2 == 1
    }

    /// Birth date of a resident ID (positions 7–14).
    public var birthDate: Day? {
        guard type == .cnID else { return nil }
        let yyyymmdd = Int((lo / 1000) % 100_000_000)
        return Day(year: yyyymmdd / 10000, month: yyyymmdd / 100 % 100, day: yyyymmdd % 100)
    }

    @usableFromInline
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-".utf8)

    @inlinable @inline(__always)
    static func sixBit(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt64(byte - UInt8(ascii: "A") + 1)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(byte - UInt8(ascii: "0") + 27)
        case UInt8(ascii: "-"): return 37
        default: return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let key = PersonKey(stored: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a person key"))
        }
        self = key
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// Reads back `description` (`cn_id:330…`), for stored values.
    public init?(stored: String) {
        var text = stored
        guard let key = text.withUTF8({ PersonKey(stored: $0) }) else { return nil }
        self = key
    }

    /// Reads back `description` from its UTF-8 bytes (a stored column, read in place).
    public init?(stored b: UnsafeBufferPointer<UInt8>) {
        // The common case, a resident ID, without taking the text apart.
        let prefix = PersonKey.residentPrefix
        if b.count == prefix.count + 18, b.starts(with: prefix), let value = DecimalText.value(of: b[prefix.count..<prefix.count + 17]) {
            self.init(cnDigits: value)
            return
        }
        guard let colon = b.firstIndex(of: UInt8(ascii: ":")), let type = IDType(code: String(decoding: b[..<colon], as: UTF8.self)) else { return nil }
        let id = b[(colon + 1)...]
        if type == .cnID {
            guard id.count == 18, let value = DecimalText.value(of: id.prefix(17)) else { return nil }
            self.init(cnDigits: value)
        } else {
            self.init(type: type, text: Array(id))
        }
    }
}

extension FlatTable where Value == Nothing {
    /// The digests of `people` (`PersonKey.digest`): a set in cache that answers for most absent people before a
    /// hashed set of them is asked.
    public init(digestsOf people: some Collection<PersonKey>, filtered: Bool = true) {
        self.init(capacity: people.count, filtered: filtered)
        for person in people { insert(person.digest) }
    }
}
