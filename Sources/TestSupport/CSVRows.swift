import CCSV
import Foundation

/// Reads a CSV the program wrote, without its BOM, as rows of fields, through libcsv like the program's own
/// reader: names and addresses may be quoted and hold commas, quotes or line breaks.
public func csvRows(_ url: URL) throws -> [[String]] {
    var bytes = [UInt8](try Data(contentsOf: url))
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    let rows = CSVRowCollector()
    var parser = csv_parser()
    guard csv_init(&parser, UInt8(CSV_STRICT)) == 0 else { throw CSVRowError(url: url, reason: "libcsv could not start") }
    defer { csv_free(&parser) }
    // Fields exactly as written: libcsv would trim spaces and tabs around unquoted ones.
    csv_set_space_func(&parser) { _ in 0 }
    let context = Unmanaged.passUnretained(rows).toOpaque()
    let field: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { text, count, context in
        let rows = Unmanaged<CSVRowCollector>.fromOpaque(context!).takeUnretainedValue()
        let bytes = text.map { UnsafeRawBufferPointer(start: $0, count: count) } ?? UnsafeRawBufferPointer(start: nil, count: 0)
        rows.fields.append(String(decoding: bytes, as: UTF8.self))
    }
    let record: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
        let rows = Unmanaged<CSVRowCollector>.fromOpaque(context!).takeUnretainedValue()
        rows.rows.append(rows.fields)
        rows.fields = []
    }
    let parsed = bytes.withUnsafeBytes { csv_parse(&parser, $0.baseAddress, $0.count, field, record, context) }
    guard parsed == bytes.count, csv_fini(&parser, field, record, context) == 0 else {
        throw CSVRowError(url: url, reason: String(cString: csv_strerror(csv_error(&parser))))
    }
    return rows.rows
}

/// A CSV file libcsv refuses in strict mode (a stray quote, say).
public struct CSVRowError: Error, CustomStringConvertible {
    public var url: URL
    public var reason: String
    public var description: String { "\(url.path): \(reason)" }
}

/// What libcsv's callbacks add to, reached through their context pointer.
private final class CSVRowCollector {
    var rows: [[String]] = []
    var fields: [String] = []
}
