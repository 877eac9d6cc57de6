import CXLSXWriter
import Foundation
import RiskModel

/// A libxlsxwriter workbook in constant-memory mode, owned by Swift: closed (written) at most once, freed always.
///
/// Constant memory keeps one row in memory, so rows must be written in increasing order. Every
/// libxlsxwriter return code is checked and turned into a `WorklistError` naming the file.
final class XLSXWorkbook {
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    let path: String

    /// Starts a workbook at `path`; `created` is the creation time recorded in docProps/core.xml.
    init(path: String, title: String, created: time_t) throws {
        self.path = path
        var options = lxw_workbook_options(constant_memory: 1, tmpdir: nil, use_zip64: 0)
        guard let handle = workbook_new_opt(path, &options) else {
            throw WorklistError.xlsx(file: path, step: "workbook_new_opt", reason: PaperText.xlsxCannotStart().description)
        }
        self.handle = handle
        // libxlsxwriter copies the strings, so the temporary C strings may die after the call.
        let code = title.withCString { cTitle in
            "riskscreen".withCString { cAuthor in
                var properties = lxw_doc_properties()
                properties.title = UnsafeMutablePointer(mutating: cTitle)
                properties.author = UnsafeMutablePointer(mutating: cAuthor)
                properties.created = created
                return workbook_set_properties(handle, &properties)
            }
        }
        try check(code, "workbook_set_properties")
    }

    deinit {
        // Reached without close(): an error path. Free without writing a half-built file.
        if let handle { lxw_workbook_free(handle) }
    }

    private var workbook: UnsafeMutablePointer<lxw_workbook> {
        get throws {
            guard let handle else { throw WorklistError.xlsx(file: path, step: "use", reason: PaperText.xlsxClosed().description) }
            return handle
        }
    }

    func check(_ code: lxw_error, _ step: String) throws {
        guard code != LXW_NO_ERROR else { return }
        throw WorklistError.xlsx(file: path, step: step, reason: String(cString: lxw_strerror(code)))
    }

    func addWorksheet(_ name: String) throws -> UnsafeMutablePointer<lxw_worksheet> {
        guard let sheet = workbook_add_worksheet(try workbook, name) else {
            throw WorklistError.xlsx(file: path, step: "workbook_add_worksheet", reason: PaperText.xlsxSheetName(["name": name]).description)
        }
        return sheet
    }

    /// A new cell format, configured by `configure`.
    func addFormat(_ configure: (UnsafeMutablePointer<lxw_format>) -> Void) throws -> UnsafeMutablePointer<lxw_format> {
        guard let format = workbook_add_format(try workbook) else {
            throw WorklistError.xlsx(file: path, step: "workbook_add_format", reason: PaperText.outOfMemory().description)
        }
        configure(format)
        return format
    }

    /// Assembles and writes the file; the workbook is freed whatever happens and cannot be used again.
    func close() throws {
        let handle = try workbook
        self.handle = nil
        try check(workbook_close(handle), "workbook_close")
    }
}

extension Worklist.Sheet {
    /// The type size of every cell: with the widths of `mainColumns`, the sheet prints one page wide on A4 landscape
    /// without shrinking below it (SPEC: at least 8 points on paper).
    static let fontSize = 10.0

