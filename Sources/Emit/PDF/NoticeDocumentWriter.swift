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
    lazy var cell = TextBox(engine, font: "\(Fonts.body) 9", ellipsize: true)
    lazy var heading = TextBox(engine, font: "\(Fonts.heading) 22", alignment: PANGO_ALIGN_CENTER)

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
}
