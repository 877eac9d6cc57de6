import CPangoCairo
import Foundation
import Mustache
import RiskModel

extension NoticeDocumentWriter {
    /// One paragraph of a rendered `notice` template.
    enum Block {
        case flush(String)
        case indented(String)
        case item(String)

        /// Identifies the drawn text for stamp reuse (string interpolation of an enum would go through reflection).
        func key(size: Double, number: Int) -> String {
            switch self {
            case let .flush(text): return "f\(size)|" + text
            case let .indented(text): return "i\(size)|" + text
            case let .item(text): return "n\(size)|\(number)|" + text
            }
        }
    }

    static func blocks(_ text: String) -> [Block] {
        text.split(whereSeparator: \.isNewline).compactMap { raw in
            let line = trimmed(raw)
            if line.isEmpty { return nil }
            if line.hasPrefix("- ") { return .item(String(line.dropFirst(2))) }
            if line.hasPrefix("= ") { return .flush(String(line.dropFirst(2))) }
            return .indented(line)
        }
    }

    /// Drops spaces, tabs and U+3000 at both ends (Foundation's trimming is slow in a per-page loop).
    static func trimmed(_ text: Substring) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0.isNewline }
        guard let first = text.firstIndex(where: { !blank($0) }), let last = text.lastIndex(where: { !blank($0) }) else { return "" }
        return String(text[first...last])
    }

    func drawNotice(_ notice: Notice, batch: NoticeBatch, batchFields: [String: Any], on canvas: Canvas) throws {
        let contact = settings.contacts.contact(community: batch.community, gridID: notice.assignment.gridID)
        let fields = noticeFields(notice, batchFields: batchFields, contact: contact)
        let cr = canvas.cr
        let L = Page.left, R = Page.right
        cairo_set_source_rgb(cr, 0, 0, 0)

        // Header: serial and its QR code, so a returned notice can be scanned back to the register.
        guard let qr = QRCode(notice.serial) else { throw PDFRenderError.qrCode(serial: notice.serial) }
        let code = qr.stamp(size: 72)
        code.draw(canvas, x: R - 66, y: 30, width: 66)
        let serialLabel = label("编号：", "\(Fonts.body) 10")
        value.setFont("\(Fonts.body) 10")
        value.set(notice.serial)
        let serialX = R - 70 - value.size.width
        value.draw(canvas, x: serialX, y: 44)
        serialLabel.draw(canvas, x: serialX - serialLabel.size.width, y: 44)
        if let old = notice.supersedes {
            small.set("替代原编号 \(old)")
            small.draw(canvas, x: R - 70 - small.size.width, y: 60)
        }

        // Title.
        let titleText = NoticeDocumentWriter.trimmed(settings.templates.title.render(fields)[...])
        heading.setWidth(Page.contentWidth)
        heading.set(titleText)
        drawRepeating(heading, key: "title|\(titleText)", x: L, y: 100, canvas: canvas)

        // Particulars table.
        var y = 146.0
        let labelW = 70.0, half = Page.contentWidth / 2
        let rows: [[(String, String)]] = [
            [("姓　　名", notice.name), ("性　　别", fields["sex"] as? String ?? "")],
            [("证件号码", notice.person.masked), ("联系电话", notice.phone)],
            [("居住地址", notice.assignment.address)],
            [("所属社区", notice.assignment.communityName), ("所在网格", notice.assignment.gridID)],
        ]
        value.setFont("\(Fonts.body) 11.5")
        let tableTop = y
        for row in rows {
            let valueW = (row.count == 1 ? Page.contentWidth : half) - labelW - 12
            value.setWidth(valueW)
            var rowH = 24.0
            for (_, text) in row { value.set(text); rowH = max(rowH, value.height + 10) }
            cairo_set_source_rgb(cr, 0.93, 0.93, 0.93)
            cairo_rectangle(cr, L, y, labelW, rowH)
            if row.count == 2 { cairo_rectangle(cr, L + half, y, labelW, rowH) }
            cairo_fill(cr)
            cairo_set_source_rgb(cr, 0, 0, 0)
            for (i, (name, text)) in row.enumerated() {
                let x = L + Double(i) * half
                let lbl = label(name, "\(Fonts.heading) 10.5")
                lbl.draw(canvas, x: x + (labelW - lbl.size.width) / 2, y: y + (rowH - lbl.size.height) / 2)
                value.set(text)
                value.draw(canvas, x: x + labelW + 6, y: y + (rowH - value.height) / 2)
                canvas.line(x + labelW, y, x + labelW, y + rowH)
            }
            if row.count == 2 { canvas.line(L + half, y, L + half, y + rowH) }
            y += rowH
            canvas.line(L, y, R, y)
        }
        canvas.rectangle(L, tableTop, Page.contentWidth, y - tableTop, width: 0.9)
        value.setWidth(-1)

        // Body, shrunk when a district's wording would run into the signature.
        let blocks = NoticeDocumentWriter.blocks(settings.templates.notice.render(fields))
        let signatureTop = Page.cutY - 78
        let contactLines = contactText(notice, contact: contact)
        var size = 13.0
        var layoutHeight = 0.0
        while true {
            layoutHeight = measure(blocks, size: size) + 14 + Double(contactLines.count) * (size + 9)
            if y + 16 + layoutHeight <= signatureTop || size <= 9 { break }
            size -= 0.5
        }
        y += 16
        y = drawBlocks(blocks, size: size, y: y, canvas: canvas)
        y += 8
        paragraph.setFont(engine.body(size))
        paragraph.setWidth(Page.contentWidth)
        pango_layout_set_indent(paragraph.layout, 0)
        for line in contactLines {
            paragraph.set(line)
            drawRepeating(paragraph, key: "\(size)|contact|\(line)", x: L, y: y, canvas: canvas)
            y += paragraph.height + 2
        }

        // Issuer and date, right-aligned above the cut line.
        let authority = label(settings.wording.authorityText, "\(Fonts.body) 12.5")
        authority.draw(canvas, x: R - 24 - authority.size.width, y: signatureTop + 14)
        let date = label(batch.asOf.chinese, "\(Fonts.body) 12.5")
        date.draw(canvas, x: R - 24 - max(authority.width, date.width) / 2 - date.width / 2, y: signatureTop + 38)

        try drawReceipt(notice, fields: fields, code: code, canvas: canvas)
        try canvas.endPage()
    }

    /// The community, grid worker and hotline lines; a missing worker leaves a line to write on.
    func contactText(_ notice: Notice, contact: GridContact?) -> [String] {
        let blank = "__________"
        let worker = contact.map { $0.name.isEmpty ? blank : $0.name } ?? blank
        let phone = contact.map { $0.phone.isEmpty ? blank : $0.phone } ?? blank
        var lines = ["所属社区：\(notice.assignment.communityName.isEmpty ? blank : notice.assignment.communityName)　　网格员：\(worker)　　联系电话：\(phone)"]
        lines.append("防控咨询电话：\(settings.wording.hotlineText)")
        return lines
    }

    func measure(_ blocks: [Block], size: Double) -> Double {
        var h = 0.0
        for block in blocks {
            h += prepare(block, size: size, number: 1).height + 4
        }
        return h
    }

    /// Sets up the paragraph box for a block and returns the box and the x offset to draw at.
    func prepare(_ block: Block, size: Double, number: Int) -> (height: Double, x: Double, box: TextBox) {
        paragraph.setFont(engine.body(size))
        switch block {
        case let .flush(text):
            paragraph.setWidth(Page.contentWidth)
            pango_layout_set_indent(paragraph.layout, 0)
            paragraph.set(text)
            return (paragraph.height, 0, paragraph)
        case let .indented(text):
            paragraph.setWidth(Page.contentWidth)
            pango_layout_set_indent(paragraph.layout, Int32(2 * size * Double(PANGO_SCALE)))
            paragraph.set(text)
            return (paragraph.height, 0, paragraph)
        case let .item(text):
            // A negative indent hangs every line after the first, so wrapped text clears the number.
            let hang = 1.5 * size
            paragraph.setWidth(Page.contentWidth - 2 * size)
            pango_layout_set_indent(paragraph.layout, Int32(-hang * Double(PANGO_SCALE)))
            paragraph.set("\(number)．" + text)
            return (paragraph.height, 2 * size, paragraph)
        }
    }

    func drawBlocks(_ blocks: [Block], size: Double, y: Double, canvas: Canvas) -> Double {
        var y = y
        var number = 0
        for block in blocks {
            if case .item = block { number += 1 } else { number = 0 }
            let (height, x, box) = prepare(block, size: size, number: number)
            drawRepeating(box, key: block.key(size: size, number: number), x: Page.left + x, y: y, canvas: canvas)
            y += height + 4
        }
        return y
    }
}
