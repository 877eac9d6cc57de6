import CPangoCairo

extension Worklist {
    /// Row heights for the XLSX, from the number of lines each cell wraps to.
    ///
    /// Excel and WPS size rows to wrapped text only when a cell is edited, and LibreOffice keeps a file's heights:
    /// a row without one prints one line high and cuts the rest. So every height is set, from Pango's line breaking
    /// in Carlito (Calibri's metrics, the workbook's font) with the CJK fonts after it, in a column a little narrower
    /// than the spreadsheet's: a row comes out a line too tall sooner than a line too short.
    final class RowHeights {
        let engine = TextEngine()
        let box: TextBox

        /// Points per line of 10-point text as the three spreadsheets space it, and the row's padding.
        static let lineHeight = 13.5
        static let padding = 3.0

        init(fontSize: Double) {
            box = TextBox(engine, font: "Carlito,AR PL UMing CN,HanaMinA,HanaMinB \(fontSize)")
        }

        /// The text width of a column `width` characters wide: Excel's 7 pixels a character (libxlsxwriter stores
        /// `width + 0.71`) at 96 dpi, less the cell's margins, and a little less again for LibreOffice's wrapping.
        static func textWidth(_ width: Double) -> Double {
            ((width + 0.71) * 7 - 5) * 0.75 * 0.97
        }

        /// How many lines `text` takes in a column `width` characters wide.
        func lines(_ text: String, width: Double) -> Int {
            guard !text.isEmpty else { return 1 }
            box.setWidth(RowHeights.textWidth(width))
            box.set(text)
            return Int(pango_layout_get_line_count(box.layout))
        }

        /// The height of a row of `cells` under `columns`, at least the spreadsheet's default.
        func height(_ cells: [Cell], columns: [Column]) -> Double {
            var lines = 1
            for (cell, column) in zip(cells, columns) {
                if case let .text(text) = cell { lines = max(lines, self.lines(text, width: column.width)) }
            }
            return max(15, Double(lines) * RowHeights.lineHeight + RowHeights.padding)
        }
    }
}
