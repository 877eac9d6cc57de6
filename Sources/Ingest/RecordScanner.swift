import CCSV
import CRecordSink
import Glibc

/// Tokenises CSV bytes with libcsv and tracks, for each record, the physical line where it starts and its raw bytes.
///
/// Bytes are fed one physical line (up to and including its line end) at a time: libcsv ends a
/// record only on an unquoted CR or LF, so a record that starts while the parser is
/// between records starts on the line being fed. Lines end at the file's line end (`lineEnd`): LF, which
/// covers CRLF, or CR for a file whose lines end in a lone CR (old Mac exports). In an LF file a lone CR
/// ends a record (libcsv's rule) but not a line, and such records share one raw text.
///
/// A record is held up to `maxRecordBytes`. One that runs past that outside quotes (a 5 MB name in a file
/// with no quote at all) is skipped to the end of its line and delivered as `oversized`, to be rejected: the
/// file goes on. One whose quoted field is open at that point may be a long quoted field or a quote never
/// closed: it is read on, up to `maxQuotedBytes`, past which the quote is taken as never closed.
final class RecordScanner {
    private let parser: UnsafeMutablePointer<csv_parser>
    /// The current record's fields, filled by libcsv's callbacks in C (`rs_record_field`).
    private let record: UnsafeMutablePointer<rs_record>
    /// The bytes of the lines the current record spans (copied unless the input is `contiguous`).
    let raw = ByteBuffer(capacity: 1 << 16)
    /// Whether every `feed` continues the previous one in memory (a mapped file): the raw record is then a
    /// view of the input, `rawStart..<rawEnd`, and nothing is copied.
    let contiguous: Bool
    private var rawStart: UnsafePointer<UInt8>?
    private var rawEnd: UnsafePointer<UInt8>?

    let file: String
    let maxRecordBytes: Int
    /// How long a record whose quoted field is still open may grow before the quote is taken as never closed.
    let maxQuotedBytes: Int
    /// The byte that ends a physical line: LF (also in CRLF files) or CR.
    let lineEnd: UInt8
    /// A record too long to hold: the file column it was in when it ran past the limit, and how many bytes of its
    /// line were seen.
    struct Oversized {
        var field: Int
        var bytes: Int
    }
    /// Set while the rest of an over-long record's line is skipped.
    private var skipping: Oversized?
    /// The over-long record being delivered to the sink (whose fields are then empty).
    private(set) var oversized: Oversized?
    /// Whether the current record ran past `maxRecordBytes` inside a quoted field.
    private var longQuoted = false
    /// Set while libcsv is given the part of an over-long record it holds, so it forgets it: nothing is delivered.
    private var swallowing = false
    /// How much of an over-long record's raw text a reject shows.
    static let oversizedRawShown = 1024
    /// Physical line number of the next byte to be fed.
    private(set) var line: Int
    /// Line where the current (or next) record starts.
    private(set) var startLine: Int
    private var atLineStart = true
    private var lineStartedBetweenRecords = false
    private var recordsAtLineStart = 0
    private(set) var records = 0
    private(set) var blankLines = 0
    /// Set by the sink to stop feeding after the current line (used to read only the header).
    var stopRequested = false
    /// The first error thrown by the sink; later callbacks are ignored and `feed` rethrows it.
    private var failure: (any Error)?
    /// Receives each completed record; the scanner's buffers hold it only during the call.
    var sink: ((RecordScanner) throws -> Void)? {
        get { sinkBox?.call }
        set {
            sinkBox = newValue.map(SinkBox.init)
            currentSink = sinkBox.map { Unmanaged.passUnretained($0) }
        }
    }
    /// The sink in a box of its own, held here while set.
    private var sinkBox: SinkBox?
    /// The same box, called without a retain for each record (a closure read from a `var` is retained and released
    /// around every call: 1.6% of a clean feed's run); `sinkBox` keeps it alive.
    private var currentSink: Unmanaged<SinkBox>?
    private final class SinkBox {
        let call: (RecordScanner) throws -> Void
        init(_ call: @escaping (RecordScanner) throws -> Void) { self.call = call }
    }

