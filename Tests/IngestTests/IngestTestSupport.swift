import Foundation
import Glibc
@testable import Ingest
import TestSupport

/// A record copied out of a `RecordView` so tests can compare it after the pass.
struct Row: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [String]
    var problem: RecordProblem?
    var raw: String

    var description: String { "\(line): \(fields) \(problem.map { "\($0)" } ?? "") raw=\(raw.debugDescription)" }
}

/// Writes `bytes` to `name` in a fresh temporary directory and returns the path.
func writeFile(_ bytes: [UInt8], name: String = "feed.csv") throws -> String {
    let dir = try makeTemporaryDirectory("ingest")
    let url = dir.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

func writeFile(_ text: String, name: String = "feed.csv") throws -> String {
    try writeFile(Array(text.utf8), name: name)
}

/// Encodes UTF-8 text as GB18030 with iconv, as a GBK export tool would.
func gb18030(_ text: String) -> [UInt8] {
    let cd = iconv_open("GB18030", "UTF-8")
    defer { iconv_close(cd) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
    var inLeft = input.count
    var outLeft = output.count
    input.withUnsafeMutableBytes { inRaw in
        output.withUnsafeMutableBytes { outRaw in
            var inPtr: UnsafeMutablePointer<CChar>? = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
            var outPtr: UnsafeMutablePointer<CChar>? = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
            _ = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
        }
    }
    precondition(inLeft == 0, "test text not encodable in GB18030")
    return Array(output.prefix(output.count - outLeft))
}

/// Reads every record of a file into `Row`s, schema columns in schema order.
func readAll(
    path: String, schema: FeedSchema = .regions, encoding: TextEncoding = .auto,
    columnMap: [String: String] = [:], chunkSize: Int = 1 << 20
) throws -> (reader: FeedReader, rows: [Row]) {
    let reader = try FeedReader(
        input: FeedInput(feed: "test", path: path, encoding: encoding, columnMap: columnMap),
        schema: schema, chunkSize: chunkSize)
    var rows: [Row] = []
    try reader.forEachRecord { record in
        rows.append(Row(line: record.line,
                        fields: schema.columns.indices.map { record.string($0) },
                        problem: record.problem, raw: record.raw))
    }
    return (reader, rows)
}

/// The regions schema's header in canonical names, for short fixtures.
let regionsHeader = "region_code,region_name,risk_level,from,to\n"
