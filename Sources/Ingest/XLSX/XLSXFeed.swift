import Machinery
import RiskModel

/// Tells a workbook from a CSV file and finds its header row (SPEC 11: any feed or rule file may be an `.xlsx`).
enum WorkbookSniffer {
    /// Whether the file is read as a workbook: a ZIP archive or an OLE compound file (a legacy `.xls`, or an
    /// `.xlsx` with a password), whatever its name; a file named `.xlsx` or `.xls` too, so that the workbook
    /// reader says what it is instead of the CSV reader showing its bytes.
    static func isWorkbook(_ file: MappedFile) -> Bool {
        let name = file.path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        if name.hasSuffix(".xlsx") || name.hasSuffix(".xlsm") || name.hasSuffix(".xls") { return true }
        var head = [UInt8](repeating: 0, count: 4)
        let n = (try? head.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }) ?? 0
        guard n == 4 else { return false }
        return head == [0x50, 0x4B, 0x03, 0x04] || head == [0xD0, 0xCF, 0x11, 0xE0]
    }

    /// Opens the workbook and reads the header: the first non-blank row of the sheet the input names (or the first
    /// visible one), its texts trimmed, and its row number.
    static func open(_ input: FeedInput) throws(IngestError) -> (XLSXWorkbook, (header: [String], row: Int)) {
        let book: XLSXWorkbook
        do { book = try XLSXWorkbook(path: input.path, limits: XLSXLimits(maxFieldBytes: input.maxFieldBytes)) } catch {
            throw .workbook(error)
        }
        var header: [String] = []
        var row = 0
        do {
            try book.forEachRow(sheet: input.sheet, limit: 1) { first in
                header = (0..<first.fieldCount).map { ColumnMapping.trimmed(first.string($0)) }
                row = first.line
            }
        } catch let error as XLSXError {
            throw .workbook(error)
        } catch {
            throw .unreadable(file: input.path, reason: SystemText.other(["reason": "\(error)"]))
        }
        guard row > 0 else { throw .empty(file: input.path) }
        return (book, (header, row))
    }
}

extension FeedReader {
    /// Reads a workbook's rows below the header as records: the same column mapping, text rules and problems as a CSV
    /// file's, the sheet's row number as the line. Fills `stats`, hashing the file on the way.
    func forEachSheetRow(_ workbook: XLSXWorkbook, _ body: (borrowing RecordView) throws -> Void) throws {
        let sha256: String
        do { sha256 = try workbook.sha256() } catch { throw IngestError.workbook(error) }
        let headerRow = dataStartLine - 1
        let maxFieldBytes = input.maxFieldBytes
        var records = 0
        let sheet: XLSXSheetStats
        do {
            sheet = try mapping.fileColumn.withUnsafeBufferPointer { mappingBuffer in
                try workbook.forEachRow(sheet: input.sheet) { row in
                    guard row.line > headerRow else { return }
                    records += 1
                    // A stop (SIGTERM, SIGINT) is honoured between rows, now and then: a sheet of a million rows takes seconds.
                    if records & 0xFFFF == 0 { try StopRequest.check() }
                    let count = row.fieldCount
                    var problem: RecordProblem?
                    if case let .fieldTooLong(column, limit)? = row.problem {
                        let name = column < columnNames.count ? columnNames[column] : "column \(column + 1)"
                        problem = .cellTooLong(column: name, cell: XLSXCellValue.columnName(column) + String(row.line), limit: limit)
                    }
                    // SPEC 1.1's text rules, as for a CSV record: most rows have no byte that could be a control character.
                    if problem == nil, count > 0 {
                        let length = row.ends[count - 1]
                        if length > maxFieldBytes || TextRules.mayHaveControl(UnsafeBufferPointer(start: row.base, count: length)) {
                            problem = TextRules.check(UnsafeMutablePointer(mutating: row.base), ends: UnsafeMutablePointer(mutating: row.ends),
                                                      count: count, columns: textColumns, maxFieldBytes: maxFieldBytes)
                        }
                    }
                    let view = RecordView(line: row.line, fieldCount: count, problem: problem, base: row.base, ends: row.ends,
                                          mapping: mappingBuffer, rawBytes: UnsafeBufferPointer(start: nil, count: 0), decoder: nil,
                                          kinds: row.kinds)
                    try body(view)
                }
            }
        } catch let error as XLSXError {
            throw IngestError.workbook(error)
        }
        progress?(stats.bytes, stats.bytes)
        stats = FeedStats(bytes: stats.bytes, sha256: sha256, records: records, lines: sheet.rows,
                          blankLines: sheet.rows - records - 1, encoding: .utf8, sheet: sheet.sheet)
    }
}
