import CPangoCairo
import RiskModel

extension NoticeDocumentWriter {
    /// The tear-off receipt below the cut line: the paper's number and QR code, whom it was for, and a line to sign.
    ///
    /// Its room is fixed, so what a person wrote into the feeds cannot push it off the sheet: the name is set on one
    /// line with line breaks as spaces, shrunk to fit two lines, and cut with an ellipsis only beyond that (the
    /// paper above carries the name whole).
    func drawReceipt(_ sheet: Sheet, code: Stamp, canvas: Canvas) throws {
        let cr = canvas.cr
        let L = Page.left, R = Page.right, top = Page.cutY
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.35)
        canvas.dashed(20, top, Page.width - 20)
        let cut = label("沿此虚线剪下，签收回执交回社区", "\(Fonts.body) 8")
        let cw = cut.size.width
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_rectangle(cr, (Page.width - cw) / 2 - 6, top - 6, cw + 12, 12)
        cairo_fill(cr)
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.35)
        cut.draw(canvas, x: (Page.width - cw) / 2, y: top - cut.size.height / 2)
        cairo_set_source_rgb(cr, 0, 0, 0)

        let title = label("签 收 回 执", "\(Fonts.heading) 15")
        title.draw(canvas, x: (Page.width - title.size.width) / 2, y: top + 14)
        code.draw(canvas, x: R - 72, y: top + 40)

        var y = top + 46
        let font = "\(Fonts.body) 11.5"
        let width = R - L - 84
        for (name, text) in [(sheet.receiptLabel, sheet.serial), ("姓　　名：", NoticeDocumentWriter.oneLine(sheet.name)), ("证件号码：", sheet.maskedID)] {
            let lbl = label(name, font)
            lbl.draw(canvas, x: L, y: y)
            let box = receiptValue(text, width: width - lbl.size.width)
            box.draw(canvas, x: L + lbl.size.width, y: y)
            y += max(19, box.height + 4)
        }
        paragraph.setFont(font)
        paragraph.setWidth(width)
        pango_layout_set_indent(paragraph.layout, Int32(2 * 11.5 * Double(PANGO_SCALE)))
        paragraph.set(sheet.receiptStatement)
        paragraph.draw(canvas, x: L, y: y + 2)
        y += paragraph.height + 14
        let sign = label("签收人（签字）：________________　　与本人关系：__________　　签收日期：________年____月____日", "\(Fonts.body) 10.5")
        sign.draw(canvas, x: L, y: max(y, Page.height - 58))
    }

    /// A receipt value set in at most two lines: shrunk from 11.5 to 8 points, then cut with an ellipsis.
    func receiptValue(_ text: String, width: Double) -> TextBox {
        let box = receiptBox
        box.setWidth(width)
        pango_layout_set_ellipsize(box.layout, PANGO_ELLIPSIZE_NONE)
        for size in [11.5, 10.5, 9.5, 8.5, 8] {
            box.setFont(engine.body(size))
            box.set(text)
            if pango_layout_get_line_count(box.layout) <= 2 { return box }
        }
        // A negative height is a number of lines: ellipsized after the second.
        pango_layout_set_height(box.layout, -2)
        pango_layout_set_ellipsize(box.layout, PANGO_ELLIPSIZE_END)
        pango_layout_set_height(box.layout, -2)
        return box
    }

    /// Text for one field of a receipt or a list: line breaks and tabs become spaces.
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
        return String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
