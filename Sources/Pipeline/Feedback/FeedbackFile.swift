import Foundation
import Ingest
import Normalize
import RiskModel

/// What kind of file a grid worker returned (SPEC 8).
public enum FeedbackKind: String, Sendable, Hashable {
    /// A worklist with its `送达结果` (and `送达日期`, `备注`) filled in.
    case worklist
    /// One notice serial a line, as a QR-scanning phone app exports: each means `已送达` on the import's date.
    case scanList = "scan_list"
}

/// One row of a returned file that reports an outcome, before it is checked against the store.
struct ReportedOutcome: Sendable, Hashable {
    var line: Int
    var serial: String
    var outcome: DeliveryOutcome
    /// The `送达日期`; nil when the row gives none (a scan list, or a worklist row left undated): the import's date.
    var on: Day?
    var note: String
    var raw: String
}

/// A returned file as read: its outcomes and its rows that could not be read, each with its line.
struct FeedbackRead: Sendable {
    var path: String
    var kind: FeedbackKind
    var sha256: String
    /// Rows read, blank lines and the header aside.
    var rows = 0
    /// Rows that report nothing: a blank or `待送达` outcome.
    var blank = 0
    var reported: [ReportedOutcome] = []
    var rejects: [Reject] = []
    /// The column names a row's reject names, as the file's header spells them.
    var serialColumn = "通知书编号"
    var dateColumn = "送达日期"
}

/// Reads returned worklists (CSV or XLSX, as riskscreen wrote them or as Excel or WPS saved them again) and scan lists.
///
/// Columns are found by header, in any order, among any others: `通知书编号` (also the earlier `通知编号`),
/// `送达结果`, `送达日期`, `备注`. A file with a serial column and no `送达结果` is a scan list when the serial is
/// its only column, and an error otherwise (a worklist from before SPEC 8, whose `已送达` ticks say too little).
/// A file with no serial column at all is a scan list whose first line is data unless it holds no digit.
enum FeedbackFile {
    static let schema = FeedSchema(kind: "feedback", columns: [
        ColumnSpec("serial", aliases: ["通知书编号", "通知编号"], required: false),
        ColumnSpec("outcome", aliases: ["送达结果"], required: false),
        ColumnSpec("delivered_on", aliases: ["送达日期"], required: false),
        ColumnSpec("note", aliases: ["备注"], required: false),
    ])
    static let serialColumn = 0, outcomeColumn = 1, dateColumn = 2, noteColumn = 3
    /// Rows of a sheet searched for the header: a title or two above it are skipped.
    static let headerSearchRows = 10

    /// Reads one file; throws when it cannot be read at all (missing, damaged, a worklist without `送达结果`).
    static func read(path: String) throws -> FeedbackRead {
        if isXLSX(path) { return try readXLSX(path: path) }
        return try readCSV(path: path)
    }

