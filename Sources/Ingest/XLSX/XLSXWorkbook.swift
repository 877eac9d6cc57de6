import RiskModel

/// What a cell held, so a feed can tell an ID typed as text from one Excel stored as a number.
public enum XLSXCellKind: UInt8, Sendable, Hashable {
    /// No cell, a cell with only a style, a formula with no cached value, or empty text.
    case empty
    /// A shared, inline or formula string.
    case text
    /// A number with a non-date format; the field is the number as typed (`13800138000`), or as stored
    /// when not an integer. An ID stored as a number has lost its digits past the 15th.
    case number
    /// A number with a date or time format, or an ISO date cell; the field is `YYYY-MM-DD`, followed by
    /// ` HH:MM:SS` when the value has a time of day.
    case date
    /// `TRUE` or `FALSE`.
    case boolean
    /// An error value such as `#N/A` or `#DIV/0!`, as Excel shows it.
    case error
}

/// Why a row cannot be used as read; the caller turns it into a reject.
public enum XLSXRowProblem: Sendable, Hashable {
    /// The cell in `column` (0-based) is longer than `limit` bytes; its field holds only the first ones.
    case fieldTooLong(column: Int, limit: Int)

    /// The reason for `rejects.csv`, `row` the row's number.
    public func reason(row: Int) -> Message {
        switch self {
        case let .fieldTooLong(column, limit):
            return RejectText.cellTooLong(["cell": XLSXCellValue.columnName(column) + String(row), "limit": limit])
        }
    }
}

/// One non-blank row of a sheet, valid only during the `forEachRow` call that delivers it.
///
/// Laid out as the CSV reader's `RecordView` (bytes back to back, field i ending at `ends[i]`), so a feed
/// reader can wrap it the same way. Field bytes are UTF-8 and live in the reader's reused buffers: copy what
/// you keep. Fields past `fieldCount` are empty: a row ends at its last cell with a value, so rows of one
/// sheet differ in length where their last cells are empty.
public struct XLSXRow {
    /// The 1-based row number in the sheet, the "line" of a reject.
    public let line: Int
    public let fieldCount: Int
    public let problem: XLSXRowProblem?
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let ends: UnsafePointer<Int>
    @usableFromInline let kinds: UnsafePointer<UInt8>

    /// UTF-8 bytes of the `index`-th field (0-based, column A is 0); empty past the row's end.
    @inlinable @inline(__always)
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index >= 0, index < fieldCount else { return UnsafeBufferPointer(start: nil, count: 0) }
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(start: base + start, count: ends[index] - start)
    }

    /// What the `index`-th cell held; `.empty` past the row's end.
    @inlinable @inline(__always)
    public func kind(_ index: Int) -> XLSXCellKind {
        guard index >= 0, index < fieldCount else { return .empty }
        return XLSXCellKind(rawValue: kinds[index]) ?? .empty
    }

    /// A field as a `String` (allocates; for values that are kept).
    public func string(_ index: Int) -> String {
        String(decoding: field(index), as: UTF8.self)
    }

    /// The row as one CSV record (RFC 4180 quoting), the raw record of a reject.
    public var raw: String {
        var out = ""
        for i in 0..<fieldCount {
            if i > 0 { out += "," }
            let s = string(i)
            if s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                out += "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            } else {
                out += s
            }
        }
        return out
    }

    /// A column's letters from its 0-based index: 0 → `A`, 27 → `AB`.
    public static func columnName(_ index: Int) -> String { XLSXCellValue.columnName(index) }
}

/// Bounds on what a workbook may make the reader hold or do, so hostile files fail instead of exhausting memory.
public struct XLSXLimits: Sendable, Hashable {
    /// Longest field, in UTF-8 bytes; a longer cell is cut and its row gets `XLSXRowProblem.fieldTooLong`
    /// (SPEC 1.1: 4 KiB by default, as for CSV fields).
    public var maxFieldBytes: Int
    /// Shared-strings table: bytes of text plus 8 per string.
    public var maxSharedStringBytes: Int
    /// Uncompressed size of a sheet's XML (streamed, never held; this bounds the time a ZIP bomb takes). The
    /// default, 4 GiB, is the most a part holds without ZIP64; a 1,000,000 x 10 sheet is 0.4–0.6 GB.
    public var maxSheetBytes: Int
    /// Uncompressed size of each other part read (`workbook.xml`, relationships, `styles.xml`).
    public var maxPartBytes: Int
    /// Columns per row; Excel's own limit (XFD) by default.
    public var maxColumns: Int
    /// Entries in the ZIP directory.
    public var maxEntries: Int

    public init(
        maxFieldBytes: Int = 4096, maxSharedStringBytes: Int = 512 << 20, maxSheetBytes: Int = 4 << 30,
        maxPartBytes: Int = 64 << 20, maxColumns: Int = 16_384, maxEntries: Int = 10_000
    ) {
        self.maxFieldBytes = maxFieldBytes
        self.maxSharedStringBytes = maxSharedStringBytes
        self.maxSheetBytes = maxSheetBytes
        self.maxPartBytes = maxPartBytes
        self.maxColumns = maxColumns
        self.maxEntries = maxEntries
    }
}

