import Dispatch
import Foundation
import Glibc
import Ingest
import RiskModel

/// What a chunk of a feed gave, as far as the per-file counts are concerned.
protocol FeedPart: Sendable {
    var accepted: Int { get }
    /// Accepted records whose invalid phone was kept blank.
    var blanked: Int { get }
    /// Index of the file among the inputs, set when the chunks are gathered.
    var file: Int { get set }
    /// Rejected rows, whose line numbers are shifted when the chunk's first line was not known in advance.
    var rejects: [Reject] { get set }
}

/// One unit of work of `ChunkedFeed.readAll`: a file read in one pass, a file's hash, or one chunk of a file.
private enum FeedTask: Sendable {
    case whole(file: Int)
    case hash(file: Int)
    case chunk(file: Int, index: Int)
}

extension ChunkedFeed {
    /// Reads every input, large ones in chunks, and returns all chunks' parts in file order with a report per file.
    ///
    /// Every file's chunks and hashes go through one parallel loop, so the cores do not wait for the slowest
    /// chunk of each file in turn. Results are gathered in file order, so rejects, counts and identity
    /// replacement are the same as in one sequential pass.
    ///
    /// `parse(reader, chunk, input)` reads `chunk` with `reader.forEachRecord(in:)`, or the whole file with
    /// `reader.forEachRecord(_:)` when `chunk` is nil, and returns what it kept with the number of records.
    static func readAll<Part: FeedPart>(
        _ inputs: [FeedInput], schema: FeedSchema, split: Split = .atLineFeeds,
        _ parse: @escaping @Sendable (FeedReader, FeedChunk?, FeedInput) throws -> (part: Part, records: Int)
    ) throws -> (parts: [Part], reports: [FeedReport]) {
        let cores = Cores.active
        var openReaders: [FeedReader?] = []
        var plans: [[FeedChunk]?] = []  // nil: one pass
        for input in inputs {
            let reader = try openUnlessEmpty(input, schema: schema)
            openReaders.append(reader)
            var chunks: [FeedChunk]?
            if let reader, cores > 1, reader.stats.bytes >= minimumParallelBytes {
                switch split {
                case .atLineFeeds: chunks = try reader.lineChunks(parts: cores * chunksPerCore) ?? reader.splitPoints(parts: cores * chunksPerCore)
                case .byQuoteParity: chunks = try reader.splitPoints(parts: cores * chunksPerCore)
                case .onePass: chunks = nil
                }
            }
            plans.append(chunks.flatMap { $0.count > 1 ? $0 : nil })
        }
        var tasks: [FeedTask] = []
        var chunkTasks: [[Int]] = Array(repeating: [], count: inputs.count)
        var wholeTask: [Int?] = Array(repeating: nil, count: inputs.count)
        for f in inputs.indices where openReaders[f] != nil {
            if let chunks = plans[f] {
                tasks.append(.hash(file: f))
                for c in chunks.indices {
                    chunkTasks[f].append(tasks.count)
                    tasks.append(.chunk(file: f, index: c))
                }
            } else {
                wholeTask[f] = tasks.count
                tasks.append(.whole(file: f))
            }
        }
        // A one-pass file's reader is used by its one task only, and read here after the loop has ended.
        nonisolated(unsafe) let readers = openReaders
        let results = Slots<Result<(part: Part, records: Int, lines: Int), any Error>>(count: tasks.count)
        let hashes = Slots<Result<String, IngestError>>(count: inputs.count)
        let frozenPlans = plans, frozenTasks = tasks
        DispatchQueue.concurrentPerform(iterations: frozenTasks.count) { t in
            switch frozenTasks[t] {
            case let .hash(f):
                hashes[f] = Result { () throws(IngestError) in try SHA256Hasher.hash(file: inputs[f].path) }
            case let .chunk(f, c):
                results[t] = Result {
                    let reader = try FeedReader(input: inputs[f], schema: schema)
                    let (part, records) = try parse(reader, frozenPlans[f]![c], inputs[f])
                    return (part, records, reader.chunkLines)
                }
            case let .whole(f):
                results[t] = Result {
                    let (part, records) = try parse(readers[f]!, nil, inputs[f])
                    return (part, records, 0)
                }
            }
        }

        var parts: [Part] = []
        var reports: [FeedReport] = []
        for (f, input) in inputs.enumerated() {
            var fileParts: [Part] = []
            let stats: FeedStats
            if let reader = readers[f] {
                if let whole = wholeTask[f] {
                    fileParts = [try results.take(whole)!.get().part]
                    stats = reader.stats
                } else if let gathered = try gather(chunkTasks[f].map { results.take($0)! }, chunks: plans[f]!) {
                    fileParts = gathered.parts
                    var chunked = reader.stats
                    chunked.sha256 = try hashes.take(f)!.get()
                    chunked.records = gathered.records
                    stats = chunked
                } else {
                    // A boundary fell inside a quoted field: this file again, split the next, surer way.
                    let again = try readAll([input], schema: schema, split: split.fallback, parse)
                    for var part in again.parts {
                        part.file = f
                        parts.append(part)
                    }
                    reports += again.reports
                    continue
                }
            } else {
                // A file with not even a header is a feed with no records: the run's empty-feed rule decides (--allow-empty).
                let size = (try? FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int) ?? 0
                stats = FeedStats(bytes: size, sha256: try SHA256Hasher.hash(file: input.path), records: 0, lines: 0, blankLines: 0,
                                  encoding: input.encoding)
            }
            var report = FeedReport(kind: schema.kind, input: input, stats: stats)
            for var part in fileParts {
                report.accepted += part.accepted
                report.phonesBlanked += part.blanked
                part.file = f
                parts.append(part)
            }
            report.rejected = report.read - report.accepted
            reports.append(report)
        }
        return (parts, reports)
    }

