import CPangoCairo
import Foundation
import Mustache
import RiskModel

/// What every batch of a run is rendered with: the wording, its templates and the grid workers.
public struct NoticeRenderSettings: Sendable {
    public var templates: NoticeTemplates
    public var wording: NoticeWording
    public var contacts: GridContacts

    public init(templates: NoticeTemplates, wording: NoticeWording, contacts: GridContacts = GridContacts()) {
        self.templates = templates
        self.wording = wording
        self.contacts = contacts
    }
}

/// One batch written to disk.
public struct RenderedBatch: Sendable, Hashable {
    public var community: RegionCode?
    public var file: URL
    public var pages: Int
    public var notices: Int
    /// Grids with notices but no contact: those notices carry a blank line to fill by hand.
    public var warnings: [GridContactWarning]
}

/// Print-ready PDF batches: a cover list, the rescinded notices, then one A4 notice per page with a tear-off receipt.
public enum NoticePDF {
    /// Renders one batch into `file`, writing beside it first and renaming, so a crash leaves no half file.
    public static func render(_ batch: NoticeBatch, to file: URL, settings: NoticeRenderSettings) throws -> RenderedBatch {
        try NoticeDocumentWriter(settings: settings).write(batch, to: file)
    }

    /// Renders every batch as `<folder>/<batch.fileName>`, spreading communities over `concurrency` threads.
    ///
    /// Each thread keeps its own Pango font map and layouts (Pango objects are not thread-safe);
    /// results come back in the order of `batches`. The first error is thrown after all threads stop.
    public static func renderAll(_ batches: [NoticeBatch], into folder: URL, settings: NoticeRenderSettings,
                                 concurrency: Int = 2) throws -> [RenderedBatch] {
        // A community with thousands of notices is drawn in parts on all workers, then joined into its one PDF:
        // otherwise the largest community alone sets the night's rendering time on one core.
        var planned: [(batch: Int, part: Int, notices: Range<Int>)] = []
        var partCounts: [Int] = []
        for (b, batch) in batches.enumerated() {
            let n = batch.notices.count
            let parts = concurrency > 1 && n >= partThreshold ? min(concurrency, n / (partThreshold / 2)) : 1
            partCounts.append(parts)
            for p in 0..<parts {
                planned.append((b, p, (n * p / parts)..<(n * (p + 1) / parts)))
            }
        }
        let jobs = planned
        // Largest jobs first, so a big community's parts start at once.
        let order = jobs.indices.sorted { jobs[$0].notices.count > jobs[$1].notices.count }
        let results = PartBox(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(concurrency, jobs.count))) { _ in
            let writer = NoticeDocumentWriter(settings: settings)
            while let next = results.next() {
                let j = order[next]
                let job = jobs[j]
                let batch = batches[job.batch]
                let file = folder.appendingPathComponent(".\(batch.fileName).part\(job.part)")
                results.store(j, Result { (file, try writer.writePart(batch, notices: job.notices, front: job.part == 0, to: file)) })
            }
        }
        let finished: [(file: URL, pages: Int)]
        do {
            finished = try jobs.indices.map { try results.value($0) }
        } catch {
            // No part file may stay behind in the run folder.
            for j in jobs.indices { if let part = try? results.value(j) { try? FileManager.default.removeItem(at: part.file) } }
            throw error
        }
        var rendered: [RenderedBatch] = []
        var j = 0
        for (b, batch) in batches.enumerated() {
            let parts = Array(finished[j..<(j + partCounts[b])])
            j += partCounts[b]
            let file = folder.appendingPathComponent(batch.fileName)
            if parts.count == 1 {
                try NoticeDocumentWriter.replace(file, with: parts[0].file)
            } else {
                let joined = folder.appendingPathComponent(".\(batch.fileName).partial")
                defer { for part in parts { try? FileManager.default.removeItem(at: part.file) } }
                try PDFJoin.join(parts.map(\.file), into: joined)
                try NoticeDocumentWriter.replace(file, with: joined)
            }
            rendered.append(RenderedBatch(community: batch.community, file: file, pages: parts.reduce(0) { $0 + $1.pages },
                                          notices: batch.notices.count, warnings: settings.contacts.missing(in: batch)))
        }
        return rendered
    }

    /// Batches with at least this many notices are split into parts drawn on different cores.
    static let partThreshold = 2_000
}

