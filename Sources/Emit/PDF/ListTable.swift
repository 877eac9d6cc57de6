import CPangoCairo

extension NoticeDocumentWriter {
    struct Column {
        var title: String
        var width: Double
        var center: Bool = false
    }

    /// Part of a table row placed on one page: for each cell, the lines of its wrapped text drawn there.
    struct RowPiece {
        var row: Int
        var page: Int
        var y: Double
        var height: Double
        var lines: [Range<Int>]
    }

    /// Draws a table that flows over pages; `header` draws the top of each page and returns where the table starts.
    ///
    /// Every cell wraps (SPEC 7: serial, grid, name and address are printed whole, never cut or ellipsised) and a row is
    /// as tall as its tallest cell. A row that does not fit the rest of a page goes to the next; one taller than a
    /// whole page is cut between lines and continues there.
    func drawTable(columns: [Column], rows: [[String]], footerHeight: Double, pageTitle: String,
                   canvas: Canvas, header: (Int) -> Double, footer: (Double) -> Void) throws {
        let bottom = Page.height - 50, headerRow = 17.0, pad = 3.0, continuedTop = 86.0
        let cellLines = rows.map { row in
            zip(columns, row).map { column, text in prepareCell(text, column: column).lineExtents() }
        }
        // Plan the pages first, so each can say "page i of n".
        var pieces: [RowPiece] = []
        var page = 0
        var y = headerHeight(for: header) + headerRow
        var pageTop = y
        func newPage() {
            page += 1
            y = continuedTop + headerRow
            pageTop = y
        }
        for (r, cells) in cellLines.enumerated() {
            var next = [Int](repeating: 0, count: cells.count)
            func remaining(_ c: Int) -> Double {
                let lines = cells[c]
                guard next[c] < lines.count else { return 0 }
                return lines[lines.count - 1].bottom - lines[next[c]].top
            }
            while true {
                let rest = cells.indices.map(remaining).max() ?? 0
                if y + rest + 2 * pad <= bottom {
                    pieces.append(RowPiece(row: r, page: page, y: y, height: max(headerRow, rest + 2 * pad),
                                           lines: cells.indices.map { next[$0]..<cells[$0].count }))
                    y += max(headerRow, rest + 2 * pad)
                    break
                }
                // A row that fits a fresh page is not cut; a taller one is, starting here if a few lines fit.
                if y > pageTop, rest + 2 * pad <= bottom - continuedTop - headerRow || bottom - y < 40 {
                    newPage()
                    continue
                }
                let room = bottom - y - 2 * pad
                var ranges: [Range<Int>] = []
                var height = 0.0
                for c in cells.indices {
                    let lines = cells[c]
                    var end = next[c]
                    while end < lines.count, lines[end].bottom - lines[next[c]].top <= room { end += 1 }
                    // A fresh page always takes one line of each cell, however small the room.
                    if end == next[c], next[c] < lines.count, y == pageTop { end += 1 }
                    ranges.append(next[c]..<end)
                    if end > next[c] { height = max(height, lines[end - 1].bottom - lines[next[c]].top) }
                    next[c] = end
                }
                pieces.append(RowPiece(row: r, page: page, y: y, height: height + 2 * pad, lines: ranges))
                newPage()
            }
        }
        let footerOnNewPage = y + 18 + footerHeight > bottom
        let pages = page + 1
        let total = pages + (footerOnNewPage ? 1 : 0)

        var k = 0
        for index in 0..<pages {
            var top: Double
            if index == 0 {
                top = header(0)
            } else {
                let cont = label("\(pageTitle)（续）", "\(Fonts.heading) 14")
                cont.draw(canvas, x: (Page.width - cont.size.width) / 2, y: 48)
                top = continuedTop
            }
            drawHeaderRow(columns, y: top, height: headerRow, canvas: canvas)
            var end = top + headerRow
            while k < pieces.count, pieces[k].page == index {
                drawPiece(pieces[k], cells: rows[pieces[k].row], lines: cellLines[pieces[k].row], columns: columns, canvas: canvas)
                end = pieces[k].y + pieces[k].height
                k += 1
            }
            drawColumnLines(columns, from: top, to: end, canvas: canvas)
            pageNumber(index + 1, of: total, canvas: canvas)
            if index == pages - 1, !footerOnNewPage { footer(end + 18) }
            try canvas.endPage()
        }
        if footerOnNewPage {
            let cont = label("\(pageTitle)（续）", "\(Fonts.heading) 14")
            cont.draw(canvas, x: (Page.width - cont.size.width) / 2, y: 48)
            footer(96)
            pageNumber(total, of: total, canvas: canvas)
            try canvas.endPage()
        }
    }

