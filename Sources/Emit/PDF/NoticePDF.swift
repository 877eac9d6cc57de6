import Foundation
import Machinery
import RiskModel

/// What every batch of a run is rendered with: the wording, its templates and the grid workers.
public struct NoticeRenderSettings: Sendable {
    public var templates: NoticeTemplates
    public var wording: NoticeWording
    public var contacts: GridContacts
    /// Whether lists for grid workers (cover and rescission lists) print ID numbers whole; notices never do.
    public var fullIDs: Bool

    public init(templates: NoticeTemplates, wording: NoticeWording, contacts: GridContacts = GridContacts(), fullIDs: Bool = false) {
        self.templates = templates
        self.wording = wording
        self.contacts = contacts
        self.fullIDs = fullIDs
    }
}

/// One batch written to disk.
public struct RenderedBatch: Sendable, Hashable {
    public var community: RegionCode?
    public var file: URL
    public var pages: Int
    /// Papers printed: notices, release notices and rescission notices.
    public var papers: Int
    /// Grids with papers but no contact: those papers carry a blank line to fill by hand.
    public var warnings: [GridContactWarning]
    /// Serials whose paper did not fit one sheet at the smallest type and continues on a second.
    public var continued: [String] = []
}

/// Print-ready PDF batches: a cover list, the rescission list, then one A4 sheet per paper (notice, release notice or
/// rescission notice) with a tear-off receipt, in delivery order.
public enum NoticePDF {
    /// Renders one batch into `file`, writing beside it first and renaming, so a crash leaves no half file.
    public static func render(_ batch: NoticeBatch, to file: URL, settings: NoticeRenderSettings) throws -> RenderedBatch {
        try NoticeDocumentWriter(settings: settings).write(batch, to: file)
    }

    /// Renders every batch as `<folder>/<batch.fileName>`, spreading communities over `workers`.
    ///
    /// Each thread keeps its own writer, with its Pango font map and layouts (Pango objects are not
    /// thread-safe); results come back in the order of `batches`. The first error is thrown after all stop.
    public static func renderAll(_ batches: [NoticeBatch], into folder: URL, settings: NoticeRenderSettings,
                                 workers: Workers) throws -> [RenderedBatch] {
        // A community with thousands of notices is drawn in parts on all workers, then joined into its one PDF:
        // otherwise the largest community alone sets the night's rendering time on one core.
        var jobs: [(batch: Int, part: Int, notices: Range<Int>)] = []
        var partCounts: [Int] = []
        for (b, batch) in batches.enumerated() {
            let n = batch.papers.count
            let parts = workers.count > 1 && n >= partThreshold ? min(workers.count, n / (partThreshold / 2)) : 1
            partCounts.append(parts)
            for p in 0..<parts {
                jobs.append((b, p, (n * p / parts)..<(n * (p + 1) / parts)))
            }
        }
        // Largest jobs first, so a big community's parts start at once.
        let order = jobs.indices.sorted { jobs[$0].notices.count > jobs[$1].notices.count }
        typealias Part = (file: URL, pages: Int, continued: [String])
        var results = [Result<Part, any Error>](repeating: .failure(CancellationError()), count: jobs.count)
        let done = workers.map(order.count, perThread: { NoticeDocumentWriter(settings: settings) }) { writer, k -> Result<Part, any Error> in
            let job = jobs[order[k]]
            let batch = batches[job.batch]
            let file = folder.appendingPathComponent(".\(batch.fileName).part\(job.part)")
            return Result {
                let written = try writer.writePart(batch, papers: job.notices, front: job.part == 0, to: file)
                return (file, written.pages, written.continued)
            }
        }
        for (k, j) in order.enumerated() { results[j] = done[k] }
        let finished: [Part]
        do {
            finished = try results.map { try $0.get() }
        } catch {
            // No part file may stay behind in the run folder.
            for case let .success(part) in results { try? FileManager.default.removeItem(at: part.file) }
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
                                          papers: batch.papers.count, warnings: settings.contacts.missing(in: batch),
                                          continued: parts.flatMap(\.continued)))
        }
        return rendered
    }

    /// Batches with at least this many notices are split into parts drawn on different workers.
    static let partThreshold = 2_000
}
