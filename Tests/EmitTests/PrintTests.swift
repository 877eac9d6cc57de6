import CPangoCairo
import Foundation
import Testing
import TestSupport
@testable import Emit

/// Printing through a real CUPS scheduler with the cups-pdf virtual printer set up by scripts/cups-test-printer.sh.
@Suite(.serialized, .tags(.cups)) struct PrintTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs the setup script and returns the folder cups-pdf writes to.
    static func testPrinter(_ queue: String = "PDF") throws -> URL {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [root.appendingPathComponent("scripts/cups-test-printer.sh").path, queue]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "scripts/cups-test-printer.sh failed:\n\(stdout)\n\(stderr)")
        let dir = try #require(stdout.split(separator: "\n").last.map(String.init), "the script printed no output folder")
        return URL(fileURLWithPath: dir)
    }

    /// A one-page A4 PDF drawn with Cairo.
    static func onePagePDF(at url: URL) throws {
        let surface = cairo_pdf_surface_create(url.path, 595, 842)
        let cr = cairo_create(surface)
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_rectangle(cr, 72, 72, 200, 100)
        cairo_fill(cr)
        cairo_show_page(cr)
        let status = cairo_status(cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let surfaceStatus = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        try #require(status == CAIRO_STATUS_SUCCESS && surfaceStatus == CAIRO_STATUS_SUCCESS)
    }

    @Test func printsAPDFToTheCupsPDFPrinter() async throws {
        let output = try Self.testPrinter()
        let dir = try makeTemporaryDirectory("print-tests")
        let pdf = dir.appendingPathComponent("notice.pdf")
        try Self.onePagePDF(at: pdf)
        #expect(Printer.destinations().contains("PDF"))

        // cups-pdf names its output after the job title (`<title>-job_<id>.pdf` with Debian's Label setting).
        let title = "riskscreen-test-\(UInt32.random(in: 0...UInt32.max))"
        let jobs = try Printer.send(files: [pdf], printer: "PDF", copies: 1, title: title)
        #expect(jobs.count == 1)
        let job = try #require(jobs.first)
        #expect(job > 0)

        let found = try await printedPDF(in: output) { $0.hasPrefix(title) }
        let printed = try #require(found, "no PDF of job \(job) titled \(title) in \(output.path) within 90 s; see /var/log/cups/error_log")
        let bytes = try Data(contentsOf: printed)
        #expect(bytes.starts(with: Array("%PDF".utf8)))
        try? FileManager.default.removeItem(at: printed)
    }

    @Test func unknownPrinterNamesThePrintersThatExist() throws {
        _ = try Self.testPrinter()
        let dir = try makeTemporaryDirectory("print-tests")
        let pdf = dir.appendingPathComponent("notice.pdf")
        try Self.onePagePDF(at: pdf)
        #expect {
            try Printer.send(files: [pdf], printer: "office", copies: 1, title: "t")
        } throws: { error in
            guard let error = error as? PrintError, case let .printerNotFound(name, available, _, _) = error else { return false }
            return name == "office" && available.contains("PDF")
                && error.description.hasPrefix("printer 'office' not found; printers here: ") && error.description.contains("PDF")
        }
    }

    @Test func missingFileIsRefusedBeforeAnythingIsSent() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/notice.pdf")
        #expect(throws: PrintError.unreadableFile(missing.path)) {
            try Printer.send(files: [missing], printer: "PDF", copies: 1, title: "t")
        }
        #expect(throws: PrintError.invalidCopies(0)) {
            try Printer.send(files: [], printer: "PDF", copies: 0, title: "t")
        }
    }

    @Test func queuedJobsCanBeCancelled() throws {
        // A queue of its own, stopped, so the job waits to be cancelled instead of printing at once.
        _ = try Self.testPrinter("riskscreen-held")
        let stop = try Process.run(URL(fileURLWithPath: "/usr/sbin/cupsdisable"), arguments: ["riskscreen-held"])
        stop.waitUntilExit()
        try #require(stop.terminationStatus == 0)
        let dir = try makeTemporaryDirectory("print-tests")
        let pdf = dir.appendingPathComponent("notice.pdf")
        try Self.onePagePDF(at: pdf)

        let jobs = try Printer.send(files: [pdf, pdf], printer: "riskscreen-held", copies: 2, title: "held")
        #expect(jobs.count == 2 && jobs[0] < jobs[1])
        try Printer.cancel(jobs: jobs, printer: "riskscreen-held")
        #expect(throws: PrintError.self) { try Printer.cancel(jobs: [999_999], printer: "riskscreen-held") }
    }
}