/// Results of the parallel part jobs, handed out and collected under a lock.
private final class PartBox: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor = 0
    private var results: [Result<(file: URL, pages: Int), any Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func next() -> Int? {
        lock.withLock {
            guard cursor < results.count else { return nil }
            defer { cursor += 1 }
            return cursor
        }
    }

    func store(_ index: Int, _ result: Result<(file: URL, pages: Int), any Error>) { lock.withLock { results[index] = result } }

    func value(_ index: Int) throws -> (file: URL, pages: Int) {
        try lock.withLock { try (results[index] ?? .failure(PDFRenderError.cairo(path: "", page: 0, status: "not rendered"))).get() }
    }
}

/// Page geometry in points (A4).
enum Page {
    static let width = Canvas.width
    static let height = Canvas.height
    static let left = 56.7
    static let right = width - 56.7
    static let contentWidth = right - left
    /// Where the receipt is cut off.
    static let cutY = height - 196
}

/// Fonts: TrueType CJK faces, since cairo 1.16 damages CFF (Noto CJK) glyphs when subsetting.
enum Fonts {
    static let body = "AR PL UMing CN"
    static let heading = "WenQuanYi Zen Hei"
}

/// Writes batches to PDF on one thread, keeping shaped labels between pages and documents.
final class NoticeDocumentWriter {
    let settings: NoticeRenderSettings
    let engine = TextEngine()

    // Text that is the same on every page, shaped once.
    private lazy var labels: [String: Stamp] = [:]
    // Reused boxes for text that changes per page.
    private lazy var value = TextBox(engine, font: "\(Fonts.body) 11.5")
    private lazy var small = TextBox(engine, font: "\(Fonts.body) 9")
    private lazy var paragraph = TextBox(engine, font: "\(Fonts.body) 12", width: Page.contentWidth, lineSpacing: 1.4)
    private lazy var cell = TextBox(engine, font: "\(Fonts.body) 9", ellipsize: true)
    private lazy var heading = TextBox(engine, font: "\(Fonts.heading) 22", alignment: PANGO_ALIGN_CENTER)

    init(settings: NoticeRenderSettings) { self.settings = settings }

    /// A label in a given font, shaped and recorded the first time it is asked for.
    func label(_ text: String, _ font: String) -> Stamp {
        let key = font + "\u{1F}" + text
        if let stamp = labels[key] { return stamp }
        let stamp = Stamp(TextBox(engine, font: font, text: text))
        labels[key] = stamp
        return stamp
    }

    private var seen: [String: Int] = [:]
    private var stamps: [String: Stamp] = [:]

    /// Draws a prepared box; text met before (obligations, a grid's contact line) is replayed from a stamp.
    ///
    /// Text seen once is drawn directly, since a stamp per unique name would only add objects.
    func drawRepeating(_ box: TextBox, key: String, x: Double, y: Double, canvas: Canvas) {
        if let stamp = stamps[key] { stamp.draw(canvas, x: x, y: y); return }
        if seen.count > 20_000 { seen.removeAll(keepingCapacity: true) }
        if stamps.count > 2_000 { stamps.removeAll(keepingCapacity: true) }
        let count = seen[key, default: 0] + 1
        seen[key] = count
        if count >= 2 {
            let stamp = Stamp(box)
            stamps[key] = stamp
            stamp.draw(canvas, x: x, y: y)
        } else {
            box.draw(canvas, x: x, y: y)
        }
    }

