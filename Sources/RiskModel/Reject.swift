/// A record that failed validation, written to `rejects.csv` (SPEC 1.1); never thrown, never dropped.
public struct Reject: Sendable, Hashable {
    public var feed: String
    public var file: String
    /// 1-based physical line where the record starts (a workbook's row number).
    public var line: Int
    /// The offending column as the feed's header spells it (`身份证号`), empty when the whole record is at fault.
    public var column: String
    /// The same column by its canonical name (`id_no`), for machines; a column the feed's kind does not use keeps
    /// its header text.
    public var field: String
    /// Why, its entry the reject's `code`.
    public var problem: Message
    /// The record as read (decoded leniently so the officer can see what was there).
    public var raw: String

    /// Before a reader names the columns (`naming(_:)`), `column` and `field` are both the canonical name.
    public init(feed: String, file: String, line: Int, column: String, problem: Message, raw: String) {
        self.feed = feed
        self.file = file
        self.line = line
        self.column = column
        field = column
        self.problem = problem
        self.raw = raw
    }

    /// The reason in the process's language.
    public var reason: String { problem.description }

    /// The stable machine code of the reason (`id_check_character`), the same in every language (SPEC 11).
    public var code: String { problem.code }

    /// `file:line: column: reason`, as listed on a terminal.
    public var brief: Message {
        column.isEmpty ? RejectPartText.brief(["file": file, "line": line, "reason": problem])
            : RejectPartText.briefColumn(["file": file, "line": line, "column": column, "reason": problem])
    }

    /// The reject with its column, and the columns its reason names, spelled as the feed's header spells them;
    /// `headers` maps canonical names to header texts.
    public func naming(_ headers: [String: String]) -> Reject {
        guard !headers.isEmpty else { return self }
        var named = self
        if let header = headers[field] { named.column = header }
        named.problem = problem.namingColumns { headers[$0] }
        return named
    }
}