    /// Writes the sheet as a print-ready XLSX: the worklist on the first sheet (bold frozen header, auto-filter, every
    /// cell wrapped so serials and addresses print whole, rows as tall as they need, households banded, a drop-down
    /// of outcomes), the daily health checks on a second; each A4 landscape, one page wide, header row on every page.
    func writeXLSX(to url: URL) throws {
        // Midnight of the as-of day in Asia/Shanghai (UTC+8): a fixed creation time makes reruns byte-identical.
        let created = time_t(Int64(asOf.number) * 86_400 - 8 * 3_600)
        let book = try XLSXWorkbook(path: url.path, title: title, created: created)
        let formats = try Formats(book)
        let main = try book.addWorksheet("工作清单")
        let written = try writeSheet(main, columns: columns, rows: rows.indices.map { (household[$0], rows[$0]) }, formats: formats, book: book)
        if let outcome = columns.firstIndex(where: { $0.kind == .outcome }), written > 0 {
            try book.addDropDown(main, column: outcome, rows: 1...written, values: DeliveryOutcome.allCases.map(\.chinese))
        }
        try book.check(worksheet_set_footer(main, "&L共 \(rows.count) 人&C第 &P 页，共 &N 页"), "worksheet_set_footer")
        try book.check(worksheet_set_header(main, "&C&12\(Worklist.Sheet.headerText(title))"), "worksheet_set_header")

        let checks = try book.addWorksheet("每日健康监测")
        try writeSheet(checks, columns: checkColumns, rows: checkRows.map { ($0.household, $0.cells) }, formats: formats, book: book)
        let checkTitle = "\(community == nil ? "未落地人员（全区）" : communityName) 每日健康监测记录（截至\(asOf.chinese)）"
        try book.check(worksheet_set_header(checks, "&C&12\(Worklist.Sheet.headerText(checkTitle))"), "worksheet_set_header")
        try book.check(worksheet_set_footer(checks, "&L序号同工作清单；“/”为不在管控期内&C第 &P 页，共 &N 页"), "worksheet_set_footer")
        try book.close()
    }

    /// The cell formats: a header, and two bands (plain, light blue) × text, centred text, date and not-applicable.
    struct Formats {
        var header: UnsafeMutablePointer<lxw_format>
        var text: [UnsafeMutablePointer<lxw_format>] = []
        var centered: [UnsafeMutablePointer<lxw_format>] = []
        var date: [UnsafeMutablePointer<lxw_format>] = []
        var notApplicable: [UnsafeMutablePointer<lxw_format>] = []

        init(_ book: XLSXWorkbook) throws {
            header = try book.addFormat { f in
                format_set_bold(f)
                format_set_font_size(f, Worklist.Sheet.fontSize)
                format_set_text_wrap(f)
                format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
                format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
                format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
                format_set_bg_color(f, 0xD9D9D9)
                format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
            }
            // Text cells use format `@` so that ID numbers and phones stay text even when edited (Excel keeps only
            // 15 digits of a number); every cell wraps, so nothing is cut at a column's edge.
            for band in 0..<2 {
                func base(_ f: UnsafeMutablePointer<lxw_format>) {
                    format_set_font_size(f, Worklist.Sheet.fontSize)
                    format_set_text_wrap(f)
                    format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
                    format_set_border_color(f, 0x808080)
                    format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
                    if band == 1 {
                        format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
                        format_set_bg_color(f, 0xDDEBF7)
                    }
                }
                text.append(try book.addFormat { f in base(f); format_set_num_format(f, "@") })
                centered.append(try book.addFormat { f in
                    base(f)
                    format_set_num_format(f, "@")
                    format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
                })
                date.append(try book.addFormat { f in
                    base(f)
                    format_set_num_format(f, "yyyy-mm-dd")
                    format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
                })
                notApplicable.append(try book.addFormat { f in
                    base(f)
                    format_set_num_format(f, "@")
                    format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
                    format_set_font_color(f, 0x808080)
                })
            }
        }
    }

