@testable import Emit
import Foundation
import RiskModel
import Machinery
import Testing

/// A community with thousands of notices is drawn in parts on both cores and joined into its one PDF.
@Suite(.tags(.pdfTools)) struct PDFJoinTests {
    /// 2,050 notices in one community: above the split threshold, so the batch is drawn as two parts.
    static func bigBatch() -> NoticeBatch {
        let notices = (0..<2_050).map { i in
            PDFFixtures.notice(String(format: "LC-20200125-%04d", i + 1), "居民\(i)", person: PDFFixtures.person(33030219800101000 + UInt64(i)),
                               grid: "G\(i / 500 + 1)", address: String(format: "解放街%03d号", i % 500))
        }
        return PDFFixtures.batch(notices: notices, rescissions: [])
    }

    @Test func aBigCommunityIsOnePDFInDeliveryOrderAndRerunsAreIdentical() throws {
        let batch = Self.bigBatch()
        let settings = try PDFFixtures.settings()
        var bytes: [Data] = []
        for _ in 0..<2 {
            let folder = try PDFFixtures.temporaryDirectory()
            let rendered = try NoticePDF.renderAll([batch], into: folder, settings: settings, workers: Workers(2))
            #expect(rendered.count == 1)
            let file = try #require(rendered.first?.file)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [file.lastPathComponent], "no part files left behind")
            let info = try tool("pdfinfo", [file.path])
            let pages = rendered[0].pages
            let pageLine = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            #expect(pageLine.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) } == pages, "\(info)")
            let covers = pages - batch.notices.count
            #expect(covers >= 1)
            // The notices around the split and at both ends sit on the pages delivery order gives them.
            for index in [0, 1_024, 1_025, 1_026, 2_049] {
                let page = covers + index + 1
                let text = try tool("pdftotext", ["-f", "\(page)", "-l", "\(page)", file.path, "-"])
                #expect(text.contains(batch.notices[index].serial), "page \(page) should hold notice \(index) \(batch.notices[index].serial)")
            }
            let fonts = try tool("pdffonts", [file.path]).split(separator: "\n").dropFirst(2)
            #expect(!fonts.isEmpty && fonts.allSatisfy { $0.contains(" yes ") }, "every font embedded")
            bytes.append(try Data(contentsOf: file))
        }
        // Compared as a Bool: on a mismatch the testing library would otherwise diff two multi-megabyte values.
        let same = bytes[0] == bytes[1]
        #expect(same, "the same batch gives the same bytes (\(bytes[0].count) and \(bytes[1].count) bytes, first difference at byte \(zip(bytes[0], bytes[1]).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? -1))")
    }
}

/// A PDF's bytes depend on its batch alone, not on what the worker that drew it drew before.
@Suite(.tags(.pdfTools)) struct PDFWriterHistoryTests {
    /// Which community (or part of one) a worker takes first is up to the scheduler: a writer that has drawn
    /// another batch must give the same bytes as a fresh one, or reruns of the same night differ.
    @Test func aBatchDrawnAfterAnotherGivesTheSameBytesAsDrawnFirst() throws {
        let settings = try PDFFixtures.settings()
        let batch = PDFFixtures.batch(notices: PDFFixtures.notices(), rescissions: [])
        let earlier = PDFJoinTests.bigBatch()
        let folder = try PDFFixtures.temporaryDirectory()

        let fresh = folder.appendingPathComponent("fresh.pdf")
        _ = try NoticeDocumentWriter(settings: settings).writePart(batch, papers: batch.papers.indices, front: true, to: fresh)
        let used = NoticeDocumentWriter(settings: settings)
        _ = try used.writePart(earlier, papers: 0..<300, front: true, to: folder.appendingPathComponent("earlier.pdf"))
        let after = folder.appendingPathComponent("after.pdf")
        _ = try used.writePart(batch, papers: batch.papers.indices, front: true, to: after)

        let same = try Data(contentsOf: fresh) == Data(contentsOf: after)
        #expect(same, "the batch's PDF is the same whatever its writer drew before")
    }
}
