import Glibc

/// The character encoding of a feed file (SPEC 1 "Inputs").
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8 = "utf-8"
    /// GB18030; GBK and GB2312 files are read as GB18030, of which they are subsets.
    case gb18030
    /// UTF-8 unless the first 64 KiB are not valid UTF-8 but are valid GB18030.
    case auto

    /// Parses a config value, accepting the usual spellings (`UTF8`, `gbk`, `GB2312`).
    public init?(configValue: String) {
        switch configValue.lowercased().filter({ $0 != "-" && $0 != "_" }) {
        case "utf8": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
        case "auto", "": self = .auto
        default: return nil
        }
    }

    /// How many leading bytes `auto` inspects.
    public static let sniffLength = 64 * 1024

    /// Resolves `auto` for a file whose first bytes (BOM already removed) are `head`.
    ///
    /// A multibyte character cut at the end of `head` does not count as invalid.
    public static func detect(_ head: UnsafeBufferPointer<UInt8>) -> TextEncoding {
        if ByteValidation.firstInvalidUTF8(head, allowTruncatedEnd: true) == nil { return .utf8 }
        if ByteValidation.firstInvalidGB18030(head, allowTruncatedEnd: true) == nil { return .gb18030 }
        // Neither fits: read as UTF-8 so every bad record is rejected rather than garbled.
        return .utf8
    }

    /// Whether a file starting with `head` is UTF-16 (or UTF-32): a byte-order mark `FF FE` / `FE FF`, or, without
    /// one, a NUL byte in a quarter or more of the first 128 byte pairs, nearly all on the same side of the pair
    /// (ASCII text in UTF-16). No feed in an accepted encoding has either.
    static func looksLikeUTF16(_ head: UnsafeBufferPointer<UInt8>) -> Bool {
        if head.count >= 2, (head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF) { return true }
        let n = min(head.count, 256) & ~1
        guard n >= 8 else { return false }
        var even = 0, odd = 0
        for i in 0..<n where head[i] == 0 {
            if i & 1 == 0 { even += 1 } else { odd += 1 }
        }
        return max(even, odd) * 4 >= n / 2 && min(even, odd) * 8 <= max(even, odd)
    }
}

