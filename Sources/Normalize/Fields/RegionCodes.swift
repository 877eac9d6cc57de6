import RiskModel

extension Fields {
    /// Reads a region code field (SPEC 1.1): 2, 4, 6, 9 or 12 digits, canonicalised by cutting
    /// trailing zero groups (`330100000000` → `3301`, `330111001000` → `330111001`).
    ///
    /// Decided where SPEC is silent: an all-zero code (`000000000000`) names no region and is invalid.
    public static func regionCode(_ field: UnsafeBufferPointer<UInt8>) throws(FieldProblem) -> RegionCode {
        try withNormalized(field, fold: true) { (b) throws(FieldProblem) -> RegionCode in
            guard !b.isEmpty else { throw FieldProblem(RejectText.regionCodeEmpty()) }
            var value: UInt64 = 0
            for byte in b {
                guard let d = digit(byte) else {
                    let found = firstDisallowed(b) { _, scalar in ("0"..."9").contains(scalar) }
                    throw FieldProblem(RejectText.regionCodeCharacter(["position": found?.position ?? 0, "found": found?.shown.messageValue ?? .text("?")]))
                }
                // Wrapping: a field longer than 12 digits is rejected below, whatever its value.
                value = value &* 10 &+ UInt64(d)
            }
            let scale: UInt64
            switch b.count {
            case 2: scale = 10_000_000_000
            case 4: scale = 100_000_000
            case 6: scale = 1_000_000
            case 9: scale = 1_000
            case 12: scale = 1
            default: throw FieldProblem(RejectText.regionCodeLength(["count": b.count]))
            }
            guard value != 0 else { throw FieldProblem(RejectText.regionCodeZero()) }
            return RegionCode(canonicalizing: value * scale)
        }
    }

    /// Reads a region code field (SPEC 1.1); see the `UnsafeBufferPointer` form.
    @inlinable
    public static func regionCode(_ field: some Collection<UInt8>) throws(FieldProblem) -> RegionCode {
        try withBuffer(field) { (b) throws(FieldProblem) -> RegionCode in try regionCode(b) }
    }
}
