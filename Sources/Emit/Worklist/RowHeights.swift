import CPangoCairo

extension Worklist {
    /// Row heights for the XLSX, from the number of lines each cell wraps to.
    ///
    /// Excel and WPS size rows to wrapped text only when a cell is edited, and LibreOffice keeps a file's heights:
    /// a row without one prints one line high and cuts the rest. So every height is set. Lines are counted as the
    /// spreadsheets break them: between CJK characters, after spaces and hyphens, inside a word only when it is
    /// longer than a line; widths are Carlito's (Calibri's metrics, the workbook's font) for ASCII and one em for
    /// the rest, in a column a little narrower than the spreadsheet's, so a row comes out a line too tall sooner
    /// than a line too short. Counting takes no text layout: a province's worklists have a million cells.
    struct RowHeights {
        let fontSize: Double

        /// Points per line of 10-point text as the three spreadsheets space it, and the row's padding.
        static let lineHeight = 13.5
        static let padding = 3.0
        /// The most lines a row holds: Excel's tallest row is 409 points, and a row must fit a landscape page.
        static let maxLines = Int((409 - padding) / lineHeight)

        /// Widths of the printable ASCII characters in ems, measured once in Carlito (wider fallbacks where it is
        /// missing, which only makes rows taller).
        static let asciiWidths: [Double] = {
            let engine = TextEngine()
            let box = TextBox(engine, font: "Carlito 100")
            return (0x20...0x7E).map { code in
                box.set(String(Unicode.Scalar(UInt8(code))))
                return box.size.width / 100
            }
        }()

        init(fontSize: Double) {
            self.fontSize = fontSize
        }

        /// The text width of a column `width` characters wide: Excel's 7 pixels a character (libxlsxwriter stores
        /// `width + 0.71`) at 96 dpi, less the cell's margins, less 5% for the spreadsheets' own rules (punctuation
        /// kept off a line's start).
        static func textWidth(_ width: Double) -> Double {
            ((width + 0.71) * 7 - 5) * 0.75 * 0.95
        }

        /// The width of one character in points.
        func width(_ scalar: Unicode.Scalar) -> Double {
            let v = scalar.value
            if v >= 0x20 && v <= 0x7E { return RowHeights.asciiWidths[Int(v - 0x20)] * fontSize }
            return fontSize
        }

        /// How many lines `text` takes in a column `width` characters wide.
        func lines(_ text: String, width: Double) -> Int {
            let available = RowHeights.textWidth(width)
            var lines = 1, x = 0.0
            var word: [Unicode.Scalar] = []
            func place(_ scalars: [Unicode.Scalar]) {
                let w = scalars.reduce(0) { $0 + self.width($1) }
                if x + w <= available { x += w; return }
                if w <= available { lines += 1; x = w; return }
                // A word longer than a line is broken between its characters.
                for s in scalars {
                    let cw = self.width(s)
                    if x + cw > available, x > 0 { lines += 1; x = 0 }
                    x += cw
                }
            }
            for scalar in text.unicodeScalars {
                if scalar == "\n" {
                    place(word)
                    word.removeAll()
                    lines += 1
                    x = 0
                } else if scalar.value < 0x80 {
                    word.append(scalar)
                    // A line may break after a space, a hyphen or a slash.
                    if scalar == " " || scalar == "-" || scalar == "/" { place(word); word.removeAll() }
                } else {
                    // A line may break before and after a CJK character.
                    place(word)
                    word.removeAll()
                    place([scalar])
                }
            }
            place(word)
            return lines
        }

        /// `text` cut into pieces of at most `maxLines` lines in a column `width` characters wide (whole characters,
        /// as counted by `lines`).
        func pieces(_ text: String, width: Double) -> [String] {
            guard lines(text, width: width) > RowHeights.maxLines else { return [text] }
            var pieces: [String] = []
            var current = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                current.append(scalar)
                if lines(String(current), width: width) > RowHeights.maxLines {
                    current.removeLast()
                    pieces.append(String(current))
                    current = String.UnicodeScalarView([scalar])
                }
            }
            pieces.append(String(current))
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