    /// A file's chunk results in order, with rejects' lines made absolute; nil when a chunk ended inside quotes.
    private static func gather<Part: FeedPart>(
        _ results: [Result<(part: Part, records: Int, lines: Int), any Error>], chunks: [FeedChunk]
    ) throws -> (parts: [Part], records: Int)? {
        var parts: [Part] = []
        parts.reserveCapacity(chunks.count)
        var records = 0
        // Chunks whose first line was not known (`lineChunks`) numbered their lines from 1: shift their rejects.
        var line = chunks.first?.firstLine ?? 1
        for (i, result) in results.enumerated() {
            switch result {
            case var .success(result):
                let shift = line - chunks[i].firstLine
                if shift != 0 {
                    for r in result.part.rejects.indices { result.part.rejects[r].line += shift }
                }
                line += result.lines
                parts.append(result.part)
                records += result.records
            case let .failure(error):
                if case .unterminatedQuote = error as? IngestError { return nil }
                throw error
            }
        }
        return (parts, records)
    }
}

/// Parses feed files in chunks on all cores, hashing them alongside, and hands back the chunks' results in file order.
enum ChunkedFeed {
    /// Files smaller than this are read in one pass: splitting them would cost more than it saves.
    static let minimumParallelBytes = 8 << 20

    /// Chunks per core, so a slow chunk (or a hash) does not leave the other core idle at the end.
    static let chunksPerCore = 8

    /// How large files are cut into chunks, from the cheapest to the surest.
    enum Split {
        /// Guessed at line feeds (`FeedReader.lineChunks`): no pass over the file first.
        case atLineFeeds
        /// At line feeds after an even number of quotes (`FeedReader.splitPoints`): a pass on one core first.
        case byQuoteParity
        /// Not at all: what is left when a stray quote defeats quote parity.
        case onePass

        /// The split to try when this one cut a quoted field.
        var fallback: Split { self == .atLineFeeds ? .byQuoteParity : .onePass }
    }

    /// A reader for the file, or nil when it has no header at all.
    private static func openUnlessEmpty(_ input: FeedInput, schema: FeedSchema) throws(IngestError) -> FeedReader? {
        do {
            return try FeedReader(input: input, schema: schema)
        } catch {
            if case .empty = error { return nil }
            throw error
        }
    }
}

/// Fixed slots written by concurrent workers, each slot by exactly one worker, read after they all finish.
final class Slots<Value>: @unchecked Sendable {
    // Raw storage: each worker writes its own slot, so no exclusivity check is wanted here.
    private let values: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        values = .allocate(capacity: count)
        values.initialize(repeating: nil)
    }

    deinit {
        values.deinitialize()
        values.deallocate()
    }

    subscript(i: Int) -> Value? {
        get { values[i] }
        set { values[i] = newValue }
    }

    /// Takes the value out of slot `i`, leaving nil, so large results are not copied or kept twice.
    func take(_ i: Int) -> Value? {
        let value = values[i]
        values[i] = nil
        return value
    }
}
