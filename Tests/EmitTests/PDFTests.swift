import CPangoCairo
import Emit
import Foundation
import RiskModel
import Machinery
import Testing

/// Tests of notice batches as a grid worker receives them: checked with poppler-utils and zbar-tools, not by reading our own code.
@Suite(.tags(.pdfTools)) struct PDFTests {
    @Test func deliveryOrderGroupsHouseholdsAndWalksGridsAndBuildingsInNumberOrder() {
        let batch = PDFFixtures.batch()
        #expect(batch.notices.map(\.serial) == PDFFixtures.deliveryOrder.map(\.serial))
        #expect(batch.countsByStatus == [.new: 4, .amended: 1, .continuing: 1])
        #expect(batch.countsByAction == [.homeQuarantine: 3, .centralizedQuarantine: 1, .healthMonitoring: 1])
    }

    @Test(arguments: [
        ("G2", "G10", -1), ("3幢", "10幢", -1), ("解放街2幢1单元101室", "解放街2幢1单元101室", 0),
        ("A01", "A1", 1), ("B", "A9", 1), ("12", "12a", -1),
    ])
    func naturalOrderComparesDigitRunsByValue(a: String, b: String, expected: Int) {
        #expect(NoticeBatch.naturalCompare(a, b) == expected)
        #expect(NoticeBatch.naturalCompare(b, a) == -expected)
    }

    @Test func batchesSplitByCommunityAndLeaveUnassignedOut() {
        var notices = PDFFixtures.notices()
        let other = RegionCode(canonicalizing: 330_302_001_002)
        notices.append(PDFFixtures.notice("LC-20200125-0010", "周杰", person: PDFFixtures.person(33030219950707111), grid: "G1",
                                          address: "公园路1号", community: other))
        notices.append(PDFFixtures.notice("LC-20200125-0011", "吴敏", person: PDFFixtures.person(33030219960808222), grid: "",
                                          address: "", community: nil))
        let batches = NoticeBatch.batches(notices: notices, rescissions: PDFFixtures.rescissions(),
                                          asOf: PDFFixtures.asOf, runID: "r1")
        #expect(batches.map(\.community) == [PDFFixtures.community, other])
        #expect(batches.map(\.notices.count) == [5, 1])
        let withUnassigned = NoticeBatch.batches(notices: notices, rescissions: [], asOf: PDFFixtures.asOf, runID: "r1",
                                                 includeUnassigned: true)
        #expect(withUnassigned.last?.community == nil)
        #expect(withUnassigned.last?.fileName == "notices-unassigned.pdf")
    }

    @Test func rendersCoverRescindedListAndOnePaperPerPageInDeliveryOrder() throws {
        let dir = try PDFFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("batch.pdf")
        let batch = PDFFixtures.batch()
        let result = try NoticePDF.render(batch, to: file, settings: PDFFixtures.settings())

        let info = try tool("pdfinfo", [file.path])
        #expect(info.contains("Pages:           8"), "1 cover + 1 rescission list + 5 notices + 1 rescission notice:\n\(info)")
        #expect(result.pages == 8)
        #expect(info.contains("A4"))

        let cover = try tool("pdftotext", ["-f", "1", "-l", "1", file.path, "-"])
        #expect(isInOrder(PDFFixtures.deliveryOrder.map(\.serial), in: cover), "cover list out of delivery order:\n\(cover)")
        #expect(flat(cover).contains("延续管控1人"))
        #expect(flat(cover).contains("撤销通知1份"))
        #expect(!cover.contains("LC-20200120-0009"), "a continuing notice is not reprinted")

        let rescinded = try tool("pdftotext", ["-f", "2", "-l", "2", file.path, "-"])
        #expect(rescinded.contains("撤销通知书清单") && rescinded.contains("LC-20200118-0007") && rescinded.contains("孙芳"))

        // The rescission notice is walked with the notices, in its household's place (解放街8幢, grid G2).
        #expect(batch.papers.map(\.serial) == ["LC-20200125-0003", "LC-20200125-0001", "LC-20200118-0007", "LC-20200125-0002",
                                               "LC-20200125-0004", "LC-20200125-0006"])
        for (index, paper) in batch.papers.enumerated() {
            let page = String(index + 3)
            let text = try tool("pdftotext", ["-f", page, "-l", page, file.path, "-"])
            #expect(text.contains(paper.serial) && text.contains(paper.name), "page \(page):\n\(text)")
        }
        let home = try tool("pdftotext", ["-f", "8", "-l", "8", file.path, "-"])
        #expect(home.contains("居家隔离通知书"))
        #expect(home.contains("330302********1234") || home.contains("330302********"), "ID is masked")
        #expect(!home.contains("330302198501011234"))
        #expect(flat(home).contains("您于2020年1月24日前曾在温州市（中风险地区）停留"))
        #expect(flat(home).contains("自2020年1月25日至2020年2月7日"))
        #expect(flat(home).contains("签收回执") && home.contains("林建国") && home.contains("13905770010"))

        let amended = try tool("pdftotext", ["-f", "3", "-l", "3", file.path, "-"])
        #expect(amended.contains("健康监测告知书") && amended.contains("LC-20200120-0042"))
        let rescission = try tool("pdftotext", ["-f", "5", "-l", "5", file.path, "-"])
        #expect(flat(rescission).contains("撤销") && flat(rescission).contains("风险地区已调整，不再符合管控条件"))
        #expect(flat(rescission).contains("原通知书编号：LC-20200118-0007"))
        let passport = try tool("pdftotext", ["-f", "7", "-l", "7", file.path, "-"])
        #expect(passport.contains("JOHN SMITH") && !passport.contains("性　　别 男") && !passport.contains("E12345678"))
    }

    @Test func everyFontIsEmbedded() throws {
        let dir = try PDFFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("batch.pdf")
        _ = try NoticePDF.render(PDFFixtures.batch(), to: file, settings: PDFFixtures.settings())
        let fonts = try tool("pdffonts", [file.path]).split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for line in fonts {
            // Columns: name type encoding emb sub uni object ID; `emb` is 5th from the end.
            let columns = line.split(separator: " ")
            #expect(columns.count >= 7 && columns[columns.count - 5] == "yes", "not embedded: \(line)")
            #expect(!line.contains("Noto"), "cairo 1.16 damages CFF CJK glyphs: \(line)")
        }
    }

    @Test func qrCodesOnANoticeDecodeToItsSerial() throws {
        let dir = try PDFFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("batch.pdf")
        _ = try NoticePDF.render(PDFFixtures.batch(), to: file, settings: PDFFixtures.settings())
        // Page 6: 李娜's notice, after the cover, the rescission list and three papers before it.
        let expected = PDFFixtures.deliveryOrder[2].serial
        try tool("pdftoppm", ["-r", "150", "-png", "-f", "6", "-l", "6", "-singlefile", file.path, dir.appendingPathComponent("page").path])
        let decoded = try tool("zbarimg", ["--raw", "-q", dir.appendingPathComponent("page.png").path])
            .split(separator: "\n").map(String.init)
        // One code at the top of the notice, one on the receipt that comes back.
        #expect(decoded == [expected, expected])
    }

    @Test func rerenderingIsByteIdentical() throws {
        let dir = try PDFFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.pdf"), b = dir.appendingPathComponent("b.pdf")
        _ = try NoticePDF.render(PDFFixtures.batch(), to: a, settings: PDFFixtures.settings())
        _ = try NoticePDF.render(PDFFixtures.batch(), to: b, settings: PDFFixtures.settings())
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        #expect(try tool("pdfinfo", [a.path]).contains("CreationDate:    Fri Jan 24 16:00:00 2020 UTC"), "creation date is the as-of day in Asia/Shanghai")
    }

    @Test func longBatchFlowsTheCoverListOverPages() throws {
        let dir = try PDFFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let notices = (0..<50).map { i in
            PDFFixtures.notice(String(format: "LC-20200125-%04d", i + 100), "居民\(i)", person: PDFFixtures.person(33030219800101000 + UInt64(i)),
                               grid: "G\(i % 3)", address: "解放街\(i / 4)幢\(i % 4 + 1)01室")
        }
        let batch = PDFFixtures.batch(notices: notices, rescissions: [])
        let file = dir.appendingPathComponent("long.pdf")
        let result = try NoticePDF.render(batch, to: file, settings: PDFFixtures.settings())
        let text = try tool("pdftotext", [file.path, "-"])
        let coverPages = result.pages - 50
        #expect(coverPages >= 2, "50 rows need more than one list page")
        #expect(text.contains("第 \(coverPages) 页，共 \(coverPages) 页") && text.contains("通知书送达清单（续）"))
        #expect(isInOrder(batch.notices.map(\.serial), in: text))
        #expect(text.contains("接收人（签字）"))
    }

    @Test func missingGridContactLeavesABlankLineAndAWarning() throws {
        let dir = try PDFFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Reading the contacts file (and skipping its bad rows) is Normalize's GridContactFeedTests.
        let contacts = GridContacts([GridContact(community: PDFFixtures.community, gridID: "G2", name: "陈晓燕", phone: "13905770002")])
        #expect(contacts.count == 1)
        let file = dir.appendingPathComponent("batch.pdf")
        let result = try NoticePDF.render(PDFFixtures.batch(), to: file, settings: PDFFixtures.settings(contacts: contacts))
        #expect(result.warnings == [
            GridContactWarning(.missing(community: PDFFixtures.community, gridID: "G3", notices: 1)),
            GridContactWarning(.missing(community: PDFFixtures.community, gridID: "G10", notices: 1)),
        ])
        let last = try tool("pdftotext", ["-f", "8", "-l", "8", file.path, "-"])
        #expect(last.contains("网格员：__________"))
    }

    @Test func unknownTemplateFieldFailsAtStartNamingFieldAndLine() throws {
        let dir = try PDFFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["title", "notice", "receipt", "cover"] {
            try FileManager.default.copyItem(at: PDFFixtures.templates.appendingPathComponent("\(name).mustache"),
                                             to: dir.appendingPathComponent("\(name).mustache"))
        }
        let notice = dir.appendingPathComponent("notice.mustache")
        try (String(contentsOf: notice, encoding: .utf8) + "请于{{deadline}}前报到。\n").write(to: notice, atomically: true, encoding: .utf8)
        do {
            _ = try NoticeTemplates(directory: dir, wording: PDFFixtures.wording)
            Issue.record("a template naming {{deadline}} must not load")
        } catch let error as TemplateError {
            guard case let .unknownField(file, line, column, field, _) = error else { Issue.record("\(error)"); return }
            #expect(file.hasSuffix("notice.mustache") && field == "deadline" && column == 3)
            let lines = try String(contentsOf: notice, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(line == lines.count - 1, "the appended last line")
            #expect(error.description.contains("unknown field {{deadline}}"))
        }
        // The same name becomes valid once the wording supplies it.
        let wording = NoticeWording(authority: "指挥部", hotline: "12345", extra: ["deadline": "1月26日"])
        #expect(throws: Never.self) { _ = try NoticeTemplates(directory: dir, wording: wording) }
    }

    /// A district's folder written before release and rescission notices existed keeps working: the program's own
    /// templates stand in, and are named for a warning; a field they do not know still stops the run at start-up.
    @Test func aFolderWithoutTheNewTemplatesTakesTheProgramsOwnButAnUnknownFieldStops() throws {
        let dir = try PDFFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["title", "notice", "receipt", "cover"] {
            try FileManager.default.copyItem(at: PDFFixtures.templates.appendingPathComponent("\(name).mustache"),
                                             to: dir.appendingPathComponent("\(name).mustache"))
        }
        let templates = try NoticeTemplates(directory: dir, wording: PDFFixtures.wording)
        #expect(templates.fallbacks == ["release", "rescission"])
        try "# 解除告知书\n= {{name}}：请于{{deadline}}前报到。\n".write(to: dir.appendingPathComponent("release.mustache"), atomically: true, encoding: .utf8)
        #expect {
            _ = try NoticeTemplates(directory: dir, wording: PDFFixtures.wording)
        } throws: { error in
            guard case let .unknownField(file, _, _, field, _) = error as? TemplateError else { return false }
            return file.hasSuffix("release.mustache") && field == "deadline"
        }
    }

    @Test(arguments: ["{{> other}}", "{{=<% %>=}}", "{{#nosuch}}x{{/nosuch}}", "{{name"])
    func unsupportedOrBadTagsAreRefused(source: String) {
        #expect(throws: TemplateError.self) { _ = try NoticeTemplates.compile(source, file: "t.mustache", known: ["name"]) }
    }

    @Test func renderAllWritesOneFilePerCommunityInParallel() throws {
        let dir = try PDFFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let batches = (0..<5).map { c in
            let code = RegionCode(canonicalizing: 330_302_001_001 + UInt64(c))
            let notices = (0..<(c + 1)).map { i in
                PDFFixtures.notice("LC-\(c)-\(i)", "居民\(i)", person: PDFFixtures.person(33030219800101000 + UInt64(i)),
                                   grid: "G1", address: "\(i)号", community: code)
            }
            return NoticeBatch(community: code, communityName: "社区\(c)", asOf: PDFFixtures.asOf, runID: "r", notices: notices, rescissions: [])
        }
        let results = try NoticePDF.renderAll(batches, into: dir, settings: PDFFixtures.settings(), workers: Workers(2))
        #expect(results.map(\.pages) == [2, 3, 4, 5, 6])
        for (batch, result) in zip(batches, results) {
            #expect(result.file.lastPathComponent == batch.fileName)
            #expect(try tool("pdfinfo", [result.file.path]).contains("Pages:           \(batch.notices.count + 1)"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }.isEmpty, "no partial files left")
    }

    /// Compares a notice page with `fixtures/golden/notice-page.png`; `RECORD_GOLDENS=1` rewrites it and fails.
    @Test func noticePageMatchesGolden() throws {
        let dir = try PDFFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("batch.pdf")
        _ = try NoticePDF.render(PDFFixtures.batch(), to: file, settings: PDFFixtures.settings())
        let actualPath = dir.appendingPathComponent("page").path
        try tool("pdftoppm", ["-r", "50", "-gray", "-png", "-f", "8", "-l", "8", "-singlefile", file.path, actualPath])
        let golden = PDFFixtures.golden.appendingPathComponent("notice-page.png")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: PDFFixtures.golden, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: golden.path) { try FileManager.default.removeItem(at: golden) }
            try FileManager.default.copyItem(atPath: actualPath + ".png", toPath: golden.path)
            Issue.record("recorded \(golden.path); check it by eye, then rerun without RECORD_GOLDENS")
            return
        }
        let actual = try #require(GrayImage(png: actualPath + ".png"))
        let expected = try #require(GrayImage(png: golden.path), "missing \(golden.path): run with RECORD_GOLDENS=1")
        #expect(actual.width == expected.width && actual.height == expected.height)
        // The title band: blank CJK glyphs would leave it white.
        let title = (y: 62..<84, x: 100..<315)
        let goldenInk = expected.darkPixels(rows: title.y, columns: title.x)
        #expect(goldenInk > 300, "the golden's title is blank; re-record it")
        #expect(actual.darkPixels(rows: title.y, columns: title.x) >= goldenInk * 9 / 10)
        // Whole page, 8×8 blocks: small anti-aliasing drift passes, a missing or moved line does not.
        let (worst, changed) = actual.blockDifference(expected, block: 8)
        #expect(worst <= 24 && changed <= 3, "worst block differs by \(worst), \(changed) blocks differ by more than 8")
    }
}

