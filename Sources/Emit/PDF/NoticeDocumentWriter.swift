import CPangoCairo
import Foundation
import Mustache
import RiskModel

/// Writes batches to PDF on one thread, keeping shaped labels between pages and documents.
final class NoticeDocumentWriter {
    let settings: NoticeRenderSettings
    let engine = TextEngine()

    // Text that is the same on every page, shaped once.
    lazy var labels: [String: Stamp] = [:]
    // Reused boxes for text that changes per page.
    lazy var value = TextBox(engine, font: "\(Fonts.body) 11.5")
    lazy var small = TextBox(engine, font: "\(Fonts.body) 9")
    lazy var paragraph = TextBox(engine, font: "\(Fonts.body) 12", width: Page.contentWidth, lineSpacing: 1.4)
    lazy var cell = TextBox(engine, font: "\(Fonts.body) 9")
    lazy var heading = TextBox(engine, font: "\(Fonts.heading) 22", alignment: PANGO_ALIGN_CENTER)
    /// A receipt's value: wraps to at most two lines, then ends in an ellipsis.
    lazy var receiptBox = TextBox(engine, font: "\(Fonts.body) 11.5")

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
        let written = try writePart(batch, papers: batch.papers.indices, front: true, to: partial)
        try NoticeDocumentWriter.replace(file, with: partial)
        return RenderedBatch(community: batch.community, file: file, pages: written.pages, papers: batch.papers.count,
                             warnings: settings.contacts.missing(in: batch), continued: written.continued)
    }

    /// Draws some of a batch's papers, after its cover and rescission list when `front`; returns the page count and
    /// the serials of papers that took more than one sheet.
    func writePart(_ batch: NoticeBatch, papers: Range<Int>, front: Bool, to file: URL) throws -> (pages: Int, continued: [String]) {
        // Whether a text is stamped depends on what was seen before: counted per document, so a file's bytes do not
        // depend on which community or part this worker drew first (the scheduler's choice), and reruns are identical.
        seen.removeAll(keepingCapacity: true)
        stamps.removeAll(keepingCapacity: true)
        do {
            let canvas = try Canvas(path: file.path, createdOn: "\(batch.asOf)T00:00:00+08:00",
                                    title: "\(batch.communityName) \(batch.asOf) 通知书")  // message-lint: allow the PDF's title, paper, always Chinese
            if front {
                try drawCover(batch, on: canvas)
                if !batch.rescissions.isEmpty { try drawRescinded(batch, on: canvas) }
            }
            let batchFields = self.batchFields(batch)
            var continued: [String] = []
            for paper in batch.papers[papers] {
                let sheets = try drawPaper(paper, batch: batch, batchFields: batchFields, on: canvas)
                if sheets > 1 { continued.append(paper.serial) }
            }
            try canvas.finish()
            return (canvas.pages, continued)
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
}
