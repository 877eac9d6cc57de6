import Glibc

/// One input file of a feed and how to read it.
public struct FeedInput: Sendable, Hashable {
    /// The feed's configured name (or the file name without extension), used in messages and rejects.
    public var feed: String
    public var path: String
    public var encoding: TextEncoding
    /// Canonical column name → header text, from `[feeds.<name>.columns]`; wins over the built-in aliases.
    public var columnMap: [String: String]

    public init(feed: String, path: String, encoding: TextEncoding = .auto, columnMap: [String: String] = [:]) {
        self.feed = feed
        self.path = path
        self.encoding = encoding
        self.columnMap = columnMap
    }
}

/// Facts about one file for the run manifest, complete after a full `forEachRecord` pass.
public struct FeedStats: Sendable, Hashable {
    public var bytes: Int
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
    /// Data records delivered (header excluded, rejected ones included).
    public var records: Int
    /// Physical lines, header and blank lines included.
    public var lines: Int
    public var blankLines: Int
    /// The encoding the file was read in (`auto` resolved).
    public var encoding: TextEncoding

    public init(bytes: Int, sha256: String, records: Int, lines: Int, blankLines: Int, encoding: TextEncoding) {
        self.bytes = bytes
        self.sha256 = sha256
        self.records = records
        self.lines = lines
        self.blankLines = blankLines
        self.encoding = encoding
    }
}

/// A byte range of a feed file that starts at a record boundary, with the line number it starts on.
public struct FeedChunk: Sendable, Hashable {
    public var range: Range<Int>
    public var firstLine: Int

    public init(range: Range<Int>, firstLine: Int) {
        self.range = range
        self.firstLine = firstLine
    }
}

/// Why a record cannot be used as read; the caller turns it into a reject.
public enum RecordProblem: Sendable, Hashable {
    case fieldCount(found: Int, expected: Int)
    /// `column` is the canonical name, or the header text for a column the schema does not use;
    /// `byte` is the 1-based position in the field of the first bad byte.
    case encoding(column: String, encoding: TextEncoding, byte: Int)

    /// Column for `rejects.csv`; empty when the whole record is at fault.
    public var column: String {
        switch self {
        case .fieldCount: return ""
        case let .encoding(column, _, _): return column
        }
    }

    /// The reason in words for `rejects.csv`.
    public var reason: String {
        switch self {
        case let .fieldCount(found, expected):
            return "has \(found) field\(found == 1 ? "" : "s"), header has \(expected)"
        case let .encoding(_, encoding, byte):
            let name = encoding == .gb18030 ? "GB18030" : "UTF-8"
            return "not valid \(name) (byte \(byte) of the field); re-export the file in one encoding"
        }
    }
}

/// One record, valid only during the `forEachRecord` call that delivers it.
///
/// Field bytes are UTF-8 (transcoded when the file is GB18030) and live in the reader's
/// reused buffers: copy what you keep. When `problem` is set, fields may be incomplete.
public struct RecordView {
    /// 1-based physical line where the record starts.
    public let line: Int
    public let fieldCount: Int
    public let problem: RecordProblem?
    // Usable from inline so `field`, called for every field of every record, inlines into the readers of Normalize.
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let ends: UnsafePointer<Int>
    @usableFromInline let mapping: UnsafeBufferPointer<Int>
    /// The record's bytes as they are in the file (file encoding, quotes kept, line terminator removed).
    public let rawBytes: UnsafeBufferPointer<UInt8>
    /// Unmanaged so delivering a record costs no reference counting; the reader keeps the decoder alive.
    let decoder: Unmanaged<GB18030Decoder>?

    /// UTF-8 bytes of a schema column; empty when the file has no such column or the record is short.
    @inlinable @inline(__always)
    public func field(_ schemaColumn: Int) -> UnsafeBufferPointer<UInt8> {
        guard schemaColumn >= 0, schemaColumn < mapping.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        return fileField(mapping[schemaColumn])
    }

    /// UTF-8 bytes of the record's `index`-th field (0-based, file order).
    @inlinable @inline(__always)
    public func fileField(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index >= 0, index < fieldCount else { return UnsafeBufferPointer(start: nil, count: 0) }
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(start: base + start, count: ends[index] - start)
    }

    /// Whether the file has the schema column at all.
    public func has(_ schemaColumn: Int) -> Bool {
        schemaColumn >= 0 && schemaColumn < mapping.count && mapping[schemaColumn] >= 0
    }

