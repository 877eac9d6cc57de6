import Foundation

/// One glyph drawn on a PDF page as MuPDF reads it back: what a reader sees, not the text layer behind an ellipsis.
public struct Glyph: Sendable, Hashable {
    public var page: Int
    /// The glyph's left edge and baseline, in points from the page's top left.
    public var x: Double
    public var y: Double
    public var size: Double
    public var font: String
    public var scalar: Unicode.Scalar
    /// The glyph's box: left, top, right, bottom.
    public var box: (Double, Double, Double, Double) { (x, y - size, x + size, y) }

    public static func == (a: Glyph, b: Glyph) -> Bool {
        a.page == b.page && a.x == b.x && a.y == b.y && a.scalar == b.scalar
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(page)
        hasher.combine(x)
        hasher.combine(y)
        hasher.combine(scalar)
    }
}

/// The glyphs of a PDF's pages, from `mutool draw -F stext` (Debian mupdf-tools).
public func visibleGlyphs(_ pdf: URL, pages: ClosedRange<Int>) throws -> [Glyph] {
    var glyphs: [Glyph] = []
    for page in pages {
        let result = try runProgram("/usr/bin/env", ["mutool", "draw", "-F", "stext", pdf.path, String(page)], in: pdf.deletingLastPathComponent())
        guard result.status == 0 else { throw ToolError(result) }
        var font = "", size = 0.0
        for line in result.stdout.split(separator: "\n") {
            if line.hasPrefix("<font ") {
                font = attribute("name", in: line) ?? ""
                size = attribute("size", in: line).flatMap(Double.init) ?? 0
            } else if line.hasPrefix("<char "), let x = attribute("x", in: line).flatMap(Double.init),
                      let y = attribute("y", in: line).flatMap(Double.init), let c = attribute("c", in: line), let scalar = decodeEntity(c) {
                glyphs.append(Glyph(page: page, x: x, y: y, size: size, font: font, scalar: scalar))
            }
        }
    }
    return glyphs
}

/// The number of pages of a PDF, from `pdfinfo` (poppler-utils).
public func pageCount(_ pdf: URL) throws -> Int {
    let result = try runProgram("/usr/bin/env", ["pdfinfo", pdf.path], in: pdf.deletingLastPathComponent())
    guard result.status == 0 else { throw ToolError(result) }
    let line = result.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
    return Int(line.split(separator: " ").last ?? "") ?? 0
}

/// The visible text of a page as `mutool draw -F txt` gives it.
public func visibleText(_ pdf: URL, page: Int) throws -> String {
    let result = try runProgram("/usr/bin/env", ["mutool", "draw", "-F", "txt", pdf.path, String(page)], in: pdf.deletingLastPathComponent())
    guard result.status == 0 else { throw ToolError(result) }
    return result.stdout
}

/// The text of a table column, read off the glyphs: every glyph below the column's header on each page whose left
/// edge lies in `left..<right`, top to bottom, left to right. A cell wrapped over several lines reads as one
/// string, and the column's cells follow one another, so each cell's whole text is a substring.
/// Glyphs at or below `bottom` (a page's footer) are left out.
public func columnText(_ glyphs: [Glyph], header: String, left: Double, right: Double, bottom: Double = .infinity) -> String {
    var text = String.UnicodeScalarView()
    let headerScalars = Array(header.unicodeScalars)
    for page in Set(glyphs.map(\.page)).sorted() {
        let onPage = glyphs.filter { $0.page == page }
        // The header row: the baseline where the header's characters follow each other.
        guard let headerY = lineStarts(of: headerScalars, in: onPage).first?.y else { continue }
        let cells = onPage.filter { $0.y > headerY + 1 && $0.y < bottom && $0.x >= left && $0.x < right }
            .sorted { abs($0.y - $1.y) > 0.5 ? $0.y < $1.y : $0.x < $1.x }
        text.append(contentsOf: cells.map(\.scalar))
    }
    return String(text)
}

/// Where `text` is drawn as consecutive glyphs on one baseline: the first glyph of each occurrence.
public func lineStarts(of text: String, in glyphs: [Glyph]) -> [Glyph] {
    lineStarts(of: Array(text.unicodeScalars), in: glyphs)
}

