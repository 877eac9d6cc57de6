import Foundation
import Testing
import TestSupport
@testable import Ingest

/// Random damage to real workbooks: every outcome is rows or an `XLSXError` that prints cleanly, never a crash,
/// a hang or another kind of error (run with more cases: XLSX_FUZZ_CASES=20000 swift test --filter XLSXFuzz).
@Suite struct XLSXFuzzTests {
    /// SplitMix64, so a failing case can be found again from its number.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func damagedBytesGiveRowsOrAnError() throws {
        let names = ["libxlsxwriter_shared.xlsx", "libxlsxwriter_inline.xlsx", "openpyxl.xlsx", "escapes.xlsx", "tabs.xlsx"]
        let originals = try names.map { try [UInt8](Data(contentsOf: URL(fileURLWithPath: xlsxFixture($0)))) }
        let cases = Int(ProcessInfo.processInfo.environment["XLSX_FUZZ_CASES"] ?? "") ?? 300
        let directory = try makeTemporaryDirectory("xlsx-fuzz")
        var outcomes = (rows: 0, errors: 0)
        for i in 0..<cases {
            var random = Generator(state: UInt64(i))
            var bytes = originals[i % originals.count]
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes[at] ^= 1 << UInt8.random(in: 0...7, using: &random)
                default: bytes[at] = [0x00, 0xFF, 0x3C, 0x3E, 0x22, 0x5F][Int.random(in: 0..<6, using: &random)]
                }
            }
            let path = directory.appendingPathComponent("case\(i).xlsx").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                let book = try XLSXWorkbook(path: path)
                for sheet in book.sheets where sheet.isWorksheet {
                    try book.forEachRow(sheet: sheet.name) { row in
                        for j in 0..<row.fieldCount where row.kind(j) != .empty { #expect(!row.field(j).isEmpty) }
                        _ = row.raw
                    }
                }
                outcomes.rows += 1
            } catch let error as XLSXError {
                let description = error.description
                #expect(!description.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                        "case \(i): \(description)")
                outcomes.errors += 1
            } catch {
                Issue.record("case \(i): \(error)")
            }
        }
        // Both outcomes occur: the damage reaches parts that matter and parts that do not.
        #expect(outcomes.rows > 0 && outcomes.errors > 0, "\(outcomes)")
    }
}