    /// Whether the file is a ZIP archive (an XLSX workbook), whatever its name says.
    static func isXLSX(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return path.lowercased().hasSuffix(".xlsx") }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 4)) ?? Data()
        return magic == Data([0x50, 0x4B, 0x03, 0x04])
    }

    // MARK: - Layout

    /// Where a file keeps what feedback reads, found from its header.
    struct Layout {
        var kind: FeedbackKind
        /// By schema column, the file's column (-1: none); nil for a scan list without a header it recognises.
        var columns: [Int]?
        /// The header as the file spells it.
        var header: [String]
        /// Whether the header row is itself a line of serials (a scan list without a header).
        var headerIsData: Bool

        func name(_ schemaColumn: Int, default fallback: String) -> String {
            guard let columns, columns[schemaColumn] >= 0, columns[schemaColumn] < header.count else { return fallback }
            return header[columns[schemaColumn]]
        }
    }

    /// The layout a header gives, or nil when the row names no serial column (then it may be data).
    static func layout(header: [String], path: String, line: Int) throws -> Layout? {
        let mapping = try ColumnMapping.resolve(header: header, schema: schema, columnMap: [:], file: path, feed: "feedback")
        let columns = mapping.fileColumn
        guard columns[serialColumn] >= 0 else { return nil }
        if columns[outcomeColumn] >= 0 { return Layout(kind: .worklist, columns: columns, header: header, headerIsData: false) }
        let named = header.filter { !Fields.isBlank($0.utf8) }
        guard named.count == 1 else {
            throw FeedbackError.noOutcomeColumn(file: path, line: line, found: named)
        }
        return Layout(kind: .scanList, columns: columns, header: header, headerIsData: false)
    }

    /// The layout of a file whose header names no serial column: a scan list, its first row a header only when
    /// it holds no digit (a serial or a mistyped one is data).
    static func scanListLayout(header: [String]) -> Layout {
        let isData = header.contains { $0.unicodeScalars.contains { ("0"..."9").contains($0) || ("０"..."９").contains($0) } }
        return Layout(kind: .scanList, columns: nil, header: header, headerIsData: isData)
    }

    // MARK: - Rows

    /// What one row says.
    enum RowResult {
        case blank
        case reported(ReportedOutcome)
        case rejected(column: String, problem: Message)
    }

    /// Interprets one row; `field` gives a file column's bytes and what kind of cell held them.
    static func interpret(_ layout: Layout, line: Int, fieldCount: Int, raw: () -> String, date1904: Bool,
                          field: (Int) -> (bytes: UnsafeBufferPointer<UInt8>, kind: XLSXCellKind)) -> RowResult {
        guard let columns = layout.columns, layout.kind == .worklist else {
            let values = layout.columns.map { [Fields.identifier(field($0[serialColumn]).bytes)] }
                ?? (0..<fieldCount).map { Fields.identifier(field($0).bytes) }
            return scanListRow(values, line: line, raw: raw)
        }
        let outcomeText = Fields.text(field(columns[outcomeColumn]).bytes)
        if outcomeText.isEmpty { return .blank }
        let outcomeName = layout.name(outcomeColumn, default: "送达结果"), serialName = layout.name(serialColumn, default: "通知书编号")
        guard let outcome = DeliveryOutcome(word: outcomeText) else {
            return .rejected(column: outcomeName, problem: FeedbackText.unknownOutcome(["value": outcomeText, "outcomes": DeliveryOutcome.allCases.map(\.chinese)]))
        }
        if outcome == .pending { return .blank }
        let serial = Fields.identifier(field(columns[serialColumn]).bytes)
        guard !serial.isEmpty else {
            return .rejected(column: serialName, problem: FeedbackText.serialEmpty())
        }
        var on: Day?
        if columns[dateColumn] >= 0 {
            let (bytes, kind) = field(columns[dateColumn])
            if !Fields.isBlank(bytes) {
                switch date(bytes, kind: kind, date1904: date1904) {
                case let .success(day): on = day
                case let .failure(problem): return .rejected(column: layout.name(dateColumn, default: "送达日期"), problem: problem.reason)
                }
            }
        }
        let note = columns[noteColumn] >= 0 ? Fields.text(field(columns[noteColumn]).bytes) : ""
        return .reported(ReportedOutcome(line: line, serial: serial, outcome: outcome, on: on, note: note, raw: raw()))
    }

    /// A scan list's line, given as its values trimmed and folded: its serial, delivered on the import's date.
    static func scanListRow(_ values: [String], line: Int, raw: () -> String) -> RowResult {
        let candidates = values.filter { !$0.isEmpty }
        guard !candidates.isEmpty else { return .blank }
        // The one value of the line, or among several (a scanner app's time, type and content) the one shaped like a serial.
        guard let serial = candidates.count == 1 ? candidates[0] : candidates.first(where: looksLikeSerial) else {
            return .rejected(column: "", problem: FeedbackText.noSerialOnLine(["found": candidates]))
        }
        return .reported(ReportedOutcome(line: line, serial: serial, outcome: .delivered, on: nil, note: "", raw: raw()))
    }

    /// `<12 digits>-<8 digits>-<4 or more digits>`, the shape of the serials `Serial.make` writes.
    static func looksLikeSerial(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 12, parts[1].count == 8, parts[2].count >= 4 else { return false }
        return parts.allSatisfy { $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }
    }

    /// A `送达日期`: an Excel date, an Excel day number in a cell that lost its date format, or text in a SPEC 1.1 form.
    static func date(_ bytes: UnsafeBufferPointer<UInt8>, kind: XLSXCellKind, date1904: Bool) -> Result<Day, FieldProblem> {
        if kind == .number {
            let text = Fields.text(bytes)
            let whole = text.split(separator: ".", maxSplits: 1).first.map(String.init) ?? text
            guard let n = Int(whole), let origin = date1904 ? Day(year: 1904, month: 1, day: 1) : Day(year: 1899, month: 12, day: 30),
                  let earliest = Day(year: 2000, month: 1, day: 1), let latest = Day(year: 2099, month: 12, day: 31),
                  (earliest...latest).contains(origin + n) else {
                return .failure(FieldProblem(FeedbackText.dateIsNumber(["value": text])))
            }
            return .success(origin + n)
        }
        do {
            return .success(try Fields.date(bytes))
        } catch {
            return .failure(error)
        }
    }

    // MARK: - Files

    static func readCSV(path: String) throws -> FeedbackRead {
        let input = FeedInput(feed: "feedback", path: path)
        let reader: FeedReader
        do {
            reader = try FeedReader(input: input, schema: schema)
        } catch {
            // Nothing scanned: an empty scan list reports nothing.
            guard case .empty = error else { throw error }
            return FeedbackRead(path: path, kind: .scanList, sha256: try SHA256Hasher.hash(file: path))
        }
        let headerLine = max(reader.dataStartLine - 1, 1)
        let layout = try layout(header: reader.header, path: path, line: headerLine) ?? scanListLayout(header: reader.header)
        var read = FeedbackRead(path: path, kind: layout.kind, sha256: "")
        read.serialColumn = layout.name(serialColumn, default: "通知书编号")
        read.dateColumn = layout.name(dateColumn, default: "送达日期")
        if layout.headerIsData {
            let raw = reader.header.joined(separator: ",")
            take(scanListRow(reader.header.map { Fields.identifier($0.utf8) }, line: headerLine, raw: { raw }), line: headerLine, raw: raw, into: &read)
        }
        try reader.forEachRecord { borrowed in
            // A copy of the view (not of its bytes): the closures below capture it.
            let record = copy borrowed
            // A scan list's lines may differ in their number of fields; a worklist's may not.
            if let problem = record.problem, layout.kind == .worklist || !isFieldCount(problem) {
                read.rows += 1
                read.rejects.append(Reject(feed: layout.kind.rawValue, file: path, line: record.line, column: problem.column,
                                           problem: problem.reason, raw: record.raw))
                return
            }
            let result = interpret(layout, line: record.line, fieldCount: record.fieldCount, raw: { record.raw }, date1904: false) { i in
                (record.fileField(i), .text)
            }
            take(result, line: record.line, raw: record.raw, into: &read)
        }
        read.sha256 = reader.stats.sha256
        return read
    }

    private static func isFieldCount(_ problem: RecordProblem) -> Bool {
        if case .fieldCount = problem { return true }
        return false
    }

    static func readXLSX(path: String) throws -> FeedbackRead {
        let book = try XLSXWorkbook(path: path)
        var layout: Layout?
        var read = FeedbackRead(path: path, kind: .worklist, sha256: try book.sha256())
        try book.forEachRow { borrowed in
            let row = copy borrowed
            let texts = (0..<row.fieldCount).map { Fields.text(row.field($0)) }
            if layout == nil {
                if let found = try self.layout(header: texts, path: path, line: row.line) {
                    layout = found
                    read.kind = found.kind
                    read.serialColumn = found.name(serialColumn, default: "通知书编号")
                    read.dateColumn = found.name(dateColumn, default: "送达日期")
                    return
                }
                // A title above the header (which may hold a date) is skipped; a row with a serial in it, or any row
                // past the first few, is a scan list's data.
                guard texts.contains(where: looksLikeSerial) || row.line > headerSearchRows else { return }
                layout = scanListLayout(header: texts)
                read.kind = .scanList
            }
            guard let layout else { return }
            if let problem = row.problem {
                read.rows += 1
                read.rejects.append(Reject(feed: layout.kind.rawValue, file: path, line: row.line, column: "", problem: problem.reason(row: row.line), raw: row.raw))
                return
            }
            let result = interpret(layout, line: row.line, fieldCount: row.fieldCount, raw: { row.raw }, date1904: book.date1904) { i in
                (row.field(i), row.kind(i))
            }
            take(result, line: row.line, raw: row.raw, into: &read)
        }
        return read
    }

    private static func take(_ result: RowResult, line: Int, raw: @autoclosure () -> String, into read: inout FeedbackRead) {
        read.rows += 1
        switch result {
        case .blank: read.blank += 1
        case let .reported(outcome): read.reported.append(outcome)
        case let .rejected(column, problem):
            read.rejects.append(Reject(feed: read.kind.rawValue, file: read.path, line: line, column: column, problem: problem, raw: raw()))
        }
    }
}

/// A returned file that cannot be read as feedback at all.
public enum FeedbackError: Error, CustomStringConvertible, Sendable {
    /// The file names a serial column among others but has no `送达结果`.
    case noOutcomeColumn(file: String, line: Int, found: [String])

    public var message: Message {
        switch self {
        case let .noOutcomeColumn(file, line, found):
            FeedbackText.noOutcomeColumn(["file": file, "line": line, "found": found])
        }
    }

    public var description: String { message.description }
}
