import RiskModel

/// The field rules of SPEC 1.1 as pure functions over a field's UTF-8 bytes.
///
/// Every rule has an `UnsafeBufferPointer<UInt8>` form for the hot path (no allocation unless the
/// field is rejected or full-width folding needs a stack scratch) and an inlinable
/// `some Collection<UInt8>` form for everything else (`"2020-01-20".utf8`, `[UInt8]`).
/// Rules trim and fold by themselves: pass the field exactly as read.
public enum Fields {}

// MARK: - Trimming and full-width folding

extension Fields {
    /// The field without ASCII whitespace and U+3000 (ideographic space, `E3 80 80`) at either end.
    @inline(__always)
    public static func trimmed(_ field: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = field.count
        while start < end {
            if isASCIISpace(field[start]) {
                start += 1
            } else if end - start >= 3, field[start] == 0xE3, field[start + 1] == 0x80, field[start + 2] == 0x80 {
                start += 3
            } else {
                break
            }
        }
        while end > start {
            if isASCIISpace(field[end - 1]) {
                end -= 1
            } else if end - start >= 3, field[end - 3] == 0xE3, field[end - 2] == 0x80, field[end - 1] == 0x80 {
                end -= 3
            } else {
                break
            }
        }
        return UnsafeBufferPointer(rebasing: field[start..<end])
    }

    /// True when the field holds nothing but whitespace (an optional field left empty).
    public static func isBlank(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        trimmed(field).isEmpty
    }

    /// True when the field holds nothing but whitespace (an optional field left empty).
    @inlinable
    public static func isBlank(_ field: some Collection<UInt8>) -> Bool {
        withBuffer(field) { isBlank($0) }
    }

    /// Folds full-width ASCII (U+FF01–U+FF5E, `EF BC 81`–`EF BD 9E`) to half-width, writing into `output`.
    ///
    /// Folding only shrinks the text, so `output` needs at most `input.count` bytes. Returns the
    /// number of bytes written. Other bytes, including other multi-byte characters, are copied as is.
    public static func foldFullWidth(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var i = 0, o = 0
        let n = input.count
        while i < n {
            let b = input[i]
            if b == 0xEF, i + 2 < n {
                let b1 = input[i + 1], b2 = input[i + 2]
                if b1 == 0xBC, (0x81...0xBF).contains(b2) {
                    output[o] = b2 &- 0x60 // U+FF01… → 0x21…0x5F
                    o += 1; i += 3; continue
                }
                if b1 == 0xBD, (0x80...0x9E).contains(b2) {
                    output[o] = b2 &- 0x20 // U+FF40… → 0x60…0x7E
                    o += 1; i += 3; continue
                }
            }
            output[o] = b
            o += 1; i += 1
        }
        return o
    }

    /// Calls `body` with the field trimmed and, when `fold` is true, full-width folded (SPEC 1.1).
    ///
    /// Folding happens in a stack scratch buffer and only when the field contains a possible
    /// full-width lead byte, so the common ASCII field is passed through without copying.
    @inlinable @discardableResult
    public static func withNormalized<R, E: Error>(
        _ field: UnsafeBufferPointer<UInt8>, fold: Bool,
        _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R
    ) throws(E) -> R {
        let t = trimmed(field)
        guard fold, t.contains(0xEF) else { return try body(t) }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: t.count) { (scratch) throws(E) -> R in
            let n = foldFullWidth(t, into: scratch)
            return try body(UnsafeBufferPointer(rebasing: scratch[0..<n]))
        }
    }

    /// The trimmed field as a `String`, for free text that is kept (name, address, community name).
    public static func text(_ field: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: trimmed(field), as: UTF8.self)
    }

    /// The trimmed field as a `String`, for free text that is kept (name, address, community name).
    @inlinable
    public static func text(_ field: some Collection<UInt8>) -> String {
        withBuffer(field) { text($0) }
    }

    /// The trimmed, full-width-folded field as a `String`, for identifiers kept as text (`record_id`, `grid_id`, `source`).
    public static func identifier(_ field: UnsafeBufferPointer<UInt8>) -> String {
        withNormalized(field, fold: true) { String(decoding: $0, as: UTF8.self) }
    }

    /// The trimmed, full-width-folded field as a `String`, for identifiers kept as text (`record_id`, `grid_id`, `source`).
    @inlinable
    public static func identifier(_ field: some Collection<UInt8>) -> String {
        withBuffer(field) { identifier($0) }
    }

    @inlinable @inline(__always)
    static func isASCIISpace(_ b: UInt8) -> Bool {
        b == 0x20 || (0x09...0x0D).contains(b)
    }

    /// Runs `body` on contiguous bytes of any collection, copying only when it has no contiguous storage.
    @inlinable
    static func withBuffer<C: Collection<UInt8>, R, E: Error>(
        _ field: C, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R
    ) throws(E) -> R {
        let contiguous = field.withContiguousStorageIfAvailable { buffer in
            Result { () throws(E) -> R in try body(buffer) }
        }
        if let contiguous { return try contiguous.get() }
        let copy = Array(field)
        return try copy.withUnsafeBufferPointer { buffer in
            Result { () throws(E) -> R in try body(buffer) }
        }.get()
    }
}

// MARK: - Wording of problems

extension Fields {
    /// The number of Unicode scalars in valid UTF-8 (what a person calls "characters" in an ID).
    static func characterCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        for b in bytes where b & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// The field for a message (whose text puts it in quotes), cut after 40 characters so a runaway field does not
    /// flood `rejects.csv`.
    static func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        let scalars = text.unicodeScalars
        if scalars.count <= 40 { return text }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars.prefix(40))
        return String(view) + "…"
    }

    /// The first character failing `allowed`, with its 1-based position, for messages.
    static func firstDisallowed(
        _ bytes: UnsafeBufferPointer<UInt8>, allowed: (Int, Unicode.Scalar) -> Bool
    ) -> (position: Int, shown: Message)? {
        var position = 0
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            position += 1
            if !allowed(position, scalar) { return (position, show(scalar)) }
        }
        return nil
    }

    /// A character for a message, in quotes; invisible ones are named by code point (`U+0020`).
    static func show(_ scalar: Unicode.Scalar) -> Message {
        if scalar.value < 0x20 || scalar.value == 0x7F || scalar.properties.isWhitespace || scalar == "\u{FFFD}" {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return RejectPartText.codePoint(["code": "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex])
        }
        return RejectPartText.character(["character": String(scalar)])
    }

    /// True when `bytes` equals `literal` with ASCII letters compared case-insensitively.
    @inline(__always)
    static func equalsIgnoringASCIICase(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        let lit = literal.utf8Start
        for i in 0..<bytes.count {
            var b = bytes[i]
            if (0x41...0x5A).contains(b) { b |= 0x20 }
            if b != lit[i] { return false }
        }
        return true
    }
}