func lineStarts(of scalars: [Unicode.Scalar], in glyphs: [Glyph]) -> [Glyph] {
    guard let first = scalars.first else { return [] }
    var starts: [Glyph] = []
    for (i, g) in glyphs.enumerated() where g.scalar == first {
        var j = i, k = 1
        while k < scalars.count {
            j += 1
            // Spaces MuPDF reports between words are skipped.
            while j < glyphs.count, glyphs[j].scalar == " " { j += 1 }
            guard j < glyphs.count, glyphs[j].page == g.page, abs(glyphs[j].y - g.y) < 0.5, glyphs[j].scalar == scalars[k] else { break }
            k += 1
        }
        if k == scalars.count { starts.append(g) }
    }
    return starts
}

/// A grey page rendered by `pdftoppm -gray` as PGM, cropped to a box in points, for checking what was drawn.
public struct GrayPixels: Sendable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt8]

    /// Renders `page` of `pdf` at `dpi` and keeps the box (left, top, right, bottom, in points).
    public init(pdf: URL, page: Int, dpi: Double, box: (Double, Double, Double, Double)) throws {
        let scale = dpi / 72
        let (x, y) = (Int(box.0 * scale), Int(box.1 * scale))
        let (w, h) = (max(1, Int((box.2 - box.0) * scale)), max(1, Int((box.3 - box.1) * scale)))
        let out = try makeTemporaryDirectory("pixels").appendingPathComponent("crop")
        let result = try runProgram("/usr/bin/env", ["pdftoppm", "-r", String(Int(dpi)), "-gray", "-f", String(page), "-l", String(page),
                                                     "-x", String(x), "-y", String(y), "-W", String(w), "-H", String(h),
                                                     "-singlefile", pdf.path, out.path], in: pdf.deletingLastPathComponent())
        guard result.status == 0 else { throw ToolError(result) }
        let data = [UInt8](try Data(contentsOf: out.appendingPathExtension("pgm")))
        // P5, width, height, maxval, each followed by whitespace, then the bytes.
        var fields: [Int] = [], i = 2, number = ""
        while fields.count < 3, i < data.count {
            let c = data[i]
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") { number.append(Character(Unicode.Scalar(c))) } else if !number.isEmpty {
                fields.append(Int(number) ?? 0)
                number = ""
            }
            i += 1
        }
        guard fields.count == 3 else { throw ToolError(result) }
        width = fields[0]
        height = fields[1]
        pixels = Array(data[i...].prefix(width * height))
    }

    /// Pixels darker than mid-grey.
    public var ink: Int { pixels.lazy.filter { $0 < 128 }.count }

    /// Columns inked over at least `share` of the height: a box drawn round a missing glyph has two.
    public func fullHeightColumns(share: Double) -> Int {
        (0..<width).filter { x in
            let inked = (0..<height).lazy.filter { self.pixels[$0 * self.width + x] < 128 }.count
            return Double(inked) >= share * Double(height)
        }.count
    }
}

/// A PDF tool failed; the command and its output say why.
public struct ToolError: Error, CustomStringConvertible {
    public var result: CommandResult
    init(_ result: CommandResult) { self.result = result }
    public var description: String { "\(result)" }
}

private func attribute(_ name: String, in line: Substring) -> String? {
    guard let start = line.range(of: " \(name)=\"") else { return nil }
    let rest = line[start.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { return nil }
    return String(rest[..<end])
}

private func decodeEntity(_ text: String) -> Unicode.Scalar? {
    switch text {
    case "&amp;": return "&"
    case "&lt;": return "<"
    case "&gt;": return ">"
    case "&quot;": return "\""
    case "&apos;": return "'"
    default: break
    }
    if text.hasPrefix("&#x"), text.hasSuffix(";"), let value = UInt32(text.dropFirst(3).dropLast(), radix: 16) {
        return Unicode.Scalar(value)
    }
    if text.hasPrefix("&#"), text.hasSuffix(";"), let value = UInt32(text.dropFirst(2).dropLast()) {
        return Unicode.Scalar(value)
    }
    return text.unicodeScalars.count == 1 ? text.unicodeScalars.first : nil
}
