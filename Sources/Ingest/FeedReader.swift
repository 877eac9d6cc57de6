import Glibc
import Machinery

/// Streams one feed file: header mapping at `init`, then records with line numbers, in 1 MiB reads.
///
/// A CSV file is read with libcsv; an XLSX workbook (SPEC 11: by its name, or a ZIP or OLE file whatever its name)
/// with `XLSXWorkbook`, its rows delivered as the same `RecordView`s (line = the sheet's row number), so the feed
/// readers do not tell the two apart.
public final class FeedReader {
    public let input: FeedInput
    public let schema: FeedSchema
    /// Header texts as found (decoded, trimmed).
    public let header: [String]
    public let mapping: ColumnMapping
    /// Canonical column name → the header text this file spells it with (`id_no` → `身份证号`), for messages (SPEC 11).
    public let headerNames: [String: String]
    /// The file's encoding with `auto` resolved.
    public let encoding: TextEncoding
    /// The byte that ends the file's lines: LF (LF and CRLF files) or CR.
    public let lineEnd: UInt8
    /// Byte offset of the first byte after the header record, and the line it is on.
    public let dataStart: Int
    public let dataStartLine: Int
    /// Complete after a full `forEachRecord(_:)`; before that only `bytes` and `encoding` are set.
    public internal(set) var stats: FeedStats
    /// Called after each read of a full pass (`forEachRecord(_:)`) with the bytes read so far and the file's size.
    public var progress: ((_ bytesRead: Int, _ totalBytes: Int) -> Void)?
    /// Becomes the `progress` of readers created while it is bound, so a caller layers up can watch reads it does not make.
    @TaskLocal public static var progressHook: (@Sendable (_ path: String, _ bytesRead: Int, _ totalBytes: Int) -> Void)?

    let file: MappedFile
    let chunkSize: Int
    private let maxRecordBytes: Int
    private let decoder: GB18030Decoder?
    /// For each file column, the name used in problems: canonical if mapped, else the header text.
    let columnNames: [String]
    /// For each file column the feed uses, how SPEC 1.1's text rules check it (`TextRules`).
    let textColumns: [TextRules.Column?]
    private let blankLinesBeforeHeader: Int
    /// The workbook, when the file is one; its header is the sheet's first non-blank row.
    let workbook: XLSXWorkbook?

    /// Whether the file is an XLSX workbook rather than CSV.
    public var isWorkbook: Bool { workbook != nil }

    public init(
        input: FeedInput, schema: FeedSchema, chunkSize: Int = 1 << 20, maxRecordBytes: Int = 1 << 20
    ) throws(IngestError) {
        self.input = input
        self.schema = schema
        self.chunkSize = max(chunkSize, 1)
        self.maxRecordBytes = maxRecordBytes
        let file = try MappedFile.open(input.path)
        self.file = file

        let sniffed: FeedSniffer
        if WorkbookSniffer.isWorkbook(file) {
            let (book, found) = try WorkbookSniffer.open(input)
            workbook = book
            sniffed = FeedSniffer(encoding: .utf8, decoder: nil, header: found.header, lineEnd: 0x0A, dataStart: file.size,
                                  dataStartLine: found.row + 1, blankLinesBeforeHeader: found.row - 1)
        } else {
            workbook = nil
            sniffed = try FeedSniffer.sniff(file, input: input, chunkSize: self.chunkSize, maxRecordBytes: maxRecordBytes)
        }
        encoding = sniffed.encoding
        decoder = sniffed.decoder
        header = sniffed.header
        lineEnd = sniffed.lineEnd
        dataStart = sniffed.dataStart
        dataStartLine = sniffed.dataStartLine
        blankLinesBeforeHeader = sniffed.blankLinesBeforeHeader
        let trimmedHeader = sniffed.header
        let mapping = try ColumnMapping.resolve(
            header: trimmedHeader, schema: schema, columnMap: input.columnMap, file: input.path, feed: input.feed)
        self.mapping = mapping
        var headerNames: [String: String] = [:]
        for (i, j) in mapping.fileColumn.enumerated() where j >= 0 && !trimmedHeader[j].isEmpty {
            headerNames[schema.columns[i].name] = trimmedHeader[j]
        }
        self.headerNames = headerNames
        columnNames = trimmedHeader.indices.map { j in
            if let i = mapping.fileColumn.firstIndex(of: j) { return schema.columns[i].name }
            return trimmedHeader[j].isEmpty ? "column \(j + 1)" : trimmedHeader[j]
        }
        textColumns = trimmedHeader.indices.map { j in
            mapping.fileColumn.firstIndex(of: j).map { TextRules.Column(name: schema.columns[$0].name, lineBreaks: schema.columns[$0].lineBreaks) }
        }
        stats = FeedStats(bytes: file.size, sha256: "", records: 0, lines: 0, blankLines: 0, encoding: sniffed.encoding)
        if let hook = FeedReader.progressHook {
            let path = input.path
            progress = { hook(path, $0, $1) }
        }
    }

