import FuzzSupport
import Ingest
import RiskModel

/// The paths a large feed takes, forced on small inputs: `FeedReader` reading the input in small blocks, and
/// in chunks cut by `lineChunks` and `splitPoints` (what `ChunkedFeed` does with files over 8 MiB, on every
/// core), must deliver the same records, with the same lines, fields and problems, as one pass in 1 MiB
/// blocks. A chunk that ends inside quotes throws `unterminatedQuote`, on which the program falls back to
/// the next surer split: then there is nothing to compare.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChunks(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = FuzzInput.write(data, size, name: "chunks.csv")
    let input = FeedInput(feed: "travel", path: path)
    guard let whole = try? Records.read(input) else { return 0 }
    // A lone CR ends a record but not a line, and the records of one line share its raw text, as far as it had
    // been fed (RecordScanner's documented rule; SPEC allows LF and CRLF only): raw texts are compared only
    // without lone CRs.
    let rawComparable = !FuzzInput.hasLoneCR(data, size)

    // Small blocks: the block edges fall inside records, multi-byte characters and the UTF-8 check.
    let block = 1 + Int(size > 0 ? data![size - 1] % 61 : 0)
    do {
        let small = try Records.read(input, chunkSize: block)
        Records.compare(whole, small, raw: rawComparable, "one pass in \(block)-byte blocks")
    } catch {
        FuzzInput.fatal("one pass read, one in \(block)-byte blocks threw \(error)")
    }

    for parts in [2, 3, 7] {
        guard let reader = try? FeedReader(input: input, schema: .travel) else { FuzzInput.fatal("reader failed the second time") }
        if let chunks = reader.lineChunks(parts: parts) {
            Records.compareChunked(whole, input: input, chunks: chunks, raw: rawComparable, "lineChunks(parts: \(parts))")
        }
        do {
            let chunks = try reader.splitPoints(parts: parts)
            Records.compareChunked(whole, input: input, chunks: chunks, raw: rawComparable, "splitPoints(parts: \(parts))")
        } catch {
            FuzzInput.fatal("splitPoints(parts: \(parts)) threw \(error)")
        }
    }
    return 0
}

/// One record as delivered, copied out of the reader's buffers.
struct Record: Equatable {
    var line: Int
    var problem: RecordProblem?
    var fields: [[UInt8]]
    var raw: [UInt8]

    init(_ view: borrowing RecordView) {
        line = view.line
        problem = view.problem
        fields = (0..<view.fieldCount).map { Array(view.fileField($0)) }
        raw = Array(view.rawBytes)
    }
}

enum Records {
    static func read(_ input: FeedInput, chunkSize: Int = 1 << 20) throws -> [Record] {
        let reader = try FeedReader(input: input, schema: .travel, chunkSize: chunkSize)
        var records: [Record] = []
        try reader.forEachRecord { records.append(Record($0)) }
        FuzzInput.check(reader.stats.records == records.count, "stats.records \(reader.stats.records) for \(records.count) records")
        return records
    }

    /// Reads `chunks` as `ChunkedFeed` does (a reader per chunk, line numbers shifted by the chunks before)
    /// and compares with the one pass, unless a chunk ends inside quotes.
    static func compareChunked(_ whole: [Record], input: FeedInput, chunks: [FeedChunk], raw: Bool, _ what: String) {
        var records: [Record] = []
        var line = chunks.first?.firstLine ?? 1
        var previousEnd = chunks.first?.range.lowerBound ?? 0
        for chunk in chunks {
            FuzzInput.check(chunk.range.lowerBound == previousEnd, "\(what): chunks \(chunks.map(\.range)) leave a gap")
            previousEnd = chunk.range.upperBound
            do {
                let reader = try FeedReader(input: input, schema: .travel)
                var part: [Record] = []
                let count = try reader.forEachRecord(in: chunk) { part.append(Record($0)) }
                FuzzInput.check(count == part.count, "\(what): forEachRecord(in:) says \(count) records, delivered \(part.count)")
                let shift = line - chunk.firstLine
                for i in part.indices { part[i].line += shift }
                line += reader.chunkLines
                records += part
            } catch IngestError.unterminatedQuote {
                return  // the program reads the file again with a surer split
            } catch {
                FuzzInput.fatal("\(what): one pass read, chunk \(chunk) threw \(error)")
            }
        }
        compare(whole, records, raw: raw, what)
    }

    static func compare(_ whole: [Record], _ other: [Record], raw: Bool, _ what: String) {
        FuzzInput.check(whole.count == other.count, "\(what): \(other.count) records, one pass \(whole.count)")
        for pair in zip(whole, other) {
            var (a, b) = pair
            if !raw { (a.raw, b.raw) = ([], []) }
            if a == b { continue }
            FuzzInput.fatal("\(what): record at line \(a.line) differs: one pass \(a), this \(b)")
        }
    }
}
