import Foundation
import Testing
import TestSupport

/// Paper as a grid worker holds it, read back from the glyphs drawn (`mutool draw`, Debian mupdf-tools), never from the
/// text layer: `pdftotext` also returns text an ellipsis hid. The fixture `cases/paper-edges` has long addresses and
/// grid ids, an address of 1,200 characters, a CJK Extension B name and a name with a line break.
@Suite(.tags(.pdfTools)) struct PrintedPaperTests {
    /// A4 portrait in points: where the receipt is cut off, and the signature above it.
    static let pageHeight = 841.89, cutY = 841.89 - 196, signatureTop = 841.89 - 196 - 78

    struct Night {
        var dir: URL
        var folder: URL
        var result: CommandResult
        var batch: URL { folder.appendingPathComponent("batches/notices-330111004002.pdf") }
        var worklist: URL { folder.appendingPathComponent("worklists/worklist-330111004002.xlsx") }
        var measures: [MeasureRow]
        /// Residents' addresses and names as the feed gives them.
        var addresses: [String]

        init() throws {
            dir = try freshCopy(ofFixture: "cases/paper-edges")
            result = try riskscreen(["run", "--as-of", "2020-02-06", "--policy", "policy.toml", "--regions", "regions.csv",
                                     "--residents", "residents.csv", "--travel", "travel.csv", "--out", "out", "--state", "state/s.sqlite"], in: dir)
            try #require(result.status == 0, "\(result)")
            folder = URL(fileURLWithPath: result.lastLine)
            measures = try Workspace.measures(at: folder)
            addresses = try csvRows(dir.appendingPathComponent("residents.csv")).dropFirst().map { $0[6] }
        }

        func serial(of name: String) throws -> String {
            try #require(measures.first { $0["name"] == name }?["serial"])
        }

        /// The batch's pages holding `serial` outside the cover list.
        func pages(of serial: String) throws -> [Int] {
            try (1...pageCount(batch)).filter { page in
                let text = try visibleText(batch, page: page)
                return text.contains(serial) && !text.contains("通知书送达清单")
            }
        }
    }

    @Test func theCoverListPrintsEverySerialGridAndAddressWhole() throws {
        let night = try Night()
        let coverPages = try (1...pageCount(night.batch)).filter { try visibleText(night.batch, page: $0).contains("通知书送达清单") }
        let text = try coverPages.map { try visibleText(night.batch, page: $0) }.joined(separator: "\n")
        #expect(!text.contains("…"), "nothing is ellipsised")
        let serials = night.measures.map { $0["serial"] }
        for serial in serials { #expect(text.split(separator: "\n").contains { $0.contains(serial) }, "\(serial) whole on one line") }

        let glyphs = try visibleGlyphs(night.batch, pages: coverPages.first!...coverPages.last!)
        // The address column runs from where the addresses start to where the action column's words start (the
        // summary above the table names actions too, further left).
        let left = try #require(lineStarts(of: "杭州市富阳区", in: glyphs).map(\.x).min()) - 1
        let right = try #require((lineStarts(of: "集中隔离", in: glyphs) + lineStarts(of: "2020-02-15", in: glyphs)).map(\.x)
            .filter { $0 > left }.min()) - 1
        let column = columnText(glyphs, header: "居住地址", left: left, right: right, bottom: Self.pageHeight - 50)
        for address in night.addresses { #expect(column.contains(address), "address printed whole: \(address.prefix(30))…") }
        let gridLeft = try #require(lineStarts(of: "LS-SS-", in: glyphs).map(\.x).min()) - 1
        let grids = columnText(glyphs, header: "网格", left: gridLeft, right: left, bottom: Self.pageHeight - 50)
        for grid in ["LS-SS-01-北区甲组", "LS-SS-02-南区乙组", "LS-SS-03-东区丙组"] { #expect(grids.contains(grid)) }
    }

    /// The worklist as LibreOffice prints it (`soffice --headless --convert-to pdf`, Debian libreoffice-calc-nogui):
    /// at least 8 points of type, every serial and address whole, the daily checks on a page of their own.
    @Test func thePrintedWorklistIsLegibleAndWhole() throws {
        let night = try Night()
        let pdf = try printedByLibreOffice(night.worklist)
        let pages = try pageCount(pdf)
        let glyphs = try visibleGlyphs(pdf, pages: 1...pages)
        let smallest = try #require(glyphs.map(\.size).min())
        #expect(smallest >= 8, "smallest type on the printed worklist: \(smallest) pt")
        let text = try (1...pages).map { try visibleText(pdf, page: $0) }.joined(separator: "\n")
        #expect(!text.contains("…") && !text.contains("(new)"))
        for serial in night.measures.map({ $0["serial"] }) {
            #expect(text.split(separator: "\n").contains { $0.contains(serial) }, "\(serial) whole on one line")
        }
        // The worklist's pages (the daily checks follow on their own sheet, with no address column).
        let listPages = try (1...pages).filter { try visibleText(pdf, page: $0).contains("管控人员工作清单") }
        #expect(listPages.count < pages, "the daily checks print on pages of their own")
        let listGlyphs = glyphs.filter { listPages.contains($0.page) }
        let left = try #require(lineStarts(of: "杭州市富阳区", in: listGlyphs).map(\.x).min()) - 1
        let right = try #require(lineStarts(of: "LS-SS-", in: listGlyphs).map(\.x).min()) - 1
        let pageHeight = try #require(listGlyphs.map(\.y).max()) - 1
        let column = columnText(listGlyphs, header: "住址", left: left, right: right, bottom: pageHeight)
        for address in night.addresses { #expect(column.contains(address), "address printed whole: \(address.prefix(30))…") }
        #expect(text.contains("送达结果") && text.contains("送达日期") && text.contains("备注") && text.contains("通知书编号"))
        let checks = try (1...pages).filter { try visibleText(pdf, page: $0).contains("每日健康监测记录") }
        #expect(!checks.isEmpty && Set(checks).isDisjoint(with: listPages))
    }

    /// 27 #6: an address of 1,200 characters shrinks the notice to its smallest type, then continues on a second
    /// sheet; the receipt closes the last sheet below everything else, and the run warns naming the serial.
    @Test func aVeryLongAddressContinuesOnASecondSheetAboveTheReceipt() throws {
        let night = try Night()
        let serial = try night.serial(of: "长地址")
        let sheets = try night.pages(of: serial)
        try #require(sheets.count == 2 && sheets[1] == sheets[0] + 1, "\(sheets)")
        #expect(night.result.stderr.contains("continues on a second") && night.result.stderr.contains(serial), "\(night.result.stderr)")
        let first = try visibleText(night.batch, page: sheets[0]), last = try visibleText(night.batch, page: sheets[1])
        #expect(flat(first).contains("第1页，共2页") && !flat(first).contains("签收回执"))
        #expect(flat(last).contains("签收回执") && flat(last).contains("第2页，共2页"))
        let glyphs = try visibleGlyphs(night.batch, pages: sheets[0]...sheets[1])
        // The whole address is drawn, and the legal text after it.
        let address = try #require(night.addresses.first { $0.count == 1_200 })
        #expect(String(String.UnicodeScalarView(glyphs.map(\.scalar))).contains(String(address.suffix(40))))
        #expect(flat(first + last).contains("拒不执行上述措施的"))
        // On the last sheet, everything but the receipt ends above the signature, and the receipt lies below the cut.
        let lastGlyphs = glyphs.filter { $0.page == sheets[1] }
        let hotline = try #require(lineStarts(of: "防控咨询电话", in: lastGlyphs).first ?? lineStarts(of: "防控咨询电话", in: glyphs.filter { $0.page == sheets[0] }).first)
        if hotline.page == sheets[1] { #expect(hotline.y < Self.signatureTop) }
        let receipt = try #require(lineStarts(of: "签收回执", in: lastGlyphs.filter { $0.scalar != " " }).first ?? lineStarts(of: "签", in: lastGlyphs).last)
        #expect(receipt.y > Self.cutY)
        let belowCut = lastGlyphs.filter { $0.y > Self.cutY + 12 }
        #expect(!String(String.UnicodeScalarView(belowCut.map(\.scalar))).contains("单元"), "no address text below the cut line")
    }

    /// 27 #6: CJK Extension B (𠮷, U+20BB7) prints as the character: the glyph is drawn from a font that has it, and its
    /// pixels are a character's strokes, not the box a missing glyph becomes.
    @Test func anExtensionBCharacterPrintsAsItself() throws {
        let night = try Night()
        let serial = try night.serial(of: "𠮷永")
        let sheets = try night.pages(of: serial)
        let page = try #require(sheets.first)
        let glyphs = try visibleGlyphs(night.batch, pages: page...page)
        let rare = glyphs.filter { $0.scalar == Unicode.Scalar(0x20BB7) }
        try #require(!rare.isEmpty, "U+20BB7 is drawn as a glyph")
        #expect(rare.allSatisfy { $0.font.contains("HanaMin") }, "\(rare.map(\.font))")
        let g = try #require(rare.first)
        let pixels = try GrayPixels(pdf: night.batch, page: page, dpi: 300, box: (g.x, g.y - g.size * 0.9, g.x + g.size, g.y + g.size * 0.1))
        #expect(pixels.ink > pixels.width * pixels.height / 12, "the glyph has strokes: \(pixels.ink) dark pixels")
        #expect(pixels.fullHeightColumns(share: 0.9) == 0, "no box edge runs the glyph's full height")
    }

    /// 27 #6: a name with a line break in its quoted field does not push the receipt's ID line out of place.
    @Test func aNameWithALineBreakKeepsItsReceiptLine() throws {
        let night = try Night()
        let serial = try #require(night.measures.first { $0["name"].hasPrefix("张") && $0["name"].hasSuffix("建国") }?["serial"])
        let sheets = try night.pages(of: serial)
        let page = try #require(sheets.first)
        let receipt = try visibleGlyphs(night.batch, pages: page...page).filter { $0.y > Self.cutY }
        let zhang = try #require(receipt.first { $0.scalar == "张" })
        let jian = try #require(receipt.first { $0.scalar == "建" })
        #expect(abs(zhang.y - jian.y) < 0.5, "the name is on one line of the receipt")
        let idLine = try #require(lineStarts(of: "证件号码", in: receipt).first)
        #expect(idLine.y - zhang.y >= 14, "the ID line lies below the name line, not over it")
    }

    /// Converts an XLSX to PDF as an office printing it from LibreOffice would.
    func printedByLibreOffice(_ xlsx: URL) throws -> URL {
        let out = try makeTemporaryDirectory("soffice")
        // A profile of its own, so parallel conversions do not wait on one another's lock.
        let profile = try makeTemporaryDirectory("soffice-profile")
        let result = try runProgram("/usr/bin/env", ["soffice", "-env:UserInstallation=file://\(profile.path)", "--headless",
                                                     "--convert-to", "pdf", "--outdir", out.path, xlsx.path], in: out)
        try #require(result.status == 0, "\(result)")
        let pdf = out.appendingPathComponent(xlsx.deletingPathExtension().lastPathComponent + ".pdf")
        try #require(FileManager.default.fileExists(atPath: pdf.path), "\(result)")
        return pdf
    }
}
