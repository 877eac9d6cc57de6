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
            var cell = cell
            // Native strings are contiguous UTF-8: the bytes are read in place, without an array per cell.
            cell.withUTF8 { utf8 in
                // The first byte is looked at before the column: hashing the column of each of a province
                // night's two million cells cost a fifth of writing measures.csv.
                let prefix = neutralise && utf8.first.map(CSVWriter.startsFormula) == true && !literalColumns.contains(i)
                let quoted = utf8.contains(where: CSVWriter.needsQuote)
                guard prefix || quoted else {
                    bytes.append(contentsOf: utf8)
                    return
                }
                if quoted { bytes.append(UInt8(ascii: "\"")) }
                if prefix { bytes.append(UInt8(ascii: "'")) }
                for b in utf8 {
                    if b == UInt8(ascii: "\"") { bytes.append(b) }
                    bytes.append(b)
                }
                if quoted { bytes.append(UInt8(ascii: "\"")) }
            }
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// Writes the CSV to `url`.
    public func write(to url: URL) throws {
        // Lent to Data, not copied into it: a province night's measures.csv is over 20 MB.
        try bytes.withUnsafeBytes { raw in
            try Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: raw.baseAddress!), count: raw.count, deallocator: .none).write(to: url)
        }
    }

    /// A cell starting with one of these would be a formula in Excel or WPS.
    @inline(__always)
    static func startsFormula(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@")
    }

    @inline(__always)
    static func needsQuote(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 0x0A || b == 0x0D
    }
}
