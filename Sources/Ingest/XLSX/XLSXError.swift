import RiskModel

/// A problem that stops a workbook or one of its sheets from being read; `description` says where and what to do.
///
/// Text taken from the file (sheet names, part names, libxml2's messages) is passed through
/// `XLSXText.printable` first, so a damaged file never puts control characters or binary junk on a terminal.
public enum XLSXError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What a file that is not an XLSX workbook looks like, from its first bytes or its ZIP entries.
    public enum Content: Sendable, Hashable {
        case empty
        /// UTF-8 or GB18030 text, most often a CSV file with the wrong extension.
        case text
        /// HTML or XML: some systems export a web page, or an XML Spreadsheet 2003, with an Excel name.
        case markup
        case pdf
        case unknownBinary
        /// A ZIP archive holding an OpenDocument spreadsheet (.ods).
        case openDocument
        /// A ZIP archive holding an Excel binary workbook (.xlsb).
        case binaryWorkbook
        /// A ZIP archive holding a Word document or a PowerPoint presentation.
        case otherOfficeDocument
        /// A ZIP archive with no workbook in it.
        case otherZip
    }

    /// The file does not exist or cannot be read.
    case unreadable(file: String, reason: Message)
    /// The file is not an XLSX workbook (a ZIP package); `content` is what it looks like instead.
    case notAWorkbook(file: String, content: Content)
    /// An OLE compound file (starts D0 CF 11 E0): a legacy .xls workbook, or an .xlsx saved with a password.
    case legacyOrEncrypted(file: String)
    /// The ZIP container or one of its parts cannot be read; `part` is the entry (nil: the container itself).
    case damaged(file: String, part: String?, reason: Message)
    /// No sheet has the name asked for.
    case noSuchSheet(file: String, sheet: String, sheets: [String])
    /// The sheet asked for is a chart or dialog sheet, which holds no cells.
    case notAWorksheet(file: String, sheet: String)
    /// The workbook lists no worksheet at all.
    case noWorksheet(file: String)
    /// A part holds more than a limit of `XLSXLimits` allows; `what` names the unit (`bytes of shared strings`).
    case tooLarge(file: String, part: String, what: Message, limit: Int)
    /// A system resource (libxml2 parser, OpenSSL context) could not be created; `what` names it as the library does.
    case resource(String)

    public var message: Message {
        switch self {
        case let .unreadable(file, reason):
            return IngestText.unreadable(["file": file, "reason": reason])
        case let .notAWorkbook(file, content):
            let entry: WorkbookText
            switch content {
            case .empty: entry = .empty
            case .text: entry = .text
            case .markup: entry = .markup
            case .pdf: entry = .pdf
            case .unknownBinary: entry = .unknownBinary
            case .openDocument: entry = .openDocument
            case .binaryWorkbook: entry = .binaryWorkbook
            case .otherOfficeDocument: entry = .otherOfficeDocument
            case .otherZip: entry = .otherZip
            }
            return entry(["file": file])
        case let .legacyOrEncrypted(file):
            return WorkbookText.legacyOrEncrypted(["file": file])
        case let .damaged(file, part, reason):
            guard let part else { return WorkbookText.damaged(["file": file, "reason": reason]) }
            return WorkbookText.damagedPart(["file": file, "part": XLSXText.printable(part), "reason": reason])
        case let .noSuchSheet(file, sheet, sheets):
            return WorkbookText.noSuchSheet(["file": file, "sheet": XLSXText.printable(sheet), "sheets": sheets.map { WorkbookText.quoted(["text": XLSXText.printable($0)]) }])
        case let .notAWorksheet(file, sheet):
            return WorkbookText.notAWorksheet(["file": file, "sheet": XLSXText.printable(sheet)])
        case let .noWorksheet(file):
            return WorkbookText.noWorksheet(["file": file])
        case let .tooLarge(file, part, what, limit):
            return WorkbookText.tooLarge(["file": file, "part": XLSXText.printable(part), "limit": limit, "what": what])
        case let .resource(what):
            return IngestText.resource(["what": what])
        }
    }

    public var description: String { message.description }
}

/// Makes text from a file safe to show in a message.
enum XLSXText {
    /// Replaces line breaks and tabs with spaces, other control characters and U+FFFD with `?`, and cuts the
    /// text to `limit` characters.
    static func printable(_ text: String, limit: Int = 120) -> String {
        var out = ""
        var count = 0
        // libxml2's messages end with a line feed.
        var scalars = text.unicodeScalars[...]
        while let last = scalars.last, last.value <= 0x20 { scalars.removeLast() }
        for scalar in scalars {
            if count == limit {
                out += "…"
                break
            }
            let v = scalar.value
            if v == 0x0A || v == 0x0D || v == 0x09 {
                out += " "
            } else if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFD || (0x2028...0x2029).contains(v) {
                out += "?"
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }
}
