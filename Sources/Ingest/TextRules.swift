import Glibc

/// SPEC 1.1's rules for text (second round), applied to every record as it is read: control characters and the
/// length of a field, in the columns a feed uses (unknown columns are ignored like their values).
///
/// A line break inside a quoted field is kept in an address and becomes one space in a name (`ColumnSpec.lineBreaks`);
/// any other C0 or C1 control character, and DEL, rejects the record: a NUL printed nothing on a notice after it,
/// and a bell or an escape is nothing anybody typed on purpose. A field over the limit rejects the record too.
enum TextRules {
    /// How one file column is checked: its name in problems and what a line break in it means; nil for a column
    /// the feed does not use.
    struct Column {
        var name: String
        var lineBreaks: ColumnSpec.LineBreaks
    }

    /// Whether the bytes may hold a control character: a C0 byte, DEL, or `C2`, the lead byte of the C1 controls
    /// (and of Latin-1 letters such as the `·` of transliterated names, which `check` then lets through).
    ///
    /// Eight bytes at a time, on every record: for bytes below 0x80 (`w` with the high bit cleared is `t`),
    /// `t + 0x60` stays below 0x80 exactly when `t < 0x20` and `t + 0x01` reaches 0x80 exactly when `t = 0x7F`;
    /// no sum carries into the next byte.
    @inline(__always)
    static func mayHaveControl(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let n = bytes.count
        let raw = UnsafeRawPointer(base)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, high: UInt64 = 0x8080_8080_8080_8080
        let c2: UInt64 = 0xC2C2_C2C2_C2C2_C2C2, ones: UInt64 = 0x0101_0101_0101_0101
        var found: UInt64 = 0
        var i = 0
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let t = w & low7
            let ascii = ~w & high
            let control = (~(t &+ 0x6060_6060_6060_6060) | (t &+ ones)) & ascii
            let x = w ^ c2
            let lead = (x &- ones) & ~x & high
            found |= control | lead
            i += 8
        }
        if found != 0 { return true }
        while i < n {
            let b = base[i]
            if b < 0x20 || b == 0x7F || b == 0xC2 { return true }
            i += 1
        }
        return false
    }

    /// The first problem in the record's used fields; line breaks in name columns are made one space each, in place
    /// (a CR LF pair becomes one space: the field and the ones after it move up, `ends` with them).
    ///
    /// - Parameters:
    ///   - bytes: the record's fields back to back, UTF-8; `ends[i]` is where field i ends.
    ///   - columns: per file column, how it is checked (nil: not used).
    static func check(_ bytes: UnsafeMutablePointer<UInt8>, ends: UnsafeMutablePointer<Int>, count: Int, columns: [Column?],
                      maxFieldBytes: Int) -> RecordProblem? {
        var total = count > 0 ? ends[count - 1] : 0
        for i in 0..<min(count, columns.count) {
            guard let column = columns[i] else { continue }
            let start = i == 0 ? 0 : ends[i - 1]
            var end = ends[i]
            if end - start > maxFieldBytes {
                return .fieldTooLong(column: column.name, bytes: end - start, limit: maxFieldBytes)
            }
            var j = start
            var position = 0
            while j < end {
                let b = bytes[j]
                if b & 0xC0 != 0x80 { position += 1 }
                if b < 0x20 || b == 0x7F {
                    guard b == 0x0A || b == 0x0D, column.lineBreaks != .rejected else {
                        return .controlCharacter(column: column.name, scalar: UInt32(b), position: position)
                    }
                    if column.lineBreaks == .space {
                        bytes[j] = 0x20
                        if b == 0x0D, j + 1 < end, bytes[j + 1] == 0x0A {
                            memmove(bytes + j + 1, bytes + j + 2, total - (j + 2))
                            total -= 1
                            end -= 1
                            for k in i..<count { ends[k] -= 1 }
                        }
                    }
                } else if b == 0xC2, j + 1 < end, bytes[j + 1] & 0xE0 == 0x80 {
                    return .controlCharacter(column: column.name, scalar: UInt32(bytes[j + 1]), position: position)
                }
                j += 1
            }
        }
        return nil
    }
}