    func write(_ batch: NoticeBatch, to file: URL) throws -> RenderedBatch {
        let partial = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).partial")
        let pages = try writePart(batch, notices: batch.notices.indices, front: true, to: partial)
        try NoticeDocumentWriter.replace(file, with: partial)
        return RenderedBatch(community: batch.community, file: file, pages: pages, notices: batch.notices.count,
                             warnings: settings.contacts.missing(in: batch))
    }

    /// Draws some of a batch's notices, after its cover and rescinded pages when `front`; returns the page count.
    func writePart(_ batch: NoticeBatch, notices: Range<Int>, front: Bool, to file: URL) throws -> Int {
        // Whether a text is stamped depends on what was seen before: counted per document, so a file's bytes do not
        // depend on which community or part this worker drew first (the scheduler's choice), and reruns are identical.
        seen.removeAll(keepingCapacity: true)
        stamps.removeAll(keepingCapacity: true)
        do {
            let canvas = try Canvas(path: file.path, createdOn: "\(batch.asOf)T00:00:00+08:00",
                                    title: "\(batch.communityName) \(batch.asOf) 通知书")
            if front {
                try drawCover(batch, on: canvas)
                if !batch.rescissions.isEmpty { try drawRescinded(batch, on: canvas) }
            }
            let batchFields = self.batchFields(batch)
            for notice in batch.notices[notices] {
                try drawNotice(notice, batch: batch, batchFields: batchFields, on: canvas)
            }
            try canvas.finish()
            return canvas.pages
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
    }

    /// Moves a finished file into place.
    static func replace(_ file: URL, with finished: URL) throws {
        if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(at: file) }
        try FileManager.default.moveItem(at: finished, to: file)
    }

    // MARK: - Template fields

    func batchFields(_ batch: NoticeBatch) -> [String: Any] {
        var fields: [String: Any] = [:]
        for (key, value) in settings.wording.extra { fields[key] = value }
        fields["community_name"] = batch.communityName
        fields["community_code"] = batch.community?.twelveDigits ?? ""
        fields["issued_on"] = batch.asOf.chinese
        fields["run_id"] = batch.runID
        fields["notice_count"] = batch.notices.count
        fields["rescinded_count"] = batch.rescissions.count
        fields["authority"] = settings.wording.authority
        fields["hotline"] = settings.wording.hotline
        return fields
    }

    /// The values a notice's templates may name; empty optional values are left out so `{{#x}}` sections skip.
    func noticeFields(_ notice: Notice, batchFields: [String: Any], contact: GridContact?) -> [String: Any] {
        var fields = batchFields
        let m = notice.measure
        fields["name"] = notice.name
        if let male = notice.person.isMale { fields["sex"] = male ? "男" : "女" }
        fields["id_type"] = NoticeDocumentWriter.idTypeName(notice.person.type)
        fields["id_masked"] = notice.person.masked
        if !notice.phone.isEmpty { fields["phone"] = notice.phone }
        if !notice.assignment.address.isEmpty { fields["address"] = notice.assignment.address }
        fields["community_name"] = notice.assignment.communityName
        fields["community_code"] = notice.assignment.community?.twelveDigits ?? ""
        if !notice.assignment.gridID.isEmpty { fields["grid_id"] = notice.assignment.gridID }
        if let contact, !contact.name.isEmpty { fields["grid_worker"] = contact.name }
        if let contact, !contact.phone.isEmpty { fields["grid_phone"] = contact.phone }
        fields["region_name"] = m.regionName
        fields["region_code"] = m.region.twelveDigits
        fields["level"] = m.level.chinese
        fields["action"] = m.action.chinese
        fields["last_exposure"] = m.lastExposure.chinese
        fields["period_from"] = m.period.first.chinese
        fields["period_to"] = m.period.last.chinese
        fields["until"] = m.until.chinese
        fields["days"] = m.until - m.lastExposure
        fields["serial"] = notice.serial
        if let old = notice.supersedes { fields["supersedes"] = old }
        fields["amended"] = notice.status == .amended
        fields["centralized_quarantine"] = m.action == .centralizedQuarantine
        fields["home_quarantine"] = m.action == .homeQuarantine
        fields["health_monitoring"] = m.action == .healthMonitoring
        return fields
    }

    static func idTypeName(_ type: IDType) -> String {
        switch type {
        case .cnID: return "居民身份证"
        case .passport: return "护照"
        case .other: return "其他证件"
        }
    }

    // MARK: - Notice page

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
        let authority = label(settings.wording.authority, "\(Fonts.body) 12.5")
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
        if !settings.wording.hotline.isEmpty { lines.append("防控咨询电话：\(settings.wording.hotline)") }
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

    // MARK: - Cover and rescinded lists

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

    func drawCover(_ batch: NoticeBatch, on canvas: Canvas) throws {
        let columns = [
            Column(title: "序号", width: 28, center: true), Column(title: "通知书编号", width: 104),
            Column(title: "类别", width: 28, center: true), Column(title: "姓名", width: 62),
            Column(title: "网格", width: 36), Column(title: "居住地址", width: Page.contentWidth - 28 - 104 - 28 - 62 - 36 - 50 - 66),
            Column(title: "措施", width: 50, center: true), Column(title: "截止日期", width: 66, center: true),
        ]
        let rows = batch.notices.enumerated().map { i, n in
            [String(i + 1), n.serial, n.status.chinese, n.name, n.assignment.gridID, n.assignment.address,
             n.measure.action.chinese, n.measure.until.description]
        }
        let community = batch.community == nil ? "未落地人员（无所属社区）" : "\(batch.communityName)（\(batch.community?.twelveDigits ?? "")）"
        let s = batch.countsByStatus, a = batch.countsByAction
        let summary = "本批印发通知书 \(batch.notices.count) 份（新增 \(s[.new] ?? 0)，变更 \(s[.amended] ?? 0)），其中集中隔离 \(a[.centralizedQuarantine] ?? 0)、居家隔离 \(a[.homeQuarantine] ?? 0)、健康监测 \(a[.healthMonitoring] ?? 0)；延续管控 \(s[.continuing] ?? 0) 人（原通知书继续有效，不重复印发）；撤销 \(batch.rescissions.count) 份\(batch.rescissions.isEmpty ? "" : "（见撤销清单）")。"
        let instruction = settings.templates.cover.render(batchFields(batch)).trimmingCharacters(in: .whitespacesAndNewlines)
        let info = [("社　　区：", community), ("筛查日期：", batch.asOf.chinese), ("批 次 号：", batch.runID)]

        let header: (Int) -> Double = { page in
            let draw = page >= 0
            let title = self.label("通知书送达清单", "\(Fonts.heading) 20")
            if draw { title.draw(canvas, x: (Page.width - title.size.width) / 2, y: 44) }
            var y = 86.0
            let font = "\(Fonts.body) 11"
            self.value.setFont(font)
            self.value.setWidth(-1)
            for (name, text) in info {
                let lbl = self.label(name, font)
                if draw {
                    lbl.draw(canvas, x: Page.left, y: y)
                    self.value.set(text)
                    self.value.draw(canvas, x: Page.left + lbl.size.width, y: y)
                }
                y += 19
            }
            for text in [summary, instruction] {
                self.paragraph.setFont(font)
                self.paragraph.setWidth(Page.contentWidth)
                pango_layout_set_indent(self.paragraph.layout, Int32(22 * Double(PANGO_SCALE)))
                self.paragraph.set(text)
                if draw { self.paragraph.draw(canvas, x: Page.left, y: y + 4) }
                y += self.paragraph.height + 8
            }
            return y + 6
        }
        let footer: (Double) -> Void = { y in
            let font = "\(Fonts.body) 11"
            let lines = ["送达人（签字）：________________　　交接时间：________年____月____日____时____分",
                         "接收人（签字）：________________　　联系电话：____________________"]
            var y = y
            for line in lines {
                self.label(line, font).draw(canvas, x: Page.left, y: y)
                y += 28
            }
        }
        try drawTable(columns: columns, rows: rows, rowHeight: 17, footerHeight: 76, pageTitle: "通知书送达清单",
                      canvas: canvas, header: header, footer: footer)
    }

    func drawRescinded(_ batch: NoticeBatch, on canvas: Canvas) throws {
        let columns = [
            Column(title: "序号", width: 28, center: true), Column(title: "原通知书编号", width: 110),
            Column(title: "姓名", width: 56), Column(title: "证件号码", width: 118),
            Column(title: "撤销原因", width: Page.contentWidth - 28 - 110 - 56 - 118),
        ]
        let rows = batch.rescissions.enumerated().map { i, r in
            [String(i + 1), r.serial, r.name, r.person.masked, r.reason]
        }
        let header: (Int) -> Double = { page in
            let title = self.label("撤销通知书清单", "\(Fonts.heading) 20")
            let note = self.label("以下人员原通知书已撤销，请告知本人解除相应措施，并收回原通知书。", "\(Fonts.body) 11")
            if page >= 0 {
                title.draw(canvas, x: (Page.width - title.size.width) / 2, y: 44)
                note.draw(canvas, x: Page.left, y: 88)
            }
            return 118
        }
        try drawTable(columns: columns, rows: rows, rowHeight: 17, footerHeight: 0, pageTitle: "撤销通知书清单",
                      canvas: canvas, header: header, footer: { _ in })
    }
}