    /// Where the table starts on a first page, found by drawing nothing: headers report it without drawing when asked with -1.
    func headerHeight(for header: (Int) -> Double) -> Double { header(-1) }

    /// Sets the shared cell box for a column's text: 9 points, wrapped to the column, centred where the column is.
    @discardableResult
    func prepareCell(_ text: String, column: Column) -> TextBox {
        cell.setWidth(column.width - 6)
        pango_layout_set_alignment(cell.layout, column.center ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT)
        cell.set(NoticeDocumentWriter.oneLine(text))
        return cell
    }

    /// The width a column needs to hold each of `texts` on one line at the cell's size, within `limits`.
    func fittingWidth(_ texts: [String], title: String, limits: ClosedRange<Double>) -> Double {
        cell.setWidth(-1)
        var widest = label(title, "\(Fonts.heading) 9").width
        for text in texts {
            cell.set(NoticeDocumentWriter.oneLine(text))
            widest = max(widest, cell.size.width)
        }
        return min(max(widest + 7, limits.lowerBound), limits.upperBound)
    }

    func drawHeaderRow(_ columns: [Column], y: Double, height: Double, canvas: Canvas) {
        let cr = canvas.cr
        cairo_set_source_rgb(cr, 0.9, 0.9, 0.9)
        cairo_rectangle(cr, Page.left, y, Page.contentWidth, height)
        cairo_fill(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
        var x = Page.left
        for column in columns {
            let box = label(column.title, "\(Fonts.heading) 9")
            box.draw(canvas, x: column.center ? x + (column.width - box.width) / 2 : x + 3, y: y + (height - box.height) / 2)
            x += column.width
        }
        cairo_set_line_width(cr, 0.4)
        cairo_move_to(cr, Page.left, y)
        cairo_line_to(cr, Page.right, y)
        cairo_move_to(cr, Page.left, y + height)
        cairo_line_to(cr, Page.right, y + height)
        cairo_stroke(cr)
    }

    func drawPiece(_ piece: RowPiece, cells: [String], lines: [[LineExtent]], columns: [Column], canvas: Canvas) {
        let cr = canvas.cr
        cairo_set_source_rgb(cr, 0, 0, 0)
        var x = Page.left
        for (c, column) in columns.enumerated() {
            if !piece.lines[c].isEmpty {
                prepareCell(cells[c], column: column).drawLines(piece.lines[c], of: lines[c], canvas: canvas, x: x + 3, y: piece.y + 3)
            }
            x += column.width
        }
        cairo_set_line_width(cr, 0.4)
        cairo_move_to(cr, Page.left, piece.y + piece.height)
        cairo_line_to(cr, Page.right, piece.y + piece.height)
        cairo_stroke(cr)
    }

    /// Thin lines between columns, so a wrapped cell reads as one.
    func drawColumnLines(_ columns: [Column], from top: Double, to bottom: Double, canvas: Canvas) {
        let cr = canvas.cr
        cairo_set_source_rgb(cr, 0.6, 0.6, 0.6)
        cairo_set_line_width(cr, 0.3)
        var x = Page.left
        for column in columns {
            cairo_move_to(cr, x, top)
            cairo_line_to(cr, x, bottom)
            x += column.width
        }
        cairo_move_to(cr, Page.right, top)
        cairo_line_to(cr, Page.right, bottom)
        cairo_stroke(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
    }

    func pageNumber(_ page: Int, of total: Int, canvas: Canvas) {
        small.set("第 \(page) 页，共 \(total) 页")
        small.draw(canvas, x: (Page.width - small.size.width) / 2, y: Page.height - 36)
    }
}
