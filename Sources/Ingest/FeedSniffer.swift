import Machinery

/// What the head of a feed file says: its encoding (BOM or detection), its header record, and where the data starts.
///
/// The first of the reader's three parts (as in DuckDB's CSV reader): the sniffer; then the scanner
/// (`RecordScanner`, libcsv with line numbers) and the chunk planner (`ChunkPlanner.swift`).
struct FeedSniffer {
    var encoding: TextEncoding
    var decoder: GB18030Decoder?
    /// Header texts, decoded and trimmed.
    var header: [String]
    /// The byte that ends a line: LF (LF and CRLF files), or CR for a file whose first line ends in a lone CR.
    var lineEnd: UInt8
    /// Byte offset of the first byte after the header record, and the line it is on.
    var dataStart: Int
    var dataStartLine: Int
    var blankLinesBeforeHeader: Int

    /// Reads the BOM, resolves `auto` from the first 64 KiB, and reads the header record (the first record; blank
    /// lines before it are skipped like any others).
    static func sniff(_ file: MappedFile, input: FeedInput, chunkSize: Int, maxRecordBytes: Int) throws(IngestError) -> FeedSniffer {
        // BOM and encoding from the head of the file.
        let headSize = min(file.size, TextEncoding.sniffLength + 4)
        let head = UnsafeMutableRawBufferPointer.allocate(byteCount: max(headSize, 1), alignment: 16)
        defer { head.deallocate() }
        let headCount = try file.readChunk(into: head, at: 0, limit: headSize)
        let headBytes = UnsafeBufferPointer(start: head.baseAddress?.assumingMemoryBound(to: UInt8.self), count: headCount)
        if TextEncoding.looksLikeUTF16(headBytes) { throw .utf16(file: input.path) }
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
        var decoder: GB18030Decoder?
        if resolved == .gb18030 {
            guard let made = GB18030Decoder() else { throw .resource("iconv GB18030 → UTF-8 converter") }
            decoder = made
        }

        let lineEnd = Self.lineEnd(UnsafeBufferPointer(rebasing: headBytes[min(bomLength, headCount)...]))
        // The header is the first record; blank lines before it are skipped like any others.
        let scanner = try RecordScanner(file: input.path, firstLine: 1, maxRecordBytes: maxRecordBytes, lineEnd: lineEnd)
        var found: [String]?
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
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        do {
            while found == nil {
                let n = try file.readChunk(into: chunk, at: offset)
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
        return FeedSniffer(encoding: resolved, decoder: decoder, header: found.map(trimmed), lineEnd: lineEnd, dataStart: offset,
                           dataStartLine: scanner.line, blankLinesBeforeHeader: scanner.blankLines)
    }

    /// The file's line end, from its first one: a CR not followed by LF makes every line end a lone CR (a file
    /// saved by old Mac software); anything else reads by LF, which covers CRLF.
    ///
    /// A file that mixes the two is read by its first line end: in an LF file a lone CR still ends a record, so no
    /// row is lost, only its line number shared.
    static func lineEnd(_ head: UnsafeBufferPointer<UInt8>) -> UInt8 {
        for i in head.indices {
            if head[i] == 0x0A { return 0x0A }
            if head[i] == 0x0D { return i + 1 < head.count && head[i + 1] != 0x0A ? 0x0D : 0x0A }
        }
        return 0x0A
    }

    private static func trimmed(_ s: String) -> String {
        let pad: (Unicode.Scalar) -> Bool = { [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x3000, 0xFEFF].contains($0.value) }
        return String(String.UnicodeScalarView(s.unicodeScalars.drop(while: pad).reversed().drop(while: pad).reversed()))
    }
}
