import Foundation
import Testing
import TestSupport
@testable import Ingest

/// Inputs found by the fuzz targets (`scripts/fuzz.sh`, docs/fuzzing.md), kept under `fixtures/fuzz/TARGET/`.
@Suite struct FuzzRegressionTests {
    static let chunks = fixtures.appendingPathComponent("fuzz").appendingPathComponent("chunks")

    /// `chunks`: when the header line ends with a lone CR (libcsv ends the header record there, the physical
    /// line goes on to the next LF), the header is read by feeding the whole line, so the records after the
    /// CR are fed to the header's scanner, which drops them, and `dataStart` lies past them. Read in blocks
    /// smaller than the line, they are delivered. A record never silently disappears (SPEC 1.1): one pass in
    /// 1 MiB blocks must deliver what one in 1-byte blocks does, and at least the one record of the minimal
    /// file.
    @Test(arguments: ["header-ends-with-lone-cr.csv", "header-ends-with-lone-cr-min.csv"])
    func recordsAfterAHeaderEndingInALoneCRAreNotLost(fixture: String) throws {
        let path = Self.chunks.appendingPathComponent(fixture).path
        let (_, whole) = try readAll(path: path, schema: .travel)
        let (_, small) = try readAll(path: path, schema: .travel, chunkSize: 1)
        #expect(whole.count == small.count, "one pass: \(whole), 1-byte blocks: \(small)")
        #expect(!whole.isEmpty)
    }
}
