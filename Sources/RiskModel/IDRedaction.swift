/// Masks ID-number-shaped digit runs inside free text (raw rejected records, log messages).
///
/// A run is a maximal sequence of ASCII digits, optionally ending in `X`/`x`, that is not
/// glued to another letter or digit; runs of 15–18 characters are what resident ID numbers look
/// like (legacy 15-digit, malformed 16/17, full 18) and are masked with `PersonKey.mask`. Full-width
/// digits are not recognised: they are folded only in fields that were normalised.
public enum IDRedaction {
    /// The text with every ID-like run masked (`330111198001011234` → `330111********1234`).
    ///
    /// With `phones`, 11-digit runs starting with `1` (mobile numbers) become `138****5678` too.
    public static func redact(_ text: String, phones: Bool = false) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= (phones ? 11 : 15) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var changed = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard isDigit(b), i == 0 || !isAlphanumeric(bytes[i - 1]) else {
                out.append(b)
                i += 1
                continue
            }
            var j = i
            while j < bytes.count, isDigit(bytes[j]) { j += 1 }
            if j < bytes.count, bytes[j] | 0x20 == UInt8(ascii: "x"), j - i == 17 { j += 1 }
            let length = j - i
            let isolated = j == bytes.count || !isAlphanumeric(bytes[j])
            if isolated, (15...18).contains(length) {
                out += Array(PersonKey.mask(String(decoding: bytes[i..<j], as: UTF8.self)).utf8)
                changed = true
            } else if isolated, phones, length == 11, b == UInt8(ascii: "1") {
                out += bytes[i..<(i + 3)] + Array("****".utf8) + bytes[(j - 4)..<j]
                changed = true
            } else {
                out += bytes[i..<j]
            }
            i = j
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    @inline(__always)
    static func isAlphanumeric(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- UInt8(ascii: "a") < 26 }
}
