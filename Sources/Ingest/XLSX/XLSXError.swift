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
    case unreadable(file: String, reason: String)
    /// The file is not an XLSX workbook (a ZIP package); `content` is what it looks like instead.
    case notAWorkbook(file: String, content: Content)
    /// An OLE compound file (starts D0 CF 11 E0): a legacy .xls workbook, or an .xlsx saved with a password.
    case legacyOrEncrypted(file: String)
    /// The ZIP container or one of its parts cannot be read; `part` is the entry (nil: the container itself).
    case damaged(file: String, part: String?, reason: String)
    /// No sheet has the name asked for.
    case noSuchSheet(file: String, sheet: String, sheets: [String])
    /// The sheet asked for is a chart or dialog sheet, which holds no cells.
    case notAWorksheet(file: String, sheet: String)
    /// The workbook lists no worksheet at all.
    case noWorksheet(file: String)
    /// A part holds more than a limit of `XLSXLimits` allows; `what` names the unit (`bytes of shared strings`).
    case tooLarge(file: String, part: String, what: String, limit: Int)
    /// A system resource (libxml2 parser, OpenSSL context) could not be created.
    case resource(String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the file (\(reason)); check the path in the config or on the command line"
        case let .notAWorkbook(file, content):
            switch content {
            case .empty:
                return "\(file): the file is empty, not an XLSX workbook; export the workbook again"
            case .text:
                return "\(file): not an XLSX workbook but a text file (CSV?); if it is CSV, give it a .csv name, otherwise open it in Excel or WPS and save it as .xlsx"
            case .markup:
                return "\(file): not an XLSX workbook but an HTML or XML file (some systems export a web page with an Excel name); open it in Excel or WPS and save it as .xlsx"
            case .pdf:
                return "\(file): not an XLSX workbook but a PDF document; ask for the data as .xlsx or .csv"
            case .unknownBinary:
                return "\(file): not an XLSX workbook (the file's first bytes match no spreadsheet format); open it in Excel or WPS and save it as .xlsx"
            case .openDocument:
                return "\(file): an OpenDocument spreadsheet (.ods), not an XLSX workbook; open it in WPS, Excel or LibreOffice and save it as .xlsx"
            case .binaryWorkbook:
                return "\(file): an Excel binary workbook (.xlsb), not an XLSX workbook; open it in Excel or WPS and save it as .xlsx"
            case .otherOfficeDocument:
                return "\(file): a Word or PowerPoint file, not a workbook; give the workbook with the data"
            case .otherZip:
                return "\(file): a ZIP archive with no workbook in it; give the .xlsx file itself, not an archive of it"
            }
        case let .legacyOrEncrypted(file):
            return "\(file): a legacy .xls workbook or a password-protected workbook, which cannot be read; open it in Excel or WPS and save it as .xlsx without a password"
        case let .damaged(file, part, reason):
            let whereText = part.map { "\(XLSXText.printable($0)): " } ?? ""
            return "\(file): the workbook is damaged (\(whereText)\(reason)); open it in Excel or WPS and save it again, or export it again"
        case let .noSuchSheet(file, sheet, sheets):
            let list = sheets.map { "\"\(XLSXText.printable($0))\"" }.joined(separator: ", ")
            return "\(file): no sheet named \"\(XLSXText.printable(sheet))\" (sheets: \(list)); name one of them in the config"
        case let .notAWorksheet(file, sheet):
            return "\(file): sheet \"\(XLSXText.printable(sheet))\" is a chart or dialog sheet and holds no table; name the sheet with the data"
        case let .noWorksheet(file):
            return "\(file): the workbook has no worksheet; export the data again"
        case let .tooLarge(file, part, what, limit):
            return "\(file): \(XLSXText.printable(part)) has more than \(limit) \(what); split it into smaller workbooks, or leave out what the feed does not need"
        case let .resource(what):
            return "cannot create \(what); the system is out of resources or a library is missing"
        }
    }
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