    /// Writes a header row and `rows` (each with its household, for the band) and sets the sheet up for print; each
    /// row as tall as its wrapped cells (`Worklist.RowHeights`). Returns how many rows it wrote below the header.
    ///
    /// A cell too long for the tallest row a spreadsheet prints (an address of a thousand characters) goes on in
    /// the same column of the rows after it, marked `（续上行）`, so it is printed whole rather than cut.
    @discardableResult
    private func writeSheet(_ ws: UnsafeMutablePointer<lxw_worksheet>, columns: [Worklist.Column], rows logical: [(household: Int, cells: [Worklist.Cell])],
                            formats: Formats, book: XLSXWorkbook) throws -> Int {
        let heights = Worklist.RowHeights(fontSize: Worklist.Sheet.fontSize)
        var rows: [(household: Int, cells: [Worklist.Cell])] = []
        rows.reserveCapacity(logical.count)
        let statusColumn = columns.firstIndex { $0.header == "状态" }
        for row in logical {
            let split = zip(row.cells, columns).map { cell, column -> [Worklist.Cell] in
                guard case let .text(text) = cell else { return [cell] }
                return heights.pieces(text, width: column.width).map(Worklist.Cell.text)
            }
            let count = split.map(\.count).max() ?? 1
            for k in 0..<count {
                var cells = split.map { k < $0.count ? $0[k] : .blank }
                if k > 0, let statusColumn, split[statusColumn].count == 1 { cells[statusColumn] = .text("（续上行）") }
                rows.append((row.household, cells))
            }
        }
        for (c, column) in columns.enumerated() {
            try book.check(worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), column.width, nil), "worksheet_set_column")
        }
        try book.check(worksheet_set_row(ws, 0, 28, nil), "worksheet_set_row")
        for (c, column) in columns.enumerated() {
            try book.check(worksheet_write_string(ws, 0, lxw_col_t(c), column.header, formats.header), "worksheet_write_string (header)")
        }
        for (r, row) in rows.enumerated() {
            let band = row.household % 2
            let rowIndex = lxw_row_t(r + 1)
            try book.check(worksheet_set_row(ws, rowIndex, heights.height(row.cells, columns: columns), nil), "worksheet_set_row")
            for (c, cell) in row.cells.enumerated() {
                let col = lxw_col_t(c)
                let text = columns[c].centered ? formats.centered[band] : formats.text[band]
                switch cell {
                case let .text(s):
                    if s.isEmpty {
                        try book.check(worksheet_write_blank(ws, rowIndex, col, text), "worksheet_write_blank")
                    } else {
                        try book.check(worksheet_write_string(ws, rowIndex, col, s, text), "worksheet_write_string")
                    }
                case let .date(day):
                    let parts = day.components
                    var value = lxw_datetime(year: Int32(parts.year), month: Int32(parts.month), day: Int32(parts.day),
                                             hour: 0, min: 0, sec: 0)
                    try book.check(worksheet_write_datetime(ws, rowIndex, col, &value, formats.date[band]), "worksheet_write_datetime")
                case .blank:
                    let format = columns[c].kind == .date ? formats.date[band] : text
                    try book.check(worksheet_write_blank(ws, rowIndex, col, format), "worksheet_write_blank")
                case .notApplicable:
                    try book.check(worksheet_write_string(ws, rowIndex, col, "/", formats.notApplicable[band]), "worksheet_write_string")
                }
            }
        }

        let lastColumn = lxw_col_t(columns.count - 1)
        worksheet_freeze_panes(ws, 1, 0)
        try book.check(worksheet_autofilter(ws, 0, 0, lxw_row_t(rows.count), lastColumn), "worksheet_autofilter")
        worksheet_set_landscape(ws)
        worksheet_set_paper(ws, 9) // A4
        worksheet_set_margins(ws, 0.25, 0.25, 0.6, 0.5)
        worksheet_center_horizontally(ws)
        worksheet_fit_to_pages(ws, 1, 0)
        try book.check(worksheet_repeat_rows(ws, 0, 0), "worksheet_repeat_rows")
        return rows.count
    }

    /// Makes text safe for an Excel header: `&` starts a control code, and the whole header must fit 255 characters.
    static func headerText(_ text: String) -> String {
        String(text.prefix(120)).replacingOccurrences(of: "&", with: "&&")
    }
}

extension XLSXWorkbook {
    /// A drop-down list of `values` on the cells of `column` in `rows` (SPEC 8's `送达结果`); other text is refused.
    func addDropDown(_ ws: UnsafeMutablePointer<lxw_worksheet>, column: Int, rows: ClosedRange<Int>, values: [String]) throws {
        // libxlsxwriter builds the list's formula during the call: the C strings need live only until it returns.
        var cStrings = values.map { strdup($0) }
        defer { for p in cStrings { free(p) } }
        cStrings.append(nil)
        let code = cStrings.withUnsafeMutableBufferPointer { list -> lxw_error in
            var validation = lxw_data_validation()
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            validation.value_list = list.baseAddress
            return worksheet_data_validation_range(ws, lxw_row_t(rows.lowerBound), lxw_col_t(column),
                                                   lxw_row_t(rows.upperBound), lxw_col_t(column), &validation)
        }
        try check(code, "worksheet_data_validation_range")
    }
}
