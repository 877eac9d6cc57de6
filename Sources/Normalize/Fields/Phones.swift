import RiskModel

/// A normalised phone number: 7–12 ASCII digits packed in a `UInt64`, readable as its digit bytes.
///
/// A collection of UTF-8 digits, so it can be stored (`ContactBook.append(name:phone:)`) without
/// building a `String`.
public struct PhoneNumber: Sendable, Hashable, RandomAccessCollection, CustomStringConvertible {
    /// The digits as a number; `digitCount` keeps leading zeros (`057188888888`).
    public let value: UInt64
    public let digitCount: Int

    public init(value: UInt64, digitCount: Int) {
        self.value = value
        self.digitCount = digitCount
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { digitCount }

    /// The ASCII digit at `position`.
    public subscript(position: Int) -> UInt8 {
        var v = value
        for _ in 0..<(digitCount - 1 - position) { v /= 10 }
        return UInt8(truncatingIfNeeded: v % 10) + UInt8(ascii: "0")
    }

    /// Calls `body` with the ASCII digits, rendered once on the stack (the subscript divides anew for every digit).
    @inlinable
    public func withDigits<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            let count = Swift.min(digitCount, 20)
            DecimalText.write(value, count: count, to: buffer.baseAddress!)
            return try body(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// The digits as text (`13800000000`).
    public var description: String { withDigits { String(decoding: $0, as: UTF8.self) } }
}

/// The outcome of a phone field (SPEC 1.1): a bad phone never rejects a row, it is kept blank and flagged.
public enum PhoneField: Sendable, Hashable {
    /// The field was blank.
    case absent
    case valid(PhoneNumber)
    /// The field held something that is not a phone number; store it blank and count or flag it.
    case invalid(FieldProblem)

    /// The number to keep, nil when absent or invalid.
    public var number: PhoneNumber? {
        if case .valid(let number) = self { return number }
        return nil
    }
}

extension Fields {
    /// Reads a phone field (SPEC 1.1): spaces, `-` and a leading `+86` are removed; then 11 digits
    /// starting with `1` (mobile) or a landline of 7–12 digits.
    ///
    /// Decided where SPEC is silent: a number starting with `1` is read as a mobile and must have
    /// 11 digits (mainland landlines start with `0` or `2`–`9`), so a mobile missing a digit is
    /// flagged rather than passed as a landline.
    public static func phone(_ field: UnsafeBufferPointer<UInt8>) -> PhoneField {
        withNormalized(field, fold: true) { b -> PhoneField in
            guard !b.isEmpty else { return .absent }
            var i = 0
            // Spaces may sit before the country code (`+ 86`), so skip them while looking for it.
            while i < b.count, b[i] == 0x20 || b[i] == UInt8(ascii: "-") { i += 1 }
            if i < b.count, b[i] == UInt8(ascii: "+") {
                i += 1
                var country = 0, seen = 0
                while i < b.count, seen < 2 {
                    if b[i] == 0x20 || b[i] == UInt8(ascii: "-") { i += 1; continue }
                    guard let d = digit(b[i]) else { break }
                    country = country * 10 + d
                    seen += 1; i += 1
                }
                guard seen == 2, country == 86 else {
                    return .invalid(FieldProblem(RejectText.phoneCountryCode()))
                }
            }
            var value: UInt64 = 0
            var count = 0
            var first: UInt8 = 0
            while i < b.count {
                let c = b[i]
                i += 1
                if c == 0x20 || c == UInt8(ascii: "-") { continue }
                guard let d = digit(c) else {
                    let found = firstDisallowed(UnsafeBufferPointer(rebasing: b[(i - 1)...])) { _, _ in false }
                    return .invalid(FieldProblem(RejectText.phoneCharacter(["found": found?.shown.messageValue ?? .text("?")])))
                }
                if count == 0 { first = c }
                count += 1
                if count <= 12 { value = value * 10 + UInt64(d) }
            }
            if first == UInt8(ascii: "1") {
                guard count == 11 else {
                    return .invalid(FieldProblem(RejectText.phoneMobileLength(["count": count])))
                }
            } else if !(7...12).contains(count) {
                return .invalid(FieldProblem(RejectText.phoneLandlineLength(["count": count])))
            }
            return .valid(PhoneNumber(value: value, digitCount: count))
        }
    }

    /// Reads a phone field (SPEC 1.1); see the `UnsafeBufferPointer` form.
    @inlinable
    public static func phone(_ field: some Collection<UInt8>) -> PhoneField {
        withBuffer(field) { phone($0) }
    }
}