/// Whether every item occurs in `text` after the previous one.
func isInOrder(_ items: [String], in text: String) -> Bool {
    var rest = text[...]
    for item in items {
        guard let range = rest.range(of: item) else { return false }
        rest = rest[range.upperBound...]
    }
    return true
}

/// Text with line breaks and spaces removed, for sentences `pdftotext` wraps.
func flat(_ text: String) -> String { text.filter { !$0.isWhitespace } }

/// An 8-bit grayscale picture read through Cairo's PNG loader.
struct GrayImage {
    var width: Int
    var height: Int
    var pixels: [UInt8]

    init?(png path: String) {
        guard let surface = cairo_image_surface_create_from_png(path) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) else { return nil }
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let format = cairo_image_surface_get_format(surface)
        pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                // Gray PNGs load as RGB24 (4 bytes, blue first) or A8.
                pixels[y * width + x] = format == CAIRO_FORMAT_A8 ? 255 - data[y * stride + x] : data[y * stride + 4 * x]
            }
        }
    }

    func darkPixels(rows: Range<Int>, columns: Range<Int>) -> Int {
        var count = 0
        for y in rows where y < height {
            for x in columns where x < width && pixels[y * width + x] < 128 { count += 1 }
        }
        return count
    }

    /// The largest difference of block means, and how many blocks differ by more than 8 grey levels.
    func blockDifference(_ other: GrayImage, block: Int) -> (worst: Int, changed: Int) {
        var worst = 0, changed = 0
        for by in stride(from: 0, to: min(height, other.height), by: block) {
            for bx in stride(from: 0, to: min(width, other.width), by: block) {
                var a = 0, b = 0, n = 0
                for y in by..<min(by + block, height, other.height) {
                    for x in bx..<min(bx + block, width, other.width) {
                        a += Int(pixels[y * width + x]); b += Int(other.pixels[y * other.width + x]); n += 1
                    }
                }
                let diff = abs(a - b) / max(n, 1)
                worst = max(worst, diff)
                if diff > 8 { changed += 1 }
            }
        }
        return (worst, changed)
    }
}