/// Byte-level validators for the two supported encodings.
enum ByteValidation {
    /// Whether every byte is below 0x80, eight bytes at a time.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        let raw = UnsafeRawPointer(base)
        while i + 8 <= n {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < n {
            if base[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// Offset of the first invalid byte of the first invalid field, with that field's index, or nil.
    ///
    /// Validates the fields' bytes in one run; fields are valid one by one exactly when the run is
    /// valid and no field starts with a continuation byte (no sequence straddles a field boundary).
    static func firstInvalidUTF8Field(_ bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>) -> (field: Int, offset: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        var wholeValid = firstInvalidUTF8(bytes) == nil
        if wholeValid {
            for i in 0..<ends.count where ends[i] < bytes.count && base[ends[i]] & 0xC0 == 0x80 {
                wholeValid = false
                break
            }
        }
        if wholeValid { return nil }
        for i in 0..<ends.count {
            let start = i == 0 ? 0 : ends[i - 1]
            if let bad = firstInvalidUTF8(UnsafeBufferPointer(start: base + start, count: ends[i] - start)) {
                return (i, bad)
            }
        }
        return nil
    }

    /// Offset of the first byte that does not start a well-formed UTF-8 sequence, or nil.
    ///
    /// Rejects overlong forms, surrogates and code points above U+10FFFF (Unicode table 3-7).
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Int? {
        guard let b = bytes.baseAddress else { return nil }
        let n = bytes.count
        let raw = UnsafeRawPointer(b)
        var i = 0
        while i < n {
            // ASCII eight bytes at a time; a word with a high byte skips straight to it (the bytes before it are
            // ASCII), instead of going through them one by one.
            while i + 8 <= n {
                let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & 0x8080_8080_8080_8080
                if high != 0 {
                    i += high.trailingZeroBitCount >> 3
                    break
                }
                i += 8
            }
            guard i < n else { break }
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            // Fast path for the three-byte sequences of Chinese text: lead E0–EF and two continuation bytes,
            // minus the overlong (E0 80–9F) and surrogate (ED A0–BF) forms.
            // A run of them (an address, a name) is stepped through here without going back to the ASCII test.
            let runStart = i
            while i + 4 <= n {
                let w = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                guard w & 0x00C0_C0F0 == 0x0080_80E0 else { break }
                let low = w & 0x0F, second = (w >> 8) & 0xFF
                guard !(low == 0 && second < 0xA0) && !(low == 0xD && second > 0x9F) else { break }
                i += 3
            }
            if i > runStart { continue }
            var need = 0
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            for k in 1...need {
                let j = i + k
                if j >= n { return allowTruncatedEnd ? nil : i }
                let cc = b[j]
                if k == 1 {
                    if cc < lo || cc > hi { return i }
                } else if cc & 0xC0 != 0x80 {
                    return i
                }
            }
            i += need + 1
        }
        return nil
    }

    /// Offset of the first byte that does not start a well-formed GB18030 sequence, or nil.
    ///
    /// One byte 00–7F; two bytes 81–FE + 40–7E/80–FE; four bytes 81–FE 30–39 81–FE 30–39.
    static func firstInvalidGB18030(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Int? {
        guard let b = bytes.baseAddress else { return nil }
        let n = bytes.count
        var i = 0
        while i < n {
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            guard c >= 0x81 && c <= 0xFE else { return i }
            guard i + 1 < n else { return allowTruncatedEnd ? nil : i }
            let c1 = b[i + 1]
            if (0x40...0x7E).contains(c1) || (0x80...0xFE).contains(c1) {
                i += 2
                continue
            }
            guard (0x30...0x39).contains(c1) else { return i }
            guard i + 3 < n else {
                if i + 2 < n && !(0x81...0xFE).contains(b[i + 2]) { return i }
                return allowTruncatedEnd ? nil : i
            }
            guard (0x81...0xFE).contains(b[i + 2]), (0x30...0x39).contains(b[i + 3]) else { return i }
            i += 4
        }
        return nil
    }
}

/// GB18030 → UTF-8 conversion through glibc iconv, one descriptor per reader.
final class GB18030Decoder {
    private let cd: iconv_t

    init?() {
        let cd = iconv_open("UTF-8", "GB18030")
        guard let cd, Int(bitPattern: cd) != -1 else { return nil }
        self.cd = cd
    }

    deinit { iconv_close(cd) }

    /// Appends the UTF-8 form of `input` to `out`; returns the offset of the first invalid byte, or nil.
    func decode(_ input: UnsafeBufferPointer<UInt8>, into out: ByteBuffer) -> Int? {
        guard let inBase = input.baseAddress, input.count > 0 else { return nil }
        if ByteValidation.isASCII(input) {
            out.append(inBase, input.count)
            return nil
        }
        // A GB18030 character of 2 bytes becomes at most 3 UTF-8 bytes, one of 4 stays 4.
        out.reserve(input.count * 2 + 4)
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inBase)
            .assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        let outStart = out.base + out.count
        var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outStart).assumingMemoryBound(to: CChar.self)
        var outLeft = out.capacity - out.count
        let result = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
        let written = (out.capacity - out.count) - outLeft
        out.commit(written)
        if result == -1 || inLeft > 0 {
            // EILSEQ (bad sequence) or EINVAL (cut short): either way the field is not GB18030.
            _ = iconv(cd, nil, nil, nil, nil)
            return input.count - inLeft
        }
        return nil
    }

    /// Decodes `input`, replacing each undecodable byte with U+FFFD (for showing rejected records).
    func decodeLeniently(_ input: UnsafeBufferPointer<UInt8>) -> String {
        let out = ByteBuffer(capacity: input.count * 2 + 8)
        var rest = input
        while !rest.isEmpty {
            guard let bad = decode(rest, into: out) else { break }
            out.append(0xEF); out.append(0xBF); out.append(0xBD)
            rest = UnsafeBufferPointer(rebasing: rest[(bad + 1)...])
        }
        return String(decoding: out.bytes, as: UTF8.self)
    }
}