    /// A schema column as a `String` (allocates; for values that are kept).
    public func string(_ schemaColumn: Int) -> String {
        String(decoding: field(schemaColumn), as: UTF8.self)
    }

    /// The raw record decoded leniently (bad bytes become U+FFFD), for `rejects.csv`.
    public var raw: String {
        if let decoder { return decoder._withUnsafeGuaranteedRef { $0.decodeLeniently(rawBytes) } }
        return String(decoding: rawBytes, as: UTF8.self)
    }
}

/// Streams one CSV feed file: header mapping at `init`, then records with line numbers, in 1 MiB reads.
public final class FeedReader {
    public let input: FeedInput
    public let schema: FeedSchema
    /// Header texts as found (decoded, trimmed).
    public let header: [String]
    public let mapping: ColumnMapping
    /// The file's encoding with `auto` resolved.
    public let encoding: TextEncoding
    /// Byte offset of the first byte after the header record, and the line it is on.
    public let dataStart: Int
    public let dataStartLine: Int
    /// Complete after a full `forEachRecord(_:)`; before that only `bytes` and `encoding` are set.
    public private(set) var stats: FeedStats
    /// Called after each read of a full pass (`forEachRecord(_:)`) with the bytes read so far and the file's size.
    public var progress: ((_ bytesRead: Int, _ totalBytes: Int) -> Void)?
    /// Becomes the `progress` of readers created while it is bound, so a caller layers up can watch reads it does not make.
    @TaskLocal public static var progressHook: (@Sendable (_ path: String, _ bytesRead: Int, _ totalBytes: Int) -> Void)?

    private let file: InputFile
    private let chunkSize: Int
    private let maxRecordBytes: Int
    private let decoder: GB18030Decoder?
    /// For each file column, the name used in problems: canonical if mapped, else the header text.
    private let columnNames: [String]
    private let blankLinesBeforeHeader: Int

    public init(
        input: FeedInput, schema: FeedSchema, chunkSize: Int = 1 << 20, maxRecordBytes: Int = 1 << 20
    ) throws(IngestError) {
        self.input = input
        self.schema = schema
        self.chunkSize = max(chunkSize, 1)
        self.maxRecordBytes = maxRecordBytes
        let file = try InputFile(path: input.path)
        self.file = file

        // BOM and encoding from the head of the file.
        let headSize = min(file.size, TextEncoding.sniffLength + 4)
        let head = UnsafeMutableRawBufferPointer.allocate(byteCount: max(headSize, 1), alignment: 16)
        defer { head.deallocate() }
        let headCount = try file.read(into: head, at: 0, limit: headSize)
        let headBytes = UnsafeBufferPointer(start: head.baseAddress?.assumingMemoryBound(to: UInt8.self), count: headCount)
        var bomLength = 0
        var resolved = input.encoding
        if headCount >= 3, headBytes[0] == 0xEF, headBytes[1] == 0xBB, headBytes[2] == 0xBF {
            bomLength = 3
            if resolved == .auto { resolved = .utf8 }
        } else if headCount >= 4, headBytes[0] == 0x84, headBytes[1] == 0x31, headBytes[2] == 0x95, headBytes[3] == 0x33 {
            bomLength = 4
            if resolved == .auto { resolved = .gb18030 }
        }
        if resolved == .auto {
            let end = min(headCount, bomLength + TextEncoding.sniffLength)
            resolved = TextEncoding.detect(UnsafeBufferPointer(rebasing: headBytes[bomLength..<end]))
        }
        encoding = resolved
        if resolved == .gb18030 {
            guard let decoder = GB18030Decoder() else { throw .resource("iconv GB18030 → UTF-8 converter") }
            self.decoder = decoder
        } else {
            decoder = nil
        }

        // The header is the first record; blank lines before it are skipped like any others.
        let scanner = try RecordScanner(file: input.path, firstLine: 1, maxRecordBytes: maxRecordBytes)
        var found: [String]?
        let decoder = self.decoder
        scanner.sink = { s in
            var names: [String] = []
            let fields = s.fieldBytes, ends = s.fieldEnds
            for i in 0..<ends.count {
                let start = i == 0 ? 0 : ends[i - 1]
                let bytes = UnsafeBufferPointer(rebasing: fields[start..<ends[i]])
                names.append(decoder?.decodeLeniently(bytes) ?? String(decoding: bytes, as: UTF8.self))
            }
            found = names
            s.stopRequested = true
        }
        var offset = bomLength
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: self.chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        do {
            while found == nil {
                let n = try file.read(into: chunk, at: offset)
                if n == 0 {
                    try scanner.finish()
                    break
                }
                offset += try scanner.feed(UnsafeRawBufferPointer(rebasing: chunk[..<n]))
            }
        } catch let error as IngestError {
            throw error
        } catch {
            throw .csv(file: input.path, line: scanner.startLine, message: "\(error)")
        }
        guard let found else { throw .empty(file: input.path) }
        let trimmedHeader = found.map(Self.trimmed)
        header = trimmedHeader
        dataStart = offset
        dataStartLine = scanner.line
        blankLinesBeforeHeader = scanner.blankLines
        let mapping = try ColumnMapping.resolve(
            header: trimmedHeader, schema: schema, columnMap: input.columnMap, file: input.path, feed: input.feed)
        self.mapping = mapping
        columnNames = trimmedHeader.indices.map { j in
            if let i = mapping.fileColumn.firstIndex(of: j) { return schema.columns[i].name }
            return trimmedHeader[j].isEmpty ? "column \(j + 1)" : trimmedHeader[j]
        }
        stats = FeedStats(bytes: file.size, sha256: "", records: 0, lines: 0, blankLines: 0, encoding: resolved)
        if let hook = FeedReader.progressHook {
            let path = input.path
            progress = { hook(path, $0, $1) }
        }
    }

