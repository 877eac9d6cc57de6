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
            throw WorklistError.xlsx(file: path, step: "workbook_new_opt", reason: "out of memory or no temporary directory")
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
            guard let handle else { throw WorklistError.xlsx(file: path, step: "use", reason: "workbook already closed") }
            return handle
        }
    }

    func check(_ code: lxw_error, _ step: String) throws {
        guard code != LXW_NO_ERROR else { return }
        throw WorklistError.xlsx(file: path, step: step, reason: String(cString: lxw_strerror(code)))
    }

    func addWorksheet(_ name: String) throws -> UnsafeMutablePointer<lxw_worksheet> {
        guard let sheet = workbook_add_worksheet(try workbook, name) else {
            throw WorklistError.xlsx(file: path, step: "workbook_add_worksheet", reason: "invalid or duplicate sheet name '\(name)'")
        }
        return sheet
    }

    /// A new cell format, configured by `configure`.
    func addFormat(_ configure: (UnsafeMutablePointer<lxw_format>) -> Void) throws -> UnsafeMutablePointer<lxw_format> {
        guard let format = workbook_add_format(try workbook) else {
            throw WorklistError.xlsx(file: path, step: "workbook_add_format", reason: "out of memory")
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
    /// Writes the sheet as a print-ready XLSX: bold frozen header, auto-filter, A4 landscape one page
    /// wide with the header row on every page, households banded with a light fill.
    func writeXLSX(to url: URL) throws {
        // Midnight of the as-of day in Asia/Shanghai (UTC+8): a fixed creation time makes reruns byte-identical.
        let created = time_t(Int64(asOf.number) * 86_400 - 8 * 3_600)
        let book = try XLSXWorkbook(path: url.path, title: title, created: created)
        let ws = try book.addWorksheet("工作清单")

        let header = try book.addFormat { f in
            format_set_bold(f)
            format_set_text_wrap(f)
            format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, 0xD9D9D9)
            format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
        }
        // Two bands (plain, light blue) × three kinds of cell. Text cells use format `@` so that
        // ID numbers and phones stay text even when edited (Excel keeps only 15 digits of a number).
        var text: [UnsafeMutablePointer<lxw_format>] = []
        var date: [UnsafeMutablePointer<lxw_format>] = []
        var notApplicable: [UnsafeMutablePointer<lxw_format>] = []
        for band in 0..<2 {
            func base(_ f: UnsafeMutablePointer<lxw_format>) {
                format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
                format_set_border_color(f, 0x808080)
                format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
                if band == 1 {
                    format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
                    format_set_bg_color(f, 0xDDEBF7)
                }
            }
            text.append(try book.addFormat { f in base(f); format_set_num_format(f, "@") })
            date.append(try book.addFormat { f in base(f); format_set_num_format(f, "yyyy-mm-dd") })
            notApplicable.append(try book.addFormat { f in
                base(f)
                format_set_num_format(f, "@")
                format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
                format_set_font_color(f, 0x808080)
            })
        }

        for (c, column) in columns.enumerated() {
            try book.check(worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), column.width, nil), "worksheet_set_column")
        }
        try book.check(worksheet_set_row(ws, 0, 30, nil), "worksheet_set_row")
        for (c, column) in columns.enumerated() {
            try book.check(worksheet_write_string(ws, 0, lxw_col_t(c), column.header, header), "worksheet_write_string (header)")
        }
        for (r, row) in rows.enumerated() {
            let band = household[r] % 2
            let rowIndex = lxw_row_t(r + 1)
            for (c, cell) in row.enumerated() {
                let col = lxw_col_t(c)
                switch cell {
                case let .text(s):
                    if s.isEmpty {
                        try book.check(worksheet_write_blank(ws, rowIndex, col, text[band]), "worksheet_write_blank")
                    } else {
                        try book.check(worksheet_write_string(ws, rowIndex, col, s, text[band]), "worksheet_write_string")
                    }
                case let .date(day):
                    let parts = day.components
                    var value = lxw_datetime(year: Int32(parts.year), month: Int32(parts.month), day: Int32(parts.day),
                                             hour: 0, min: 0, sec: 0)
                    try book.check(worksheet_write_datetime(ws, rowIndex, col, &value, date[band]), "worksheet_write_datetime")
                case .blank:
                    try book.check(worksheet_write_blank(ws, rowIndex, col, text[band]), "worksheet_write_blank")
                case .notApplicable:
                    try book.check(worksheet_write_string(ws, rowIndex, col, "/", notApplicable[band]), "worksheet_write_string")
                }
            }
        }

        let lastColumn = lxw_col_t(columns.count - 1)
        worksheet_freeze_panes(ws, 1, 0)
        try book.check(worksheet_autofilter(ws, 0, 0, lxw_row_t(rows.count), lastColumn), "worksheet_autofilter")
        worksheet_set_landscape(ws)
        worksheet_set_paper(ws, 9) // A4
        worksheet_set_margins(ws, 0.4, 0.4, 0.7, 0.6)
        worksheet_fit_to_pages(ws, 1, 0)
        try book.check(worksheet_repeat_rows(ws, 0, 0), "worksheet_repeat_rows")
        try book.check(worksheet_set_header(ws, "&C&14\(Worklist.Sheet.headerText(title))"), "worksheet_set_header")
        try book.check(worksheet_set_footer(ws, "&L共 \(rows.count) 人&C第 &P 页，共 &N 页"), "worksheet_set_footer")
        try book.close()
    }

    /// Makes text safe for an Excel header: `&` starts a control code, and the whole header must fit 255 characters.
    static func headerText(_ text: String) -> String {
        String(text.prefix(120)).replacingOccurrences(of: "&", with: "&&")
    }
}
