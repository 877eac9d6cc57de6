/// Why a field failed its SPEC 1.1 rule, in words a data officer can act on; becomes the reason in `rejects.csv`.
///
/// Built only on the failure path, so the cost of the `String` never touches accepted rows.
public struct FieldProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reason, without the column name (`check character is 5, expected X`).
    public var reason: String
    /// The canonical column at fault when a rule reads several columns (`id_type` or `id_no`); nil means the field passed in.
    public var column: String?

    public init(_ reason: String, column: String? = nil) {
        self.reason = reason
        self.column = column
    }

    public var description: String {
        if let column { return "\(column): \(reason)" }
        return reason
    }
}
