/// A record that failed validation, written to `rejects.csv` (SPEC 1.1); never thrown, never dropped.
public struct Reject: Sendable, Hashable, Codable {
    public var feed: String
    public var file: String
    /// 1-based physical line where the record starts.
    public var line: Int
    /// Canonical name of the offending column, empty when the whole record is at fault.
    public var column: String
    public var reason: String
    /// The record as read (decoded leniently so the officer can see what was there).
    public var raw: String

    public init(feed: String, file: String, line: Int, column: String, reason: String, raw: String) {
        self.feed = feed
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        self.raw = raw
    }
}