    init(file: String, firstLine: Int, maxRecordBytes: Int, lineEnd: UInt8 = 0x0A, contiguous: Bool = false) throws(IngestError) {
        self.file = file
        self.contiguous = contiguous
        self.line = firstLine
        self.startLine = firstLine
        self.maxRecordBytes = maxRecordBytes
        maxQuotedBytes = max(maxRecordBytes, 1) * 64
        self.lineEnd = lineEnd
        // Made in locals and stored last: once every property is set, a throwing init runs deinit, which would
        // free them a second time.
        let parser = UnsafeMutablePointer<csv_parser>.allocate(capacity: 1)
        // Tolerant mode (no CSV_STRICT): a stray quote inside an unquoted field is kept as data.
        guard csv_init(parser, 0) == 0 else {
            parser.deallocate()
            throw .resource("libcsv parser")
        }
        let record = UnsafeMutablePointer<rs_record>.allocate(capacity: 1)
        guard rs_record_init(record, 1 << 16, 64) == 0 else {
            csv_free(parser)
            parser.deallocate()
            record.deallocate()
            throw .resource("record buffer")
        }
        // libcsv grows its field buffer linearly by this block size.
        csv_set_blk_size(parser, 4096)
        self.parser = parser
        self.record = record
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
        rs_record_free(record)
        record.deallocate()
    }

