import Foundation

/// Writes CSV as SPEC 4 requires: UTF-8 with BOM, RFC 4180 quoting, CRLF, and formula cells neutralised.
///
/// Other formats (no BOM, LF, nothing neutralised) are for feeds the generator writes as other systems export them.
public struct CSVWriter: Sendable {
    /// How the bytes around the cells look.
    public struct Format: Sendable, Hashable {
        public var byteOrderMark: Bool
        /// `\r\n` (SPEC 4) or `\n`.
        public var crlf: Bool
        /// Whether cells that begin with `= + - @` get a `'` (SPEC 4).
        public var neutralisesFormulas: Bool

        public init(byteOrderMark: Bool, crlf: Bool, neutralisesFormulas: Bool) {
            self.byteOrderMark = byteOrderMark
            self.crlf = crlf
            self.neutralisesFormulas = neutralisesFormulas
        }

        /// What every CSV the program publishes looks like (SPEC 4).
        public static let published = Format(byteOrderMark: true, crlf: true, neutralisesFormulas: true)
    }

    /// Columns whose cells are numbers or dates, which are never prefixed with `'`.
    public var literalColumns: Set<Int>
    public private(set) var bytes: [UInt8]
    public let format: Format

    /// The column of the next cell of the record being written.
    private var column = 0
    /// Whether cells are neutralised: all but the header's.
    private var neutralises = false

    public init(header: [String], literalColumns: Set<Int> = [], format: Format = .published) {
        self.literalColumns = literalColumns
        self.format = format
        bytes = format.byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        append(header)
        neutralises = format.neutralisesFormulas
    }

    /// Hands over the bytes written so far and starts again empty, keeping the buffer's room (see `CSVFile`).
    mutating func drain(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try bytes.withUnsafeBytes(body)
        bytes.removeAll(keepingCapacity: true)
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
        // The first byte is looked at before the column: most cells never need the column's set hashed.
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
        if format.crlf { bytes.append(0x0D) }
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

/// A CSV written to its file as it is built, for files too large to hold in memory (generated feeds).
public final class CSVFile {
    public let url: URL
    /// The records being built; `endRecord()` on this file (not on the writer) writes them out now and then.
    public var csv: CSVWriter
    private let handle: FileHandle
    /// Bytes written to the file so far.
    public private(set) var written = 0
    private static let flushAt = 4 << 20

    /// Creates (or empties) the file and writes the header.
    public init(url: URL, header: [String], format: CSVWriter.Format) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        csv = CSVWriter(header: header, format: format)
        csv.reserve(Self.flushAt + (64 << 10))
    }

    /// Ends the record being built, writing the buffer out once it is large.
    public func endRecord() throws {
        csv.endRecord()
        if csv.bytes.count >= Self.flushAt { try flush() }
    }

    private func flush() throws {
        try csv.drain { raw in
            try handle.write(contentsOf: Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: raw.baseAddress!), count: raw.count, deallocator: .none))
            written += raw.count
        }
    }

    /// Writes what is left and closes the file; returns its size.
    public func finish() throws -> Int {
        if !csv.bytes.isEmpty { try flush() }
        try handle.close()
        return written
    }
}