/// Facts about one pass over a sheet, for the run manifest.
public struct XLSXSheetStats: Sendable, Hashable {
    public var sheet: String
    /// Number of the last row element read, blank or not (the sheet's "lines").
    public var rows: Int
    /// Rows delivered.
    public var records: Int
    /// Rows up to `rows` not delivered: rows with no value, and row numbers the sheet skips.
    public var blankRows: Int
}

/// A streaming reader of an XLSX workbook's sheets (SPEC 11 inputs, SPEC 8 returned worklists).
///
/// `init` reads only the workbook's structure (sheets, date system); the shared strings and styles are read at
/// the first `forEachRow` and kept for later passes. A sheet's XML is never held whole: ZIPFoundation inflates it
/// in 64 KiB chunks straight into libxml2's push parser, and each row is delivered as its end tag is parsed.
public final class XLSXWorkbook {
    public let path: String
    /// Every sheet, in tab order.
    public let sheets: [XLSXSheetInfo]
    /// Whether serials count days from 1904-01-01 (the Mac date system) rather than 1900.
    public let date1904: Bool
    public let limits: XLSXLimits

    private let archive: XLSXArchive
    private let package: XLSXPackage
    private var strings: XLSXSharedStrings?
    private var styles: XLSXStyles?

    /// Opens a workbook and reads its list of sheets; throws when the file is no readable XLSX workbook.
    public init(path: String, limits: XLSXLimits = XLSXLimits()) throws(XLSXError) {
        self.path = path
        self.limits = limits
        archive = try XLSXArchive(path: path, maxEntries: limits.maxEntries)
        package = try XLSXPackage(archive: archive, limits: limits)
        sheets = package.sheets
        date1904 = package.date1904
    }

    /// The sheets' names, in tab order.
    public var sheetNames: [String] { sheets.map(\.name) }

    /// The sheet a feed reads: the one named (exactly, else ignoring case), or by default the first visible
    /// worksheet (the tab Excel opens on when the first tabs are hidden), else the first worksheet.
    public func sheet(named name: String? = nil) throws(XLSXError) -> XLSXSheetInfo {
        guard let name else {
            let worksheets = sheets.filter(\.isWorksheet)
            guard let first = worksheets.first(where: { !$0.isHidden }) ?? worksheets.first else { throw .noWorksheet(file: path) }
            return first
        }
        guard let sheet = sheets.first(where: { $0.name == name })
            ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw .noSuchSheet(file: path, sheet: name, sheets: sheetNames)
        }
        guard sheet.isWorksheet else { throw .notAWorksheet(file: path, sheet: sheet.name) }
        return sheet
    }

    /// Reads a sheet's non-blank rows in order, each with its row number, stopping after `limit` rows.
    ///
    /// Errors thrown by `body` end the pass and are rethrown; so are `XLSXError`s found on the way. Rows
    /// delivered before a damaged part of the sheet is found have been delivered: discard what they gave
    /// when the pass throws, as for a CSV file that turns out to end inside a quote.
    @discardableResult
    public func forEachRow(
        sheet name: String? = nil, limit: Int = .max, _ body: (borrowing XLSXRow) throws -> Void
    ) throws -> XLSXSheetStats {
        let sheet = try self.sheet(named: name)
        guard let part = sheet.part else {
            throw XLSXError.damaged(file: path, part: nil, reason: WorkbookText.sheetWithoutPart(["sheet": XLSXText.printable(sheet.name)]))
        }
        let (strings, styles) = try sharedParts()
        let scanner = XLSXSheetScanner(path: path, part: part, limits: limits, strings: strings, styles: styles, date1904: date1904)
        scanner.remaining = limit
        if limit > 0 {
            try withoutActuallyEscaping(body) { body in
                scanner.deliver = body
                defer { scanner.deliver = nil }
                try archive.parse(part, with: scanner, limit: limits.maxSheetBytes, what: WorkbookText.sheetBytes())
            }
        }
        return XLSXSheetStats(sheet: sheet.name, rows: scanner.lastRow, records: scanner.records,
                              blankRows: scanner.lastRow - scanner.records)
    }

    private func sharedParts() throws -> (XLSXSharedStrings, XLSXStyles) {
        if let strings, let styles { return (strings, styles) }
        let strings = try package.sharedStringsPart.map { try XLSXSharedStrings(archive: archive, part: $0, limits: limits) }
            ?? XLSXSharedStrings()
        let styles = try package.stylesPart.map { try XLSXStyles(archive: archive, part: $0, limits: limits) } ?? XLSXStyles()
        self.strings = strings
        self.styles = styles
        return (strings, styles)
    }

    /// SHA-256 of the whole workbook file, lowercase hex (for the manifest and for skipping a file imported before).
    public func sha256() throws(XLSXError) -> String {
        do {
            return try SHA256Hasher.hash(file: path)
        } catch {
            switch error {
            case let .unreadable(_, reason): throw .unreadable(file: path, reason: reason)
            case let .resource(what): throw .resource(what)
            default: throw .unreadable(file: path, reason: error.message)
            }
        }
    }
}