    /// The current record's field bytes, back to back; field i ends at `fieldEnds[i]`.
    var fieldBytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: record.pointee.bytes, count: record.pointee.count) }

    var fieldEnds: UnsafeBufferPointer<Int> {
        // size_t and Int have the same size on the 64-bit platforms this builds for.
        UnsafeBufferPointer(start: UnsafeRawPointer(record.pointee.ends).assumingMemoryBound(to: Int.self), count: record.pointee.fields)
    }

    private var betweenRecords: Bool { parser.pointee.pstate == 0 }

    /// Whether libcsv is inside a quoted field (libcsv's FIELD_BEGUN, or FIELD_MIGHT_HAVE_ENDED after a quote).
    private var insideQuotes: Bool {
        parser.pointee.quoted != 0 && (parser.pointee.pstate == 2 || parser.pointee.pstate == 3)
    }

    /// The raw record without its line terminator; only its head for an `oversized` record.
    var rawRecord: UnsafeBufferPointer<UInt8> {
        let start = contiguous ? rawStart : UnsafePointer(raw.base)
        var n = contiguous ? (rawStart.map { rawEnd! - $0 } ?? 0) : raw.count
        guard let start else { return UnsafeBufferPointer(start: nil, count: 0) }
        if oversized != nil {
            var cut = min(n, Self.oversizedRawShown)
            // Not in the middle of a UTF-8 character: the byte after the cut must not continue one.
            if cut < n { while cut > 0, start[cut] & 0xC0 == 0x80 { cut -= 1 } }
            return UnsafeBufferPointer(start: start, count: cut)
        }
        while n > 0, start[n - 1] == 0x0A || start[n - 1] == 0x0D { n -= 1 }
        return UnsafeBufferPointer(start: start, count: n)
    }

    /// The current record's field bytes and ends, writable: text rules make a name's line break one space in place.
    var mutableFields: (bytes: UnsafeMutablePointer<UInt8>, ends: UnsafeMutablePointer<Int>) {
        (record.pointee.bytes, UnsafeMutableRawPointer(record.pointee.ends).assumingMemoryBound(to: Int.self))
    }

    /// Feeds bytes; returns how many were consumed (fewer only when the sink requested a stop).
    func feed(_ bytes: UnsafeRawBufferPointer) throws -> Int {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        let n = bytes.count
        bindRecordCallback()
        var pos = 0
        while pos < n {
            let segmentEnd: Int
            let endsLine: Bool
            if let lf = memchr(base + pos, Int32(lineEnd), n - pos) {
                segmentEnd = UnsafeRawPointer(lf) - UnsafeRawPointer(base) + 1
                endsLine = true
            } else {
                segmentEnd = n
                endsLine = false
            }
            if var skipped = skipping {
                // The rest of an over-long record's line: counted, not parsed.
                skipped.bytes += segmentEnd - pos
                skipping = skipped
                pos = segmentEnd
                if endsLine {
                    try endOversized()
                    line += 1
                }
                atLineStart = endsLine
                if stopRequested { return pos }
                continue
            }
            if atLineStart {
                lineStartedBetweenRecords = betweenRecords
                recordsAtLineStart = records
                if lineStartedBetweenRecords {
                    if contiguous { rawStart = UnsafePointer(base + pos) } else { raw.removeAll() }
                    startLine = line
                }
            }
            let length = segmentEnd - pos
            let rawCount: Int
            if contiguous {
                rawEnd = UnsafePointer(base + segmentEnd)
                rawCount = rawStart.map { rawEnd! - $0 } ?? 0
            } else {
                raw.append(base + pos, length)
                rawCount = raw.count
            }
            if longQuoted && rawCount > maxQuotedBytes {
                throw IngestError.quoteOpenTooLong(file: file, line: startLine, limit: maxQuotedBytes)
            }
            if rawCount > maxRecordBytes && !longQuoted {
                // Parse up to the limit, to see whether it falls inside a quoted field.
                let room = max(maxRecordBytes - (rawCount - length), 0)
                try parse(base + pos, room)
                if insideQuotes {
                    longQuoted = true
                    try parse(base + pos + room, length - room)
                } else {
                    skipping = Oversized(field: Int(record.pointee.fields), bytes: rawCount)
                    pos = segmentEnd
                    if endsLine {
                        try endOversized()
                        line += 1
                    }
                    atLineStart = endsLine
                    if stopRequested { return pos }
                    continue
                }
            } else {
                try parse(base + pos, length)
            }
            if longQuoted && betweenRecords { longQuoted = false }
            if endsLine {
                if lineStartedBetweenRecords && records == recordsAtLineStart && betweenRecords { blankLines += 1 }
                line += 1
            }
            atLineStart = endsLine
            pos = segmentEnd
            if stopRequested { return pos }
        }
        return n
    }

    /// Hands `count` bytes to libcsv.
    @inline(__always)
    private func parse(_ bytes: UnsafePointer<UInt8>, _ count: Int) throws {
        guard count > 0 else { return }
        let used = csv_parse(parser, bytes, count, rs_record_field, rs_record_end, record)
        if let failure { throw failure }
        if record.pointee.out_of_memory != 0 { throw IngestError.resource("memory for a record of \(file)") }
        if used < count {
            throw IngestError.csv(file: file, line: startLine, message: String(cString: csv_strerror(csv_error(parser))))
        }
    }

    /// Delivers the over-long record whose line has been skipped, after making libcsv forget the part it holds.
    private func endOversized() throws {
        guard let skipped = skipping else { return }
        skipping = nil
        swallowing = true
        csv_fini(parser, rs_record_field, rs_record_end, record)
        swallowing = false
        record.pointee.count = 0
        record.pointee.fields = 0
        oversized = skipped
        defer { oversized = nil }
        endRecord()
        if let failure { throw failure }
    }

    /// Ends the input: delivers a last record without a line terminator, or reports an open quote.
    func finish() throws {
        if skipping != nil { try endOversized() }
        let state = parser.pointee
        // libcsv would silently close the quote; the rest of the file would become one field.
        if state.pstate == 2 && state.quoted != 0 {
            throw IngestError.unterminatedQuote(file: file, line: startLine)
        }
        bindRecordCallback()
        csv_fini(parser, rs_record_field, rs_record_end, record)
        if let failure { throw failure }
        if record.pointee.out_of_memory != 0 { throw IngestError.resource("memory for a record of \(file)") }
        if !atLineStart {
            // The last line has no LF: count it as a physical line.
            if lineStartedBetweenRecords && records == recordsAtLineStart { blankLines += 1 }
            line += 1
            atLineStart = true
        }
    }

    /// Points the record's end callback at this scanner; the scanner outlives every csv_parse call, so no retain.
    private func bindRecordCallback() {
        record.pointee.context = Unmanaged.passUnretained(self).toOpaque()
        record.pointee.on_record = scannerRecordCallback
    }

    /// Hands the record to the sink; the C side empties it afterwards.
    fileprivate func endRecord() {
        guard failure == nil, !stopRequested, !swallowing else { return }
        records += 1
        do {
            try currentSink?._withUnsafeGuaranteedRef { try $0.call(self) }
        } catch {
            failure = error
        }
    }
}

// Capture-free, so it converts to a C function pointer; the scanner comes through `context`.
private let scannerRecordCallback: @convention(c) (UnsafeMutableRawPointer?) -> Void = { context in
    guard let context else { return }
    Unmanaged<RecordScanner>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.endRecord() }
}
