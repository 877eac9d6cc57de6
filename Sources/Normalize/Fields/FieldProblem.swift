import RiskModel

/// Why a field failed its SPEC 1.1 rule, in words a data officer can act on; becomes the reason in `rejects.csv`.
///
/// Built only on the failure path, so the cost of the message never touches accepted rows.
public struct FieldProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reason, without the column name (`check character is 5, expected X`); its entry is the reject's `code`.
    public var reason: Message
    /// The canonical column at fault when a rule reads several columns (`id_type` or `id_no`); nil means the field passed in.
    public var column: String?

    public init(_ reason: Message, column: String? = nil) {
        self.reason = reason
        self.column = column
    }

    public var description: String {
        if let column { return "\(column): \(reason)" }
        return reason.description
    }
}

extension Fields {
    /// Applies a field rule to the field of `column`, naming that column in the problem it throws.
    @inline(__always)
    static func column<T>(
        _ column: String, _ field: UnsafeBufferPointer<UInt8>, _ rule: (UnsafeBufferPointer<UInt8>) throws(FieldProblem) -> T
    ) throws(FieldProblem) -> T {
        do { return try rule(field) } catch { throw FieldProblem(error.reason, column: column) }
    }

    /// `column` for an optional field: nil when the field is blank.
    @inline(__always)
    static func optionalColumn<T>(
        _ column: String, _ field: UnsafeBufferPointer<UInt8>, _ rule: (UnsafeBufferPointer<UInt8>) throws(FieldProblem) -> T
    ) throws(FieldProblem) -> T? {
        isBlank(field) ? nil : try self.column(column, field, rule)
    }
}
