import CPangoCairo
import CQREncode
import RiskModel

/// A Pango font map with its context, owned by one thread: Pango objects must not cross threads.
final class TextEngine {
    let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer
    private var fonts: [String: OpaquePointer] = [:]

    init() {
        fontMap = pango_cairo_font_map_new()
        // Cairo's PDF unit is the point, so fonts are sized at 72 dpi.
        pango_cairo_font_map_set_resolution(OpaquePointer(fontMap), 72)
        context = pango_font_map_create_context(fontMap)
        let options = cairo_font_options_create()
        // Unhinted metrics keep text positions identical at every zoom and on every printer.
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
    }

    deinit {
        for font in fonts.values { pango_font_description_free(font) }
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
    }

    private var bodySizes: [Double: OpaquePointer] = [:]

    /// The body face at a size, without building a font string per call.
    func body(_ size: Double) -> OpaquePointer {
        if let font = bodySizes[size] { return font }
        let font = self.font("\(Fonts.body) \(size)")
        bodySizes[size] = font
        return font
    }

    /// A font description parsed once per engine, e.g. `AR PL UMing CN 12`.
    func font(_ spec: String) -> OpaquePointer {
        if let font = fonts[spec] { return font }
        let font = pango_font_description_from_string(spec)!
        fonts[spec] = font
        return font
    }
}

/// A reusable Pango layout: set text, measure, draw.
final class TextBox {
    let layout: OpaquePointer
    let engine: TextEngine

    init(_ engine: TextEngine, font: String, width: Double? = nil, alignment: PangoAlignment = PANGO_ALIGN_LEFT,
         lineSpacing: Double = 0, indent: Double = 0, ellipsize: Bool = false) {
        self.engine = engine
        layout = pango_layout_new(engine.context)
        pango_layout_set_font_description(layout, engine.font(font))
        if let width { pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE))) }
        pango_layout_set_alignment(layout, alignment)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        if lineSpacing > 0 { pango_layout_set_line_spacing(layout, Float(lineSpacing)) }
        if indent != 0 { pango_layout_set_indent(layout, Int32(indent * Double(PANGO_SCALE))) }
        if ellipsize { pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END) }
    }

    /// A box holding fixed text, for labels shaped once and drawn on every page.
    convenience init(_ engine: TextEngine, font: String, text: String, width: Double? = nil,
                     alignment: PangoAlignment = PANGO_ALIGN_LEFT, letterSpacing: Double = 0) {
        self.init(engine, font: font, width: width, alignment: alignment)
        if letterSpacing > 0 {
            let attrs = pango_attr_list_new()
            pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(Int32(letterSpacing * Double(PANGO_SCALE))))
            pango_layout_set_attributes(layout, attrs)
            pango_attr_list_unref(attrs)
            pango_layout_set_text(layout, text, -1)
        } else {
            set(text)
        }
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }

    /// Replaces the text, dropping attributes of earlier text (they are tied to byte ranges).
    @discardableResult
    func set(_ text: String) -> TextBox {
        pango_layout_set_attributes(layout, nil)
        pango_layout_set_text(layout, text, -1)
        return self
    }

    func setFont(_ spec: String) { pango_layout_set_font_description(layout, engine.font(spec)) }

    func setFont(_ font: OpaquePointer) { pango_layout_set_font_description(layout, font) }

    func setWidth(_ width: Double) { pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE))) }

    /// Logical size in points.
    var size: (width: Double, height: Double) {
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        return (Double(w) / Double(PANGO_SCALE), Double(h) / Double(PANGO_SCALE))
    }

    var height: Double { size.height }

    /// Draws with the top-left corner at (x, y).
    func draw(_ page: Canvas, x: Double, y: Double) {
        cairo_move_to(page.cr, x, y)
        pango_cairo_show_layout(page.cr, layout)
    }

    /// Where each line of the text as set lies, in points from the box's top: what a paragraph split across
    /// sheets is cut by.
    func lineExtents() -> [LineExtent] {
        guard let iter = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iter) }
        let scale = Double(PANGO_SCALE)
        var lines: [LineExtent] = []
        repeat {
            var top: Int32 = 0, bottom: Int32 = 0
            pango_layout_iter_get_line_yrange(iter, &top, &bottom)
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &logical)
            lines.append(LineExtent(top: Double(top) / scale, bottom: Double(bottom) / scale,
                                    baseline: Double(pango_layout_iter_get_baseline(iter)) / scale, x: Double(logical.x) / scale))
        } while pango_layout_iter_next_line(iter) != 0
        return lines
    }

    /// Draws the lines `range` of the text as set, the first one's top at `y`.
    func drawLines(_ range: Range<Int>, of lines: [LineExtent], canvas: Canvas, x: Double, y: Double) {
        guard let first = range.first else { return }
        let offset = lines[first].top
        for i in range {
            guard let line = pango_layout_get_line_readonly(layout, Int32(i)) else { continue }
            cairo_move_to(canvas.cr, x + lines[i].x, y + lines[i].baseline - offset)
            pango_cairo_show_layout_line(canvas.cr, line)
        }
    }
}

