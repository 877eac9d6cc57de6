import CPangoCairo
import RiskModel

extension NoticeDocumentWriter {
    func drawReceipt(_ notice: Notice, fields: [String: Any], code: Stamp, canvas: Canvas) throws {
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
        value.setFont(font)
        for (name, text) in [("通知书编号：", notice.serial), ("姓　　名：", notice.name), ("证件号码：", notice.person.masked)] {
            let lbl = label(name, font)
            lbl.draw(canvas, x: L, y: y)
            value.set(text)
            value.draw(canvas, x: L + lbl.size.width, y: y)
            y += 19
        }
        let statement = NoticeDocumentWriter.trimmed(settings.templates.receipt.render(fields)[...])
        paragraph.setFont(font)
        paragraph.setWidth(R - L - 84)
        pango_layout_set_indent(paragraph.layout, Int32(2 * 11.5 * Double(PANGO_SCALE)))
        paragraph.set(statement)
        paragraph.draw(canvas, x: L, y: y + 2)
        y += paragraph.height + 14
        let sign = label("签收人（签字）：________________　　与本人关系：__________　　签收日期：________年____月____日", "\(Fonts.body) 10.5")
        sign.draw(canvas, x: L, y: max(y, Page.height - 58))
    }
}