    /// Reads every data record in file order, hashing the whole file on the way; fills `stats`.
    public func forEachRecord(_ body: (borrowing RecordView) throws -> Void) throws {
        if let workbook {
            try forEachSheetRow(workbook, body)
            return
        }
        let hasher = SHA256Hasher()
        guard let hasher else { throw IngestError.resource("OpenSSL SHA-256 context") }
        let scanner = try scan(from: 0, to: file.size, feedFrom: dataStart, firstLine: dataStartLine,
                               hasher: hasher, progress: progress, body)
        stats.sha256 = hasher.finalize()
        stats.records = scanner.records
        stats.blankLines = scanner.blankLines + blankLinesBeforeHeader
        stats.lines = scanner.line - 1
    }

    /// Reads the data records of one chunk (from `splitPoints`), which must start and end at record boundaries.
    /// - Returns: the number of records delivered.
    @discardableResult
    public func forEachRecord(in chunk: FeedChunk, _ body: (borrowing RecordView) throws -> Void) throws -> Int {
        let lower = max(chunk.range.lowerBound, dataStart)
        let upper = min(chunk.range.upperBound, file.size)
        chunkLines = 0
        guard lower < upper else { return 0 }
        let scanner = try scan(from: lower, to: upper, feedFrom: lower, firstLine: chunk.firstLine, hasher: nil, body)
        chunkLines = scanner.line - chunk.firstLine
        return scanner.records
    }

    /// Physical lines read by the last `forEachRecord(in:)` (the line feeds of a chunk that ends with one).
    public private(set) var chunkLines = 0