/// One line of a laid-out text box, in points from the box's top.
struct LineExtent {
    var top: Double
    var bottom: Double
    var baseline: Double
    /// Where the line starts, after indentation or alignment.
    var x: Double
}

/// A PDF file being written page by page, with its Cairo context.
final class Canvas {
    let surface: OpaquePointer
    let cr: OpaquePointer
    let path: String
    private(set) var pages = 0

    static let width = 595.28
    static let height = 841.89

    init(path: String, createdOn: String, title: String) throws {
        self.path = path
        guard let surface = cairo_pdf_surface_create(path, Canvas.width, Canvas.height) else {
            throw PDFRenderError.cairo(path: path, page: 0, status: PaperText.cannotCreateSurface().description)
        }
        self.surface = surface
        // Fixed metadata: without it cairo stamps the wall clock and reruns differ byte for byte.
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, createdOn)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "riskscreen")
        cr = cairo_create(surface)
        try check(page: 0)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    /// Ends the page and fails if Cairo stopped drawing (it can do so silently).
    func endPage() throws {
        cairo_show_page(cr)
        pages += 1
        try check(page: pages)
    }

    /// Writes out the file (fonts are subset and embedded here).
    func finish() throws {
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PDFRenderError.cairo(path: path, page: pages, status: String(cString: cairo_status_to_string(status)))
        }
    }

    func check(page: Int) throws {
        var status = cairo_status(cr)
        if status == CAIRO_STATUS_SUCCESS { status = cairo_surface_status(surface) }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PDFRenderError.cairo(path: path, page: page, status: String(cString: cairo_status_to_string(status)))
        }
    }

    func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, width: Double = 0.6) {
        cairo_set_line_width(cr, width)
        cairo_move_to(cr, x0, y0)
        cairo_line_to(cr, x1, y1)
        cairo_stroke(cr)
    }

    func rectangle(_ x: Double, _ y: Double, _ w: Double, _ h: Double, width: Double = 0.6) {
        cairo_set_line_width(cr, width)
        cairo_rectangle(cr, x, y, w, h)
        cairo_stroke(cr)
    }

    func dashed(_ x0: Double, _ y: Double, _ x1: Double) {
        let dashes: [Double] = [4, 3]
        cairo_set_dash(cr, dashes, 2, 0)
        line(x0, y, x1, y, width: 0.5)
        cairo_set_dash(cr, nil, 0, 0)
    }

    func gray(_ level: Double) { cairo_set_source_rgb(cr, level, level, level) }
}

/// A QR code from libqrencode, freed when dropped.
final class QRCode {
    let code: UnsafeMutablePointer<QRcode>

    /// Encodes text at error-correction level M, or nil when libqrencode refuses it.
    init?(_ text: String) {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        self.code = code
    }

