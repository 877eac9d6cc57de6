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

    /// A release or rescission template's text: its `# ` title, its `> ` receipt statement and its paragraphs.
    static func sections(_ text: String) -> (title: String, receipt: String, blocks: [Block]) {
        var title = "", receipt = "", body: [Substring] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = trimmed(raw)
            if line.hasPrefix("# ") { title = trimmed(line.dropFirst(2)) } else if line.hasPrefix("> ") { receipt = trimmed(line.dropFirst(2)) } else { body.append(raw) }
        }
        return (title, receipt, blocks(body.joined(separator: "\n")))
    }

    /// Drops spaces, tabs and U+3000 at both ends (Foundation's trimming is slow in a per-page loop).
    static func trimmed(_ text: Substring) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0.isNewline }
        guard let first = text.firstIndex(where: { !blank($0) }), let last = text.lastIndex(where: { !blank($0) }) else { return "" }
        return String(text[first...last])
    }

    /// Everything one paper prints, whatever its kind: what the header, the particulars, the body and the receipt say.
    struct Sheet {
        /// The number at the top, in the QR code and on the receipt.
        var serial: String
        var serialLabel: String
        /// A small line under the number (the serial an amended notice replaces).
        var note: String?
        var title: String
        /// The particulars table: rows of (label, value) pairs, one or two per row.
        var rows: [[(String, String)]]
        var blocks: [Block]
        var contactLines: [String]
        var receiptLabel: String
        var receiptStatement: String
        var name: String
        var maskedID: String
    }

    /// Draws one paper on as many sheets as it needs (one, unless its text does not fit at the smallest type); returns
    /// how many sheets it took.
    func drawPaper(_ paper: Paper, batch: NoticeBatch, batchFields: [String: Any], on canvas: Canvas) throws -> Int {
        let contact = settings.contacts.contact(community: batch.community, gridID: paper.assignment.gridID)
        let sheet: Sheet
        switch paper {
        case let .notice(notice):
            let fields = noticeFields(notice, batchFields: batchFields, contact: contact)
            sheet = Sheet(
                serial: notice.serial, serialLabel: "编号：", note: notice.supersedes.map { "替代原编号 \($0)" },
                title: NoticeDocumentWriter.trimmed(settings.templates.title.render(fields)[...]),
                rows: particulars(notice.person, name: notice.name, phone: notice.phone, assignment: notice.assignment, fields: fields),
                blocks: NoticeDocumentWriter.blocks(settings.templates.notice.render(fields)),
                contactLines: contactText(notice.assignment, contact: contact), receiptLabel: "通知书编号：",
                receiptStatement: NoticeDocumentWriter.trimmed(settings.templates.receipt.render(fields)[...]),
                name: notice.name, maskedID: notice.person.masked)
        case let .release(release):
            let n = release.ended
            let fields = releaseFields(release, batch: batch, batchFields: batchFields, contact: contact)
            let text = NoticeDocumentWriter.sections(settings.templates.release.render(fields))
            sheet = Sheet(
                serial: release.releaseSerial ?? n.serial, serialLabel: "编号：", note: release.lastPrinted.map { "解除原编号 \($0)" },
                title: text.title, rows: particulars(n.person, name: n.name, phone: n.phone, assignment: n.assignment, fields: fields),
                blocks: text.blocks, contactLines: contactText(n.assignment, contact: contact), receiptLabel: "告知书编号：",
                receiptStatement: text.receipt, name: n.name, maskedID: n.person.masked)
        case let .rescission(r):
            let fields = rescissionFields(r, batchFields: batchFields, contact: contact)
            let text = NoticeDocumentWriter.sections(settings.templates.rescission.render(fields))
            sheet = Sheet(
                serial: r.serial, serialLabel: "原通知书编号：", note: nil, title: text.title,
                rows: particulars(r.person, name: r.name, phone: r.phone, assignment: r.assignment, fields: fields),
                blocks: text.blocks, contactLines: contactText(r.assignment, contact: contact), receiptLabel: "原通知书编号：",
                receiptStatement: text.receipt, name: r.name, maskedID: r.person.masked)
        }
        return try drawSheet(sheet, batch: batch, on: canvas)
    }

    func particulars(_ person: PersonKey, name: String, phone: String, assignment: Assignment, fields: [String: Any]) -> [[(String, String)]] {
        [
            [("姓　　名", name), ("性　　别", fields["sex"] as? String ?? "")],
            [("证件号码", person.masked), ("联系电话", phone)],
            [("居住地址", assignment.address)],
            [("所属社区", assignment.communityName), ("所在网格", assignment.gridID)],
        ]
    }

    /// Type sizes a sheet's text is tried at, largest first: the body shrinks first, then the particulars; below
    /// the last the paper continues on a second sheet instead.
    static let bodySizes: [Double] = stride(from: 13.0, through: 9.0, by: -0.5).map { $0 }
    static let tableSizes: [Double] = [11.5, 10.5, 9.5, 9]
    /// Where the particulars table starts, and where the signature above the receipt begins.
    static let tableTop = 146.0
    static var signatureTop: Double { Page.cutY - 78 }

    func drawSheet(_ sheet: Sheet, batch: NoticeBatch, on canvas: Canvas) throws -> Int {
        guard let qr = QRCode(sheet.serial) else { throw PDFRenderError.qrCode(serial: sheet.serial) }
        let code = qr.stamp(size: 72)
        drawHeader(sheet, code: code, canvas: canvas)

        // The largest type at which the whole paper fits above the signature.
        var fit: (table: Double, body: Double)?
        search: for table in NoticeDocumentWriter.tableSizes {
            let tableHeight = measureTable(sheet.rows, size: table)
            for body in NoticeDocumentWriter.bodySizes where table == NoticeDocumentWriter.tableSizes[0] || body == NoticeDocumentWriter.bodySizes.last {
                let height = measure(sheet.blocks, size: body) + 14 + Double(sheet.contactLines.count) * (body + 9)
                if NoticeDocumentWriter.tableTop + tableHeight + 16 + height <= NoticeDocumentWriter.signatureTop {
                    fit = (table, body)
                    break search
                }
            }
        }
        guard let fit else { return try drawContinued(sheet, batch: batch, code: code, canvas: canvas) }

        var y = drawTable(sheet.rows, size: fit.table, y: NoticeDocumentWriter.tableTop, canvas: canvas)
        y += 16
        y = drawBlocks(sheet.blocks, size: fit.body, y: y, canvas: canvas)
        y += 8
        paragraph.setFont(engine.body(fit.body))
        paragraph.setWidth(Page.contentWidth)
        pango_layout_set_indent(paragraph.layout, 0)
        for line in sheet.contactLines {
            paragraph.set(line)
            drawRepeating(paragraph, key: "\(fit.body)|contact|\(line)", x: Page.left, y: y, canvas: canvas)
            y += paragraph.height + 2
        }
        drawSignature(batch, canvas: canvas)
        try drawReceipt(sheet, code: code, canvas: canvas)
        try canvas.endPage()
        return 1
    }

    /// The serial, its QR code, the note under it and the title.
    func drawHeader(_ sheet: Sheet, code: Stamp, canvas: Canvas) {
        let R = Page.right
        cairo_set_source_rgb(canvas.cr, 0, 0, 0)
        // The serial and its QR code, so a returned paper can be scanned back to the register.
        code.draw(canvas, x: R - 66, y: 30, width: 66)
        let serialLabel = label(sheet.serialLabel, "\(Fonts.body) 10")
        value.setFont("\(Fonts.body) 10")
        value.setWidth(-1)
        value.set(sheet.serial)
        let serialX = R - 70 - value.size.width
        value.draw(canvas, x: serialX, y: 44)
        serialLabel.draw(canvas, x: serialX - serialLabel.size.width, y: 44)
        if let note = sheet.note {
            small.set(note)
            small.draw(canvas, x: R - 70 - small.size.width, y: 60)
        }
        heading.setWidth(Page.contentWidth)
        heading.set(sheet.title)
        drawRepeating(heading, key: "title|\(sheet.title)", x: Page.left, y: 100, canvas: canvas)
    }

    /// The particulars table's height at a type size.
    func measureTable(_ rows: [[(String, String)]], size: Double) -> Double {
        let labelW = 70.0, half = Page.contentWidth / 2
        value.setFont("\(Fonts.body) \(size)")
        var height = 0.0
        for row in rows {
            value.setWidth((row.count == 1 ? Page.contentWidth : half) - labelW - 12)
            var rowH = 24.0
            for (_, text) in row { value.set(text); rowH = max(rowH, value.height + 10) }
            height += rowH
        }
        value.setWidth(-1)
        return height
    }

    /// Draws the particulars table from `y`; returns where it ends.
    func drawTable(_ rows: [[(String, String)]], size: Double, y top: Double, canvas: Canvas) -> Double {
        let cr = canvas.cr
        let L = Page.left, R = Page.right
        let labelW = 70.0, half = Page.contentWidth / 2
        value.setFont("\(Fonts.body) \(size)")
        var y = top
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
        canvas.rectangle(L, top, Page.contentWidth, y - top, width: 0.9)
        value.setWidth(-1)
        return y
    }

    /// Issuer and date, right-aligned above the cut line.
    func drawSignature(_ batch: NoticeBatch, canvas: Canvas) {
        let R = Page.right, top = NoticeDocumentWriter.signatureTop
        let authority = label(settings.wording.authorityText, "\(Fonts.body) 12.5")
        authority.draw(canvas, x: R - 24 - authority.size.width, y: top + 14)
        let date = label(batch.asOf.chinese, "\(Fonts.body) 12.5")
        date.draw(canvas, x: R - 24 - max(authority.width, date.width) / 2 - date.width / 2, y: top + 38)
    }

    /// A paper too long for one sheet at the smallest type, set as a printer would: the particulars and the body
    /// flow at the smallest sizes over as many sheets as they need, each paragraph cut between lines, and the
    /// signature and receipt close the last sheet. Nothing is drawn below the cut line except the receipt.
    func drawContinued(_ sheet: Sheet, batch: NoticeBatch, code: Stamp, canvas: Canvas) throws -> Int {
        let tableSize = NoticeDocumentWriter.tableSizes.last ?? 9, bodySize = NoticeDocumentWriter.bodySizes.last ?? 9
        // The particulars as paragraphs (`label：value`), which can be cut between lines like the body.
        var pieces: [(text: String, size: Double, indent: Double, hang: Bool, gap: Double)] = []
        for row in sheet.rows {
            for (name, text) in row {
                pieces.append(("\(name.replacingOccurrences(of: "　", with: ""))：\(text)", tableSize, 0, true, 2))
            }
        }
        if let last = pieces.indices.last { pieces[last].gap = 14 }
        for block in sheet.blocks {
            switch block {
            case let .flush(text): pieces.append((text, bodySize, 0, false, 4))
            case let .indented(text): pieces.append((text, bodySize, 2 * bodySize, false, 4))
            case let .item(text): pieces.append(("· " + text, bodySize, 0, true, 4))
            }
        }
        for line in sheet.contactLines { pieces.append((line, bodySize, 0, false, 2)) }

        let pageBottom = Page.height - 56, continuedTop = 76.0
        /// Lays the pieces out from the table's top; draws them when `canvas` is given. Returns the sheets used and
        /// where the last one's text ends.
        func flow(drawingOn canvas: Canvas?, sheets total: Int) throws -> (sheets: Int, y: Double) {
            var sheets = 1, y = NoticeDocumentWriter.tableTop
            func nextSheet() throws {
                if let canvas {
                    pageMark(sheets, of: total, canvas: canvas)
                    try canvas.endPage()
                    small.set("\(sheet.serialLabel)\(sheet.serial)（续页）")
                    small.draw(canvas, x: Page.right - small.size.width, y: 40)
                }
                sheets += 1
                y = continuedTop
            }
            for piece in pieces {
                paragraph.setFont(engine.body(piece.size))
                paragraph.setWidth(Page.contentWidth)
                // A label's value hangs under itself, clear of the label.
                let indent = piece.hang ? -4 * piece.size : piece.indent
                pango_layout_set_indent(paragraph.layout, Int32(indent * Double(PANGO_SCALE)))
                paragraph.set(piece.text)
                let lines = paragraph.lineExtents()
                var i = 0
                while i < lines.count {
                    var j = i
                    while j < lines.count, y + lines[j].bottom - lines[i].top <= pageBottom { j += 1 }
                    if j == i {
                        // Not one more line fits: the rest goes on the next sheet (a fresh sheet always takes one).
                        if y > continuedTop { try nextSheet(); continue }
                        j = i + 1
                    }
                    if let canvas {
                        cairo_set_source_rgb(canvas.cr, 0, 0, 0)
                        paragraph.drawLines(i..<j, of: lines, canvas: canvas, x: Page.left, y: y)
                    }
                    y += lines[j - 1].bottom - lines[i].top
                    i = j
                    if i < lines.count { try nextSheet() }
                }
                y += piece.gap
            }
            // The signature and receipt need the bottom of a sheet to themselves.
            if y > NoticeDocumentWriter.signatureTop - 8 { try nextSheet() }
            return (sheets, y)
        }
        let planned = try flow(drawingOn: nil, sheets: 0)
        _ = try flow(drawingOn: canvas, sheets: planned.sheets)
        pango_layout_set_indent(paragraph.layout, 0)
        drawSignature(batch, canvas: canvas)
        try drawReceipt(sheet, code: code, canvas: canvas)
        pageMark(planned.sheets, of: planned.sheets, canvas: canvas, aboveReceipt: true)
        try canvas.endPage()
        return planned.sheets
    }

    /// "第 i 页，共 n 页" for a paper of several sheets: at the foot of a sheet, or above the cut line on the last.
    func pageMark(_ sheet: Int, of total: Int, canvas: Canvas, aboveReceipt: Bool = false) {
        small.set("第 \(sheet) 页，共 \(total) 页")
        small.draw(canvas, x: (Page.width - small.size.width) / 2, y: aboveReceipt ? Page.cutY - 22 : Page.height - 36)
    }

    /// The community, grid worker and hotline lines; a missing worker leaves a line to write on.
    func contactText(_ assignment: Assignment, contact: GridContact?) -> [String] {
        let blank = "__________"
        let worker = contact.map { $0.name.isEmpty ? blank : $0.name } ?? blank
        let phone = contact.map { $0.phone.isEmpty ? blank : $0.phone } ?? blank
        var lines = ["所属社区：\(assignment.communityName.isEmpty ? blank : assignment.communityName)　　网格员：\(worker)　　联系电话：\(phone)"]
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
