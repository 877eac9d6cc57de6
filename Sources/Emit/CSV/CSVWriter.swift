import Foundation

/// Writes CSV as SPEC 4 requires: UTF-8 with BOM, RFC 4180 quoting, CRLF, and formula cells neutralised.
public struct CSVWriter: Sendable {
    /// Columns whose cells are numbers or dates, which are never prefixed with `'`.
    public var literalColumns: Set<Int>
    public private(set) var bytes: [UInt8]

    public init(header: [String], literalColumns: Set<Int> = []) {
        self.literalColumns = literalColumns
        bytes = [0xEF, 0xBB, 0xBF]
        appendRow(header, neutralise: false)
    }

    /// Appends one record.
    public mutating func append(_ row: [String]) {
        appendRow(row, neutralise: true)
    }

    private mutating func appendRow(_ row: [String], neutralise: Bool) {
        for (i, cell) in row.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            var utf8 = Array(cell.utf8)
            if neutralise, !literalColumns.contains(i), let first = utf8.first, CSVWriter.formulaStarts.contains(first) {
                utf8.insert(UInt8(ascii: "'"), at: 0)
            }
            if utf8.contains(where: { CSVWriter.needsQuote.contains($0) }) {
                bytes.append(UInt8(ascii: "\""))
                for b in utf8 {
                    if b == UInt8(ascii: "\"") { bytes.append(b) }
                    bytes.append(b)
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// Writes the CSV to `url`.
    public func write(to url: URL) throws {
        try Data(bytes).write(to: url)
    }

    static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@")]
    static let needsQuote: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D]
}
