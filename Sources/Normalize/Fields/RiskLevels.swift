import RiskModel

extension Fields {
    /// Reads a `risk_level` field (SPEC 1.4): `high`/高/高风险, `medium`/中/中风险, `low`/低/低风险,
    /// the English words in any letter case.
    public static func riskLevel(_ field: UnsafeBufferPointer<UInt8>) throws(FieldProblem) -> RiskLevel {
        try withNormalized(field, fold: true) { (b) throws(FieldProblem) -> RiskLevel in
            if equalsIgnoringASCIICase(b, "high") || equalsIgnoringASCIICase(b, "高") || equalsIgnoringASCIICase(b, "高风险") {
                return .high
            }
            if equalsIgnoringASCIICase(b, "medium") || equalsIgnoringASCIICase(b, "中") || equalsIgnoringASCIICase(b, "中风险") {
                return .medium
            }
            if equalsIgnoringASCIICase(b, "low") || equalsIgnoringASCIICase(b, "低") || equalsIgnoringASCIICase(b, "低风险") {
                return .low
            }
            if b.isEmpty { throw FieldProblem(RejectText.riskLevelEmpty()) }
            throw FieldProblem(RejectText.riskLevelUnknown(["value": quoted(b)]))
        }
    }

    /// Reads a `risk_level` field (SPEC 1.4); see the `UnsafeBufferPointer` form.
    @inlinable
    public static func riskLevel(_ field: some Collection<UInt8>) throws(FieldProblem) -> RiskLevel {
        try withBuffer(field) { (b) throws(FieldProblem) -> RiskLevel in try riskLevel(b) }
    }
}
