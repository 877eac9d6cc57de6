/// A problem that stops a feed from being read at all; `description` says where and what to do.
public enum IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case unreadable(file: String, reason: String)
    /// The file has no header row (zero bytes, only a BOM, or only blank lines).
    case empty(file: String)
    /// A required column matches no header.
    case missingColumn(file: String, feed: String, column: String, found: [String], configured: String?)
    /// Two headers map to the same column.
    case duplicateColumn(file: String, feed: String, column: String, headers: [String])
    /// One header is claimed by two columns (through the config).
    case ambiguousColumn(file: String, feed: String, header: String, columns: [String])
    /// The config maps a column name that this kind of feed does not have.
    case unknownMappedColumn(feed: String, column: String, known: [String])
    /// A quoted field is opened and never closed before the end of the file (or chunk).
    case unterminatedQuote(file: String, line: Int)
    /// libcsv reported a failure (out of memory).
    case csv(file: String, line: Int, message: String)
    /// A system resource (iconv descriptor, OpenSSL context) could not be created.
    case resource(String)
    /// The file is UTF-16 (a byte-order mark, or every other byte of its head NUL), which is not a feed encoding.
    case utf16(file: String)
    /// A quoted field is still open after `limit` bytes: a quote is almost certainly never closed.
    case quoteOpenTooLong(file: String, line: Int, limit: Int)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the file (\(reason)); check the path in the config or on the command line"
        case let .empty(file):
            return "\(file):1: the file is empty, no header row; export the feed again with its header row"
        case let .missingColumn(file, feed, column, found, configured):
            let foundText = found.isEmpty ? "no headers" : "found: " + found.map(IngestError.visible).joined(separator: ", ")
            if let configured {
                return "\(file):1: no column for \(column): the config names \"\(configured)\" but it is not in the header (\(foundText)); fix \(column) in [feeds.\(feed).columns]"
            }
            return "\(file):1: no column for \(column) (\(foundText)); map it in [feeds.\(feed).columns]"
        case let .duplicateColumn(file, feed, column, headers):
            return "\(file):1: \(headers.joined(separator: " and ")) both map to \(column); remove one column or name the one to use in [feeds.\(feed).columns]"
        case let .ambiguousColumn(file, feed, header, columns):
            return "\(file):1: header \"\(header)\" is mapped to \(columns.joined(separator: " and ")); map each column to its own header in [feeds.\(feed).columns]"
        case let .unknownMappedColumn(feed, column, known):
            return "[feeds.\(feed).columns] maps \(column), which this feed does not have (columns: \(known.joined(separator: ", "))); correct the name"
        case let .unterminatedQuote(file, line):
            return "\(file):\(line): a quoted field starting in this record is never closed; add the missing \" or double a quote inside the field (\"\")"
        case let .quoteOpenTooLong(file, line, limit):
            return "\(file):\(line): a quoted field starting in this record is still open \(limit / (1 << 20)) MiB later, so a quote is "
                + "almost certainly never closed; add the missing \" or double a quote inside the field (\"\")"
        case let .utf16(file):
            return "\(file): the file is UTF-16 (what Excel calls \"Unicode Text\"); feeds must be UTF-8 or GB18030. Save it again as "
                + "\"CSV UTF-8 (comma delimited)\" in Excel or WPS, or convert it: iconv -f UTF-16 -t UTF-8 FILE > FILE-utf8.csv"
        case let .csv(file, line, message):
            return "\(file):\(line): CSV reader failed (\(message)); free memory or split the file"
        case let .resource(what):
            return "cannot create \(what); the system is out of resources or a library is missing"
        }
    }

    /// Text from a file made safe for a terminal: control characters shown as `U+0000`.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