    private func scan(
        from start: Int, to end: Int, feedFrom: Int, firstLine: Int, hasher: SHA256Hasher?,
        progress: ((Int, Int) -> Void)? = nil, _ body: (borrowing RecordView) throws -> Void
    ) throws -> RecordScanner {
        let mapped = file.bytes
        let scanner = try RecordScanner(file: input.path, firstLine: firstLine, maxRecordBytes: maxRecordBytes, lineEnd: lineEnd,
                                        contiguous: mapped != nil)
        // A UTF-8 stream that is valid as a whole is valid field by field (fields end at ASCII bytes, and libcsv
        // only drops ASCII quotes): each block of a mapped file is checked just before it is parsed, and while
        // every block so far was valid no record needs its own check. (Checked in the same pass, each page is
        // mapped once.)
        // Held behind a pointer: the sink reads it for every record, and a `var` captured by that escaping closure
        // is boxed, each read checked for exclusive access at run time.
        let validated = UnsafeMutablePointer<Bool>.allocate(capacity: 1)
        validated.initialize(to: encoding == .utf8 && mapped != nil)
        defer { validated.deallocate() }
        var validUpTo = feedFrom
        let decoded = ByteBuffer(capacity: 1 << 16)
        let decodedEnds = GrowableBuffer<Int>(capacity: 64)
        let expected = header.count
        let encoding = self.encoding
        let decoder = self.decoder
        let columnNames = self.columnNames
        let textColumns = self.textColumns
        let maxFieldBytes = input.maxFieldBytes
        let unmanagedDecoder = decoder.map { Unmanaged.passUnretained($0) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        try mapping.fileColumn.withUnsafeBufferPointer { mappingBuffer in
            try withoutActuallyEscaping(body) { body in
                scanner.sink = { s in
                    if let over = s.oversized {
                        let column = over.field < columnNames.count ? columnNames[over.field] : "column \(over.field + 1)"
                        var view = RecordView(
                            line: s.startLine, fieldCount: 0,
                            problem: .recordTooLong(column: column, lineBytes: over.bytes, recordLimit: s.maxRecordBytes, fieldLimit: maxFieldBytes),
                            base: UnsafePointer(s.mutableFields.bytes), ends: UnsafePointer(s.mutableFields.ends),
                            mapping: mappingBuffer, rawBytes: s.rawRecord, decoder: unmanagedDecoder)
                        view.rawCut = true
                        try body(view)
                        return
                    }
                    let fieldBytes = s.fieldBytes, fieldEnds = s.fieldEnds
                    let count = fieldEnds.count
                    var problem: RecordProblem? = count == expected ? nil : .fieldCount(found: count, expected: expected)
                    // Both buffers are allocated when the scanner is made, so their addresses are never nil.
                    var base = fieldBytes.baseAddress!
                    var ends = fieldEnds.baseAddress!
                    if !validated.pointee, !ByteValidation.isASCII(fieldBytes) {
                        if let decoder {
                            decoded.removeAll()
                            decodedEnds.removeAll()
                            for i in 0..<count {
                                let start = i == 0 ? 0 : fieldEnds[i - 1]
                                let bytes = UnsafeBufferPointer(rebasing: fieldBytes[start..<fieldEnds[i]])
                                if let bad = decoder.decode(bytes, into: decoded), problem == nil {
                                    problem = .encoding(column: i < columnNames.count ? columnNames[i] : "column \(i + 1)",
                                                        encoding: encoding, byte: bad + 1)
                                }
                                decodedEnds.append(decoded.count)
                            }
                            base = UnsafePointer(decoded.base)
                            ends = UnsafePointer(decodedEnds.base)
                        } else if problem == nil,
                                  let (i, bad) = ByteValidation.firstInvalidUTF8Field(
                                    fieldBytes, ends: fieldEnds) {
                            problem = .encoding(column: i < columnNames.count ? columnNames[i] : "column \(i + 1)",
                                                encoding: encoding, byte: bad + 1)
                        }
                    }
                    // SPEC 1.1's text rules, on the UTF-8 fields: a record with no byte that could be a control character
                    // and no field over the limit (most records) is passed at the cost of one scan of its bytes.
                    if problem == nil, count > 0 {
                        let length = ends[count - 1]
                        if length > maxFieldBytes || TextRules.mayHaveControl(UnsafeBufferPointer(start: base, count: length)) {
                            problem = TextRules.check(UnsafeMutablePointer(mutating: base), ends: UnsafeMutablePointer(mutating: ends),
                                                      count: count, columns: textColumns, maxFieldBytes: maxFieldBytes)
                        }
                    }
                    let view = RecordView(
                        line: s.startLine, fieldCount: count, problem: problem, base: base, ends: ends,
                        mapping: mappingBuffer, rawBytes: s.rawRecord, decoder: unmanagedDecoder)
                    try body(view)
                }
                defer { scanner.sink = nil }
                var offset = start
                var released = start
                while offset < end {
                    // A stop (SIGTERM, SIGINT) is honoured between blocks: a feed of gigabytes takes a while.
                    try StopRequest.check()
                    let block: UnsafeRawBufferPointer
                    if let mapped {
                        block = UnsafeRawBufferPointer(rebasing: mapped[offset..<min(offset + chunkSize, end)])
                    } else {
                        let n = try file.readChunk(into: chunk, at: offset, limit: end - offset)
                        block = UnsafeRawBufferPointer(rebasing: chunk[..<n])
                    }
                    let n = block.count
                    if n == 0 { break }
                    hasher?.update(block)
                    if validated.pointee, let mapped {
                        validated.pointee = Self.validate(mapped, upTo: &validUpTo, blockEnd: offset + n, endOfRange: offset + n == end)
                    }
                    if offset + n > feedFrom {
                        let skip = max(feedFrom - offset, 0)
                        _ = try scanner.feed(UnsafeRawBufferPointer(rebasing: block[skip...]))
                    }
                    // The raw text of a record that began before this block may still be read: release only
                    // what lies before the record being read (a released page is mapped again if touched).
                    let edge = offset - maxRecordBytes
                    if edge > released {
                        file.release(released..<edge)
                        released = edge
                    }
                    offset += n
                    progress?(offset, end)
                }
                try scanner.finish()
            }
        }
        return scanner
    }

    /// Checks the file's bytes from `validUpTo` to the last ASCII byte before `blockEnd` (no UTF-8 sequence runs
    /// past one, and records end at one), or to `blockEnd` when it ends the range; returns whether they are valid.
    private static func validate(_ file: UnsafeRawBufferPointer, upTo validUpTo: inout Int, blockEnd: Int, endOfRange: Bool) -> Bool {
        let bytes = file.bindMemory(to: UInt8.self)
        var to = blockEnd
        if !endOfRange {
            while to > validUpTo, bytes[to - 1] >= 0x80 { to -= 1 }
        }
        guard to > validUpTo else { return true }
        defer { validUpTo = to }
        return ByteValidation.firstInvalidUTF8(UnsafeBufferPointer(rebasing: bytes[validUpTo..<to])) == nil
    }
}
