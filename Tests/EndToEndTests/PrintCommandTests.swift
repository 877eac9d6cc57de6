import Foundation
import Testing
import TestSupport

/// `riskscreen print` against a real CUPS scheduler with the cups-pdf printer of scripts/cups-test-printer.sh.
@Suite(.serialized, .tags(.cups)) struct PrintCommandTests {
    /// Sets up the `PDF` queue and returns where cups-pdf writes what it prints.
    func printer() throws -> URL {
        let setup = try runProgram(packageRoot.appendingPathComponent("scripts/cups-test-printer.sh").path, ["PDF"], in: packageRoot)
        try #require(setup.status == 0, "\(setup)")
        return URL(fileURLWithPath: setup.lastLine)
    }

    @Test func printsACommunityBatchAndTheFileArrives() async throws {
        let output = try printer()
        let dir = try freshCopy(ofFixture: "demo")
        let run = try riskscreen(["run", "--config", "riskscreen.toml", "--out", "out", "--state", "state/s.sqlite"], in: dir)
        try #require(run.status == 0, "\(run)")
        let printed = try riskscreen(["print", "--out", "out", "--community", "330111004002", "--printer", "PDF"], in: dir)
        #expect(printed.status == 0, "\(printed)")
        // One line per batch: `notices-330111004002.pdf: job PDF-<id>`.
        let line = try #require(printed.stdout.split(separator: "\n").first.map(String.init), "\(printed)")
        #expect(line.hasPrefix("notices-330111004002.pdf: job PDF-"), "\(printed)")
        let job = try #require(line.split(separator: "-").last.map(String.init))

        let file = try await printedPDF(in: output) { $0.contains("job_\(job)") }
        let arrived = file != nil
        if let file { try? FileManager.default.removeItem(at: file) }
        #expect(arrived, "job \(job) did not arrive in \(output.path) within 90 s; see /var/log/cups/error_log")
    }

    @Test func anUnknownPrinterIsRefusedNamingThePrintersThatExist() throws {
        _ = try printer()
        let dir = try freshCopy(ofFixture: "demo")
        let run = try riskscreen(["run", "--config", "riskscreen.toml", "--out", "out", "--state", "state/s.sqlite"], in: dir)
        try #require(run.status == 0, "\(run)")
        let printed = try riskscreen(["print", "--out", "out", "--all", "--printer", "office"], in: dir)
        #expect(printed.status == 2, "\(printed)")
        #expect(printed.stderr.contains("printer 'office' not found") && printed.stderr.contains("PDF"), "\(printed)")
        let usage = try riskscreen(["print", "--out", "out", "--printer", "PDF"], in: dir)
        #expect(usage.status == 1, "neither --community nor --all: \(usage)")
    }
}
