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

        /// The most lines a row holds: Excel's tallest row is 409 points, and a row must fit a landscape page.
        static let maxLines = Int((409 - padding) / lineHeight)

        /// The text width of a column `width` characters wide: Excel's 7 pixels a character (libxlsxwriter stores
        /// `width + 0.71`) at 96 dpi, less the cell's margins.
        static func textWidth(_ width: Double) -> Double {
            ((width + 0.71) * 7 - 5) * 0.75
        }

        /// How many lines `text` takes in a column `width` characters wide.
        func lines(_ text: String, width: Double) -> Int {
            guard !text.isEmpty else { return 1 }
            box.setWidth(RowHeights.textWidth(width))
            box.set(text)
            return Int(pango_layout_get_line_count(box.layout))
        }

        /// `text` cut between lines into pieces of at most `maxLines` lines in a column `width` characters wide.
        func pieces(_ text: String, width: Double) -> [String] {
            box.setWidth(RowHeights.textWidth(width))
            box.set(text)
            let count = Int(pango_layout_get_line_count(box.layout))
            guard count > RowHeights.maxLines else { return [text] }
            let bytes = Array(text.utf8)
            var pieces: [String] = []
            var start = 0
            for first in stride(from: RowHeights.maxLines, to: count, by: RowHeights.maxLines) {
                guard let line = pango_layout_get_line_readonly(box.layout, Int32(first)) else { break }
                let end = Int(line.pointee.start_index)
                pieces.append(String(decoding: bytes[start..<end], as: UTF8.self))
                start = end
            }
            pieces.append(String(decoding: bytes[start...], as: UTF8.self))
            return pieces
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