    private static func trimmed(_ s: String) -> String {
        let pad: (Unicode.Scalar) -> Bool = { [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x3000, 0xFEFF].contains($0.value) }
        return String(String.UnicodeScalarView(s.unicodeScalars.drop(while: pad).reversed().drop(while: pad).reversed()))
    }

    /// Reads every data record in file order, hashing the whole file on the way; fills `stats`.
    public func forEachRecord(_ body: (borrowing RecordView) throws -> Void) throws {
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
        let mapped = file.mapped
        let scanner = try RecordScanner(file: input.path, firstLine: firstLine, maxRecordBytes: maxRecordBytes, contiguous: mapped != nil)
        // A UTF-8 stream that is valid as a whole is valid field by field (fields end at ASCII bytes, and libcsv
        // only drops ASCII quotes): each block of a mapped file is checked just before it is parsed, and while
        // every block so far was valid no record needs its own check. (Checked in the same pass, each page is
        // mapped once.)
        // Held behind a pointer: the sink reads it for every record, and a `var` captured by that escaping closure
        // is boxed, each read checked for exclusive access at run time (1% of a province run's samples).
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
        let unmanagedDecoder = decoder.map { Unmanaged.passUnretained($0) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        try mapping.fileColumn.withUnsafeBufferPointer { mappingBuffer in
            try withoutActuallyEscaping(body) { body in
                scanner.sink = { s in
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
                    let view = RecordView(
                        line: s.startLine, fieldCount: count, problem: problem, base: base, ends: ends,
                        mapping: mappingBuffer, rawBytes: s.rawRecord, decoder: unmanagedDecoder)
                    try body(view)
                }
                defer { scanner.sink = nil }
                var offset = start
                var released = start
                while offset < end {
                    let block: UnsafeRawBufferPointer
                    if let mapped {
                        block = UnsafeRawBufferPointer(rebasing: mapped[offset..<min(offset + chunkSize, end)])
                    } else {
                        let n = try file.read(into: chunk, at: offset, limit: end - offset)
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

    /// Splits the data part of a mapped file into at most `parts` chunks that each start after a line feed,
    /// without reading the file; nil when the file is not mapped.
    ///
    /// A line feed is a record boundary unless it sits inside a quoted field. That is not checked here:
    /// the chunk before such a boundary ends inside quotes, so `forEachRecord(in:)` throws
    /// `unterminatedQuote` for it, and callers fall back to `splitPoints` or one pass.
    ///
    /// Line numbers are not known either: every chunk but the first says it starts on line 1. After
    /// reading the chunks in order, add to each chunk's line numbers the `chunkLines` of the chunks before
    /// it, less one (the first chunk's are right as they are).
    public func lineChunks(parts: Int) -> [FeedChunk]? {
        guard let mapped = file.mapped else { return nil }
        let bytes = mapped.bindMemory(to: UInt8.self)
        let total = file.size - dataStart
        guard parts > 1, total > 0 else { return [FeedChunk(range: dataStart..<file.size, firstLine: dataStartLine)] }
        var bounds = [dataStart]
        for k in 1..<parts {
            let target = max(dataStart + total * k / parts, bounds[bounds.count - 1])
            guard target < file.size, let lf = memchr(bytes.baseAddress! + target, 0x0A, file.size - target) else { break }
            let boundary = UnsafeRawPointer(lf) - UnsafeRawPointer(bytes.baseAddress!) + 1
            if boundary < file.size && boundary > bounds[bounds.count - 1] { bounds.append(boundary) }
        }
        bounds.append(file.size)
        return (1..<bounds.count).map { i in
            FeedChunk(range: bounds[i - 1]..<bounds[i], firstLine: i == 1 ? dataStartLine : 1)
        }
    }

    /// Splits the data part of the file into at most `parts` chunks that start at record boundaries.
    ///
    /// A boundary is a LF with an even number of `"` before it (outside quotes). A stray quote
    /// inside an unquoted field (which libcsv keeps as data) upsets the parity; a chunk then
    /// ends inside a quoted field and `forEachRecord(in:)` throws `unterminatedQuote`, so callers
    /// should fall back to one pass. The scan reads the whole file but counts quotes and line
    /// feeds eight bytes at a time, so it costs a small fraction of parsing.
    public func splitPoints(parts: Int) throws(IngestError) -> [FeedChunk] {
        let total = file.size - dataStart
        guard parts > 1, total > 0 else { return [FeedChunk(range: dataStart..<file.size, firstLine: dataStartLine)] }
        var targets = (1..<parts).map { dataStart + total * $0 / parts }
        var chunks: [FeedChunk] = []
        var chunkStart = dataStart
        var chunkLine = dataStartLine
        var line = dataStartLine
        var quotes = 0
        // Searching for a boundary: from this offset on, look byte by byte for an unquoted LF.
        var searching = false
        let size = max(chunkSize, 1 << 20)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size + 8, alignment: 16)
        defer { buffer.deallocate() }
        var offset = dataStart
        while offset < file.size, !targets.isEmpty {
            let bytes: UnsafeBufferPointer<UInt8>
            if let mapped = file.mapped {
                bytes = UnsafeBufferPointer(rebasing: mapped.bindMemory(to: UInt8.self)[offset..<min(offset + size, file.size)])
            } else {
                let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<size]), at: offset)
                bytes = UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[..<n])
            }
            let n = bytes.count
            if n == 0 { break }
            defer { file.release(offset - n..<offset) }
            var i = 0
            while i < n {
                if !searching, let target = targets.first, offset + i >= target { searching = true }
                if searching {
                    let c = bytes[i]
                    if c == UInt8(ascii: "\"") {
                        quotes += 1
                    } else if c == 0x0A {
                        line += 1
                        if quotes & 1 == 0 {
                            let boundary = offset + i + 1
                            if boundary < file.size {
                                chunks.append(FeedChunk(range: chunkStart..<boundary, firstLine: chunkLine))
                                chunkStart = boundary
                                chunkLine = line
                            }
                            while let t = targets.first, t <= boundary { targets.removeFirst() }
                            searching = false
                        }
                    }
                    i += 1
                    continue
                }
                // Count whole words up to the next target (or the end of what was read).
                let stop = min(n, (targets.first ?? Int.max) - offset)
                let raw = UnsafeRawPointer(bytes.baseAddress! + i)
                let words = (stop - i) / 8
                var lf = 0, qt = 0
                for w in 0..<words {
                    let word = raw.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self)
                    lf &+= Self.countBytes(word, equalTo: 0x0A)
                    qt &+= Self.countBytes(word, equalTo: 0x22)
                }
                line += lf
                quotes += qt
                i += words * 8
                while i < stop {
                    if bytes[i] == 0x0A { line += 1 } else if bytes[i] == 0x22 { quotes += 1 }
                    i += 1
                }
            }
            offset += n
        }
        chunks.append(FeedChunk(range: chunkStart..<file.size, firstLine: chunkLine))
        return chunks
    }

    /// How many of the eight bytes of `word` equal `byte` (SWAR: no byte's test borrows from another).
    @inline(__always)
    static func countBytes(_ word: UInt64, equalTo byte: UInt8) -> Int {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let nonzero = ((x & low7) &+ low7) | x
        return (~nonzero & 0x8080_8080_8080_8080).nonzeroBitCount
    }
}
