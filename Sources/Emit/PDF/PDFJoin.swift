import CQPDF
import Foundation

/// Joins PDF files page by page into one (qpdf), so one community's large batch can be drawn on several cores.
enum PDFJoin {
    /// Writes the pages of `parts`, in order, to `output`; the same parts always give the same bytes.
    static func join(_ parts: [URL], into output: URL) throws {
        var target: qpdf_data? = quiet(qpdf_init())
        var sources: [qpdf_data?] = []
        defer {
            for i in sources.indices { qpdf_cleanup(&sources[i]) }
            qpdf_cleanup(&target)
        }
        guard let first = parts.first else { return }
        try check(target, qpdf_read(target, first.path, nil), file: first)
        for part in parts.dropFirst() {
            var source: qpdf_data? = quiet(qpdf_init())
            sources.append(source)
            try check(source, qpdf_read(source, part.path, nil), file: part)
            for page in 0..<Int(qpdf_get_num_pages(source)) {
                try check(target, qpdf_add_page(target, source, qpdf_get_page_n(source, page), QPDF_FALSE), file: part)
            }
            source = nil
        }
        try check(target, qpdf_init_write(target, output.path), file: output)
        qpdf_set_deterministic_ID(target, QPDF_TRUE)
        try check(target, qpdf_write(target), file: output)
    }

    /// A qpdf handle that writes nothing to stderr: cairo's PDFs draw warnings about repeated resource names
    /// (harmless: readers take the last), and errors are reported through `check`.
    private static func quiet(_ qpdf: qpdf_data?) -> qpdf_data? {
        qpdf_set_suppress_warnings(qpdf, QPDF_TRUE)
        qpdf_silence_errors(qpdf)
        return qpdf
    }

    /// Turns a qpdf error into a thrown one.
    private static func check(_ qpdf: qpdf_data?, _ code: QPDF_ERROR_CODE, file: URL) throws {
        guard code & QPDF_ERRORS != 0 else { return }
        let text = qpdf_get_error(qpdf).map { String(cString: qpdf_get_error_full_text(qpdf, $0)) } ?? "unknown error"
        throw PDFRenderError.join(path: file.path, reason: text)
    }
}
