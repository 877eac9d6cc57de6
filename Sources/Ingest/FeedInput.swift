/// One input file of a feed and how to read it.
public struct FeedInput: Sendable, Hashable {
    /// The feed's configured name (or the file name without extension), used in messages and rejects.
    public var feed: String
    public var path: String
    public var encoding: TextEncoding
    /// Canonical column name → header text, from `[feeds.<name>.columns]`; wins over the built-in aliases.
    public var columnMap: [String: String]
    /// The longest field a record may have in a column the feed uses (SPEC 1.1); a longer one rejects the record.
    public var maxFieldBytes: Int
    /// For a workbook, the sheet to read (`sheet` in the config, SPEC 11); nil reads the first visible one.
    public var sheet: String?

    /// The default of `maxFieldBytes` (4 KiB): the longest address seen in real feeds is a few hundred bytes.
    public static let defaultMaxFieldBytes = 4096

    public init(feed: String, path: String, encoding: TextEncoding = .auto, columnMap: [String: String] = [:],
                maxFieldBytes: Int = FeedInput.defaultMaxFieldBytes, sheet: String? = nil) {
        self.feed = feed
        self.path = path
        self.encoding = encoding
        self.columnMap = columnMap
        self.maxFieldBytes = maxFieldBytes
        self.sheet = sheet
    }
}

/// Facts about one file for the run manifest, complete after a full `forEachRecord` pass.
public struct FeedStats: Sendable, Hashable {
    public var bytes: Int
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
    /// Data records delivered (header excluded, rejected ones included).
    public var records: Int
    /// Physical lines, header and blank lines included.
    public var lines: Int
    public var blankLines: Int
    /// The encoding the file was read in (`auto` resolved).
    public var encoding: TextEncoding
    /// For a workbook, the sheet read; nil for a CSV file.
    public var sheet: String?

    public init(bytes: Int, sha256: String, records: Int, lines: Int, blankLines: Int, encoding: TextEncoding, sheet: String? = nil) {
        self.bytes = bytes
        self.sha256 = sha256
        self.records = records
        self.lines = lines
        self.blankLines = blankLines
        self.encoding = encoding
        self.sheet = sheet
    }
}

/// A byte range of a feed file that starts at a record boundary, with the line number it starts on.
public struct FeedChunk: Sendable, Hashable {
    public var range: Range<Int>
    public var firstLine: Int

    public init(range: Range<Int>, firstLine: Int) {
        self.range = range
        self.firstLine = firstLine
    }
}
