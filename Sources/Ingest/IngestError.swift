import RiskModel

/// A problem that stops a feed from being read at all; `message` says where and what to do.
public enum IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case unreadable(file: String, reason: Message)
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
    /// A system resource (iconv descriptor, OpenSSL context) could not be created; `what` names it as the library does.
    case resource(String)
    /// The file is UTF-16 (a byte-order mark, or every other byte of its head NUL), which is not a feed encoding.
    case utf16(file: String)
    /// A quoted field is still open after `limit` bytes: a quote is almost certainly never closed.
    case quoteOpenTooLong(file: String, line: Int, limit: Int)
    /// The file is a workbook that cannot be read as a feed (SPEC 11).
    case workbook(XLSXError)

    public var message: Message {
        switch self {
        case let .unreadable(file, reason):
            return IngestText.unreadable(["file": file, "reason": reason])
        case let .empty(file):
            return IngestText.empty(["file": file])
        case let .missingColumn(file, feed, column, found, configured):
            let foundText = found.isEmpty ? IngestText.noHeaders() : IngestText.foundHeaders(["headers": found.map(IngestError.visible)])
            if let configured {
                return IngestText.missingConfiguredColumn(["file": file, "column": column, "configured": configured, "found": foundText, "feed": feed])
            }
            return IngestText.missingColumn(["file": file, "column": column, "found": foundText, "feed": feed])
        case let .duplicateColumn(file, feed, column, headers):
            return IngestText.duplicateColumn(["file": file, "headers": headers, "column": column, "feed": feed])
        case let .ambiguousColumn(file, feed, header, columns):
            return IngestText.ambiguousColumn(["file": file, "header": header, "columns": columns, "feed": feed])
        case let .unknownMappedColumn(feed, column, known):
            return IngestText.unknownMappedColumn(["feed": feed, "column": column, "known": known])
        case let .unterminatedQuote(file, line):
            return IngestText.unterminatedQuote(["file": file, "line": line])
        case let .quoteOpenTooLong(file, line, limit):
            return IngestText.quoteOpenTooLong(["file": file, "line": line, "mib": limit / (1 << 20)])
        case let .utf16(file):
            return IngestText.utf16(["file": file])
        case let .csv(file, line, message):
            return IngestText.csvFailed(["file": file, "line": line, "reason": message])
        case let .resource(what):
            return IngestText.resource(["what": what])
        case let .workbook(error):
            return error.message
        }
    }

    public var description: String { message.description }

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
