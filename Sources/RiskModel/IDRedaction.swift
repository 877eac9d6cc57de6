/// Masks ID-number-shaped digit runs inside free text (raw rejected records, log messages).
///
/// A run is a maximal sequence of ASCII digits, optionally ending in `X`/`x` after 17 digits. A run of 15–18
/// characters standing on its own (no ASCII letter or digit on either side) is masked with `PersonKey.mask`:
/// that is what resident ID numbers look like (legacy 15-digit, malformed 16/17, full 18). A run glued to ASCII
/// letters (`X330111198001011236`, `id330111198001011236`, `330111198001011236abc`: a grid id or a record id
/// built from an ID number) is masked only when it reads as an ID number: an area code starting 1–8 and a
/// plausible birth date where the number carries one. That keeps hashes and other tokens of letters and digits
/// whole. Full-width digits are not
/// recognised: they are folded only in fields that were normalised.
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
            guard isDigit(b), i == 0 || !isDigit(bytes[i - 1]) else {
                out.append(b)
                i += 1
                continue
            }
            var j = i
            while j < bytes.count, isDigit(bytes[j]) { j += 1 }
            if j < bytes.count, bytes[j] | 0x20 == UInt8(ascii: "x"), j - i == 17 { j += 1 }
            let run = bytes[i..<j]
            let gluedBefore = i > 0 && isLetter(bytes[i - 1])
            let gluedAfter = j < bytes.count && isAlphanumeric(bytes[j])
            let isolated = !gluedBefore && !gluedAfter
            if (15...18).contains(run.count), isolated || readsAsID(run) {
                out += Array(PersonKey.mask(String(decoding: run, as: UTF8.self)).utf8)
                changed = true
            } else if phones, run.count == 11, b == UInt8(ascii: "1"), isolated || (0x33...0x39).contains(run[i + 1]) {
                out += bytes[i..<(i + 3)] + Array("****".utf8) + bytes[(j - 4)..<j]
                changed = true
            } else {
                out += run
            }
            i = j
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    /// Whether 15–18 characters read as a resident ID number: area code starting 1–8, and the birth date
    /// (`YYMMDD` in 15 or 16 characters, `YYYYMMDD` in 17 or 18) a plausible one.
    static func readsAsID(_ run: ArraySlice<UInt8>) -> Bool {
        let d = Array(run)
        guard (UInt8(ascii: "1")...UInt8(ascii: "8")).contains(d[0]) else { return false }
        func number(_ from: Int, _ count: Int) -> Int {
            d[from..<(from + count)].reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
        }
        let long = d.count >= 17
        let dateAt = long ? 10 : 8
        if long {
            let year = number(6, 4)
            guard (1900...2099).contains(year) else { return false }
        }
        return (1...12).contains(number(dateAt, 2)) && (1...31).contains(number(dateAt + 2, 2))
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    @inline(__always)
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- UInt8(ascii: "a") < 26 }

    @inline(__always)
    static func isAlphanumeric(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
}
