import CPangoCairo

extension NoticeDocumentWriter {
    struct Column {
        var title: String
        var width: Double
        var center: Bool = false
    }

    /// Draws a table that flows over pages; `header` draws the top of each page and returns where the table starts.
    func drawTable(columns: [Column], rows: [[String]], rowHeight: Double, footerHeight: Double, pageTitle: String,
                   canvas: Canvas, header: (Int) -> Double, footer: (Double) -> Void) throws {
        let bottom = Page.height - 50
        // Plan pages first so each can say "page i of n".
        var plan: [Range<Int>] = []
        var start = 0, pageIndex = 0
        repeat {
            let top = pageIndex == 0 ? headerHeight(for: header) : 86
            let fit = max(1, Int((bottom - top - rowHeight) / rowHeight))
            let end = min(rows.count, start + fit)
            plan.append(start..<end)
            start = end
            pageIndex += 1
        } while start < rows.count
        let lastTop = (plan.count == 1 ? headerHeight(for: header) : 86) + rowHeight * Double(plan[plan.count - 1].count + 1)
        let footerOnNewPage = lastTop + footerHeight > bottom
        let total = plan.count + (footerOnNewPage ? 1 : 0)

        for (index, range) in plan.enumerated() {
            var y: Double
            if index == 0 {
                y = header(0)
            } else {
                let cont = label("\(pageTitle)（续）", "\(Fonts.heading) 14")
                cont.draw(canvas, x: (Page.width - cont.size.width) / 2, y: 48)
                y = 86
            }
            y = drawRow(columns.map(\.title), columns: columns, y: y, height: rowHeight, header: true, canvas: canvas)
            for row in rows[range] {
                y = drawRow(row, columns: columns, y: y, height: rowHeight, header: false, canvas: canvas)
            }
            pageNumber(index + 1, of: total, canvas: canvas)
            if index == plan.count - 1, !footerOnNewPage { footer(y + 18) }
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

    func drawRow(_ cells: [String], columns: [Column], y: Double, height: Double, header: Bool, canvas: Canvas) -> Double {
        let cr = canvas.cr
        if header {
            cairo_set_source_rgb(cr, 0.9, 0.9, 0.9)
            cairo_rectangle(cr, Page.left, y, Page.contentWidth, height)
            cairo_fill(cr)
            cairo_set_source_rgb(cr, 0, 0, 0)
        }
        var x = Page.left
        for (column, text) in zip(columns, cells) {
            if header {
                let box = label(text, "\(Fonts.heading) 9")
                box.draw(canvas, x: column.center ? x + (column.width - box.width) / 2 : x + 3, y: y + (height - box.height) / 2)
            } else {
                cell.setWidth(column.width - 6)
                cell.set(text)
                let (w, h) = cell.size
                cell.draw(canvas, x: column.center ? x + (column.width - w) / 2 : x + 3, y: y + (height - h) / 2)
            }
            x += column.width
        }
        cairo_set_line_width(cr, 0.4)
        cairo_move_to(cr, Page.left, y + height)
        cairo_line_to(cr, Page.right, y + height)
        if header {
            cairo_move_to(cr, Page.left, y)
            cairo_line_to(cr, Page.right, y)
        }
        cairo_stroke(cr)
        return y + height
    }

    func pageNumber(_ page: Int, of total: Int, canvas: Canvas) {
        small.set("第 \(page) 页，共 \(total) 页")
        small.draw(canvas, x: (Page.width - small.size.width) / 2, y: Page.height - 36)
    }
}
