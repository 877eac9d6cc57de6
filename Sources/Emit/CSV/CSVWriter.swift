import Foundation

/// Writes CSV as SPEC 4 requires: UTF-8 with BOM, RFC 4180 quoting, CRLF, and formula cells neutralised.
public struct CSVWriter: Sendable {
    /// Columns whose cells are numbers or dates, which are never prefixed with `'`.
    public var literalColumns: Set<Int>
    public private(set) var bytes: [UInt8]

    /// The column of the next cell of the record being written.
    private var column = 0
    /// Whether cells are neutralised: all but the header's.
    private var neutralises = false

    public init(header: [String], literalColumns: Set<Int> = []) {
        self.literalColumns = literalColumns
        bytes = [0xEF, 0xBB, 0xBF]
        append(header)
        neutralises = true
    }

    /// Appends one record.
    public mutating func append(_ row: [String]) {
        for cell in row { append(cell: cell) }
        endRecord()
    }

    /// Makes room for `count` more bytes, so that a large file's buffer is not copied as it grows.
    public mutating func reserve(_ count: Int) {
        bytes.reserveCapacity(bytes.count + count)
    }

    /// Appends a cell to the record being written, which `endRecord()` ends.
    public mutating func append(cell: String) {
        // Native strings are contiguous UTF-8: the bytes are read in place, the string not copied.
        var cell = cell
        cell.withUTF8 { append(cell: $0) }
    }

    /// Appends a cell given as UTF-8 bytes to the record being written.
    public mutating func append(cell utf8: UnsafeBufferPointer<UInt8>) {
        if column > 0 { bytes.append(UInt8(ascii: ",")) }
        defer { column += 1 }
        // The first byte is looked at before the column: hashing the column of each of a province night's two
        // million cells cost a fifth of writing measures.csv.
        let prefix = neutralises && utf8.first.map(CSVWriter.startsFormula) == true && !literalColumns.contains(column)
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

    /// Ends the record being written.
    public mutating func endRecord() {
        bytes.append(0x0D)
        bytes.append(0x0A)
        column = 0
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