    deinit { QRcode_free(code) }

    /// The code as a stamp `size` points square, so the notice and its receipt share one drawing.
    func stamp(size: Double) -> Stamp {
        Stamp(width: size, height: size) { cr in self.draw(cr, x: 0, y: 0, size: size) }
    }

    /// Fills the dark modules in a square of `size` points; runs of modules in a row become one rectangle.
    func draw(_ cr: OpaquePointer, x: Double, y: Double, size: Double) {
        let n = Int(code.pointee.width)
        // A quiet zone of 2 modules each side keeps scanners happy without wasting paper.
        let module = size / Double(n + 4)
        let data = code.pointee.data!
        for row in 0..<n {
            var col = 0
            while col < n {
                guard data[row * n + col] & 1 == 1 else { col += 1; continue }
                let start = col
                while col < n, data[row * n + col] & 1 == 1 { col += 1 }
                cairo_rectangle(cr, x + Double(start + 2) * module, y + Double(row + 2) * module,
                                Double(col - start) * module, module)
            }
        }
        cairo_fill(cr)
    }
}

/// Cairo failed while writing a PDF; the file is incomplete and must not be printed.
public enum PDFRenderError: Error, CustomStringConvertible, Equatable {
    case cairo(path: String, page: Int, status: String)
    case qrCode(serial: String)
    case join(path: String, reason: String)

    public var message: Message {
        switch self {
        case let .cairo(path, page, status): PaperText.cairoFailed(["path": path, "page": page, "status": status])
        case let .qrCode(serial): PaperText.qrCode(["serial": serial])
        case let .join(path, reason): PaperText.joinFailed(["path": path, "reason": reason])
        }
    }

    public var description: String { message.description }
}

/// Drawing recorded once and replayed: cairo writes it to the PDF as one form XObject that every page references.
///
/// Cairo's PDF surface spends most of its time formatting numbers and compressing; a block drawn
/// on thousands of pages (labels, obligations, the cut line) costs one reference per page this way.
final class Stamp {
    let surface: OpaquePointer
    let width: Double
    let height: Double

    /// Records `draw` into a box of the given size (with a small margin for ink outside the logical box).
    init(width: Double, height: Double, _ draw: (OpaquePointer) -> Void) {
        var extents = cairo_rectangle_t(x: -4, y: -4, width: width + 8, height: height + 8)
        surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)
        let cr = cairo_create(surface)!
        draw(cr)
        cairo_destroy(cr)
        self.width = width
        self.height = height
    }

    /// A stamp of one text box as it is now set.
    convenience init(_ box: TextBox) {
        // Centred or indented text starts right of the layout origin: cover up to the logical box's right edge.
        var logical = PangoRectangle()
        pango_layout_get_extents(box.layout, nil, &logical)
        let scale = Double(PANGO_SCALE)
        self.init(width: Double(logical.x + logical.width) / scale, height: Double(logical.y + logical.height) / scale) { cr in
            cairo_move_to(cr, 0, 0)
            pango_cairo_show_layout(cr, box.layout)
        }
    }

    deinit { cairo_surface_destroy(surface) }

    var size: (width: Double, height: Double) { (width, height) }

    func draw(_ page: Canvas, x: Double, y: Double) {
        cairo_set_source_surface(page.cr, surface, x, y)
        cairo_paint(page.cr)
        cairo_set_source_rgb(page.cr, 0, 0, 0)
    }

    /// Draws scaled so the stamp is `width` points wide.
    func draw(_ page: Canvas, x: Double, y: Double, width target: Double) {
        cairo_save(page.cr)
        cairo_translate(page.cr, x, y)
        cairo_scale(page.cr, target / width, target / width)
        cairo_set_source_surface(page.cr, surface, 0, 0)
        cairo_paint(page.cr)
        cairo_restore(page.cr)
        cairo_set_source_rgb(page.cr, 0, 0, 0)
    }
}
