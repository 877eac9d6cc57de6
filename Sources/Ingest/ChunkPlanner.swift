import Glibc
import Machinery

extension FeedReader {
    /// Splits the data part of a mapped file into at most `parts` chunks that each start after a line end (`lineEnd`),
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
        guard let mapped = file.bytes else { return nil }
        let bytes = mapped.bindMemory(to: UInt8.self)
        let total = file.size - dataStart
        guard parts > 1, total > 0 else { return [FeedChunk(range: dataStart..<file.size, firstLine: dataStartLine)] }
        var bounds = [dataStart]
        for k in 1..<parts {
            let target = max(dataStart + total * k / parts, bounds[bounds.count - 1])
            guard target < file.size, let lf = memchr(bytes.baseAddress! + target, Int32(lineEnd), file.size - target) else { break }
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
            if let mapped = file.bytes {
                bytes = UnsafeBufferPointer(rebasing: mapped.bindMemory(to: UInt8.self)[offset..<min(offset + size, file.size)])
            } else {
                let n = try file.readChunk(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<size]), at: offset)
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
                    } else if c == lineEnd {
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
                    lf &+= Self.countBytes(word, equalTo: lineEnd)
                    qt &+= Self.countBytes(word, equalTo: 0x22)
                }
                line += lf
                quotes += qt
                i += words * 8
                while i < stop {
                    if bytes[i] == lineEnd { line += 1 } else if bytes[i] == 0x22 { quotes += 1 }
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
