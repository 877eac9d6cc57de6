/// Masks ID-number-shaped digit runs inside free text (raw rejected records, log messages).
///
/// A run is a maximal sequence of digits, ASCII or full-width (`３３０１…`, as feeds typed on a Chinese keyboard
/// have them), optionally ending in `X`/`x` after 17 digits. A run of 15–18 characters standing on its own (no
/// letter or digit on either side) is masked with `PersonKey.mask`: that is what resident ID numbers look like
/// (legacy 15-digit, malformed 16/17, full 18). A run glued to letters (`X330111198001011236`,
/// `id330111198001011236`, `330111198001011236abc`: a grid id or a record id built from an ID number) is masked
/// only when it reads as an ID number: an area code starting 1–8 and a plausible birth date. That keeps hashes
/// and other tokens of letters and digits whole.
public enum IDRedaction {
    /// The text with every ID-like run masked (`330111198001011234` → `330111********1234`).
    ///
    /// With `phones`, 11-digit runs starting with `1` (mobile numbers) become `138****5678` too.
    public static func redact(_ text: String, phones: Bool = false) -> String {
        guard text.utf8.count >= (phones ? 11 : 15) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var changed = false
        var i = 0
        while i < scalars.count {
            guard digit(scalars[i]) != nil, i == 0 || digit(scalars[i - 1]) == nil else {
                out.append(scalars[i])
                i += 1
                continue
            }
            var j = i
            while j < scalars.count, digit(scalars[j]) != nil { j += 1 }
            if j < scalars.count, j - i == 17, isX(scalars[j]) { j += 1 }
            let run = scalars[i..<j]
            let digits = run.map { digit($0) ?? UInt8(ascii: "X") }
            let gluedBefore = i > 0 && isLetter(scalars[i - 1])
            let gluedAfter = j < scalars.count && (isLetter(scalars[j]) || digit(scalars[j]) != nil)
            let isolated = !gluedBefore && !gluedAfter
            if (15...18).contains(run.count), isolated || readsAsID(digits) {
                let masked = PersonKey.mask(String(String.UnicodeScalarView(run)))
                out.append(contentsOf: masked.unicodeScalars)
                changed = true
            } else if phones, run.count == 11, digits[0] == UInt8(ascii: "1"), isolated || (0x33...0x39).contains(digits[1]) {
                out.append(contentsOf: run.prefix(3))
                out.append(contentsOf: "****".unicodeScalars)
                out.append(contentsOf: run.suffix(4))
                changed = true
            } else {
                out.append(contentsOf: run)
            }
            i = j
        }
        return changed ? String(out) : text
    }

    /// Whether 15–18 characters (as ASCII digits, `X` for a check character) read as a resident ID number: area code
    /// starting 1–8, and the birth date (`YYMMDD` in 15 or 16 characters, `YYYYMMDD` in 17 or 18) a plausible one.
    static func readsAsID(_ d: [UInt8]) -> Bool {
        guard (UInt8(ascii: "1")...UInt8(ascii: "8")).contains(d[0]) else { return false }
        func number(_ from: Int, _ count: Int) -> Int {
            d[from..<(from + count)].reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
        }
        let long = d.count >= 17
        if long, !(1900...2099).contains(number(6, 4)) { return false }
        let dateAt = long ? 10 : 8
        return (1...12).contains(number(dateAt, 2)) && (1...31).contains(number(dateAt + 2, 2))
    }

    /// The ASCII digit a scalar stands for: `0`–`9`, or full-width `０`–`９` (U+FF10–U+FF19).
    @inline(__always)
    static func digit(_ s: Unicode.Scalar) -> UInt8? {
        switch s.value {
        case 0x30...0x39: return UInt8(s.value)
        case 0xFF10...0xFF19: return UInt8(s.value - 0xFF10 + 0x30)
        default: return nil
        }
    }

    @inline(__always)
    static func isX(_ s: Unicode.Scalar) -> Bool { [0x58, 0x78, 0xFF38, 0xFF58].contains(s.value) }

    /// An ASCII or full-width Latin letter.
    @inline(__always)
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x41...0x5A, 0x61...0x7A, 0xFF21...0xFF3A, 0xFF41...0xFF5A: return true
        default: return false
        }
    }
}
