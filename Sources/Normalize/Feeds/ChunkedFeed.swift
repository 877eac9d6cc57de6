import Foundation
import Ingest
import Machinery
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
        _ inputs: [FeedInput], schema: FeedSchema, workers: Workers, split: Split = .atLineFeeds,
        _ parse: @escaping @Sendable (FeedReader, FeedChunk?, FeedInput) throws -> (part: Part, records: Int)
    ) throws -> (parts: [Part], reports: [FeedReport]) {
        let plan = try plan(inputs, schema: schema, workers: workers, split: split)
        return try read(inputs, plan: plan, schema: schema, workers: workers, split: split, parse)
    }

    /// How each input is read: its open reader (nil for a file without even a header) and its chunks (nil: one pass).
    struct Plan {
        var readers: [FeedReader?]
        var chunks: [[FeedChunk]?]

        /// How many chunks are read in parallel, over all files.
        var chunkCount: Int { chunks.reduce(0) { $0 + ($1?.count ?? 0) } }
    }

    /// Opens every input and decides its chunks: files of at least `minimumParallelBytes` are cut into
    /// `chunksPerWorker` chunks per worker when there is more than one.
    static func plan(_ inputs: [FeedInput], schema: FeedSchema, workers: Workers, split: Split = .atLineFeeds) throws -> Plan {
        var openReaders: [FeedReader?] = []
        var plans: [[FeedChunk]?] = []  // nil: one pass
        for input in inputs {
            let reader = try openUnlessEmpty(input, schema: schema)
            openReaders.append(reader)
            var chunks: [FeedChunk]?
            // A workbook is read in one pass: its rows are inflated and parsed in order.
            if let reader, !reader.isWorkbook, workers.count > 1, reader.stats.bytes >= minimumParallelBytes {
                let parts = workers.count * chunksPerWorker
                switch split {
                case .atLineFeeds: chunks = try reader.lineChunks(parts: parts) ?? reader.splitPoints(parts: parts)
                case .byQuoteParity: chunks = try reader.splitPoints(parts: parts)
                case .onePass: chunks = nil
                }
            }
            plans.append(chunks.flatMap { $0.count > 1 ? $0 : nil })
        }
        return Plan(readers: openReaders, chunks: plans)
    }

    /// Reads every input as `plan` says, chunks and hashes on all workers, and gathers the parts in file order.
    private static func read<Part: FeedPart>(
        _ inputs: [FeedInput], plan: Plan, schema: FeedSchema, workers: Workers, split: Split,
        _ parse: @escaping @Sendable (FeedReader, FeedChunk?, FeedInput) throws -> (part: Part, records: Int)
    ) throws -> (parts: [Part], reports: [FeedReport]) {
        let readers = plan.readers, plans = plan.chunks
        var tasks: [FeedTask] = []
        var chunkTasks: [[Int]] = Array(repeating: [], count: inputs.count)
        var wholeTask: [Int?] = Array(repeating: nil, count: inputs.count)
        for f in inputs.indices where readers[f] != nil {
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
        var outcomes = workers.map(tasks.count) { t -> TaskOutcome<Part> in
            switch tasks[t] {
            case let .hash(f):
                return .hash(Result { () throws(IngestError) in try SHA256Hasher.hash(file: inputs[f].path) })
            case let .chunk(f, c):
                return .part(Result {
                    let reader = try FeedReader(input: inputs[f], schema: schema)
                    let (part, records) = try parse(reader, plans[f]![c], inputs[f])
                    return (part, records, reader.chunkLines)
                })
            case let .whole(f):
                return .part(Result {
                    let (part, records) = try parse(readers[f]!, nil, inputs[f])
                    return (part, records, 0)
                })
            }
        }
        var hashTask: [Int: Int] = [:]
        for (t, task) in tasks.enumerated() { if case let .hash(f) = task { hashTask[f] = t } }
        /// Takes a task's outcome out of the list, so large parts are held once.
        func take(_ t: Int) -> TaskOutcome<Part> {
            defer { outcomes[t] = .taken }
            return outcomes[t]
        }

        var parts: [Part] = []
        var reports: [FeedReport] = []
        for (f, input) in inputs.enumerated() {
            var fileParts: [Part] = []
            let stats: FeedStats
            if let reader = readers[f] {
                if let whole = wholeTask[f] {
                    fileParts = [try take(whole).part!.get().part]
                    stats = reader.stats
                } else if let gathered = try gather(chunkTasks[f].map { take($0).part! }, chunks: plans[f]!) {
                    fileParts = gathered.parts
                    var chunked = reader.stats
                    chunked.sha256 = try take(hashTask[f]!).hash!.get()
                    chunked.records = gathered.records
                    stats = chunked
                } else {
                    // A boundary fell inside a quoted field: this file again, split the next, surer way.
                    let again = try readAll([input], schema: schema, workers: workers, split: split.fallback, parse)
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
            // Columns in rejects are spelled as this file's header spells them (SPEC 11).
            let headers = readers[f]?.headerNames ?? [:]
            for var part in fileParts {
                report.accepted += part.accepted
                report.phonesBlanked += part.blanked
                if !part.rejects.isEmpty { part.rejects = part.rejects.map { $0.naming(headers) } }
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
                // A chunk that began inside a quoted field reads the rest of itself as quoted: it ends inside quotes,
                // or (a chunk of more than 64 MiB) runs into the limit for an open quote.
                switch error as? IngestError {
                case .unterminatedQuote?, .quoteOpenTooLong?: return nil
                default: throw error
                }
            }
        }
        return (parts, records)
    }
}

/// Parses feed files in chunks on all cores, hashing them alongside, and hands back the chunks' results in file order.
enum ChunkedFeed {
    /// Files smaller than this are read in one pass: splitting them would cost more than it saves.
    static let minimumParallelBytes = 8 << 20

    /// Chunks per worker, so a slow chunk (or a hash) does not leave the other workers idle at the end.
    static let chunksPerWorker = 8

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

/// What one task of `ChunkedFeed.read` gave.
private enum TaskOutcome<Part: FeedPart> {
    case hash(Result<String, IngestError>)
    case part(Result<(part: Part, records: Int, lines: Int), any Error>)
    /// Taken out of the list already.
    case taken

    var hash: Result<String, IngestError>? { if case let .hash(r) = self { return r } else { return nil } }
    var part: Result<(part: Part, records: Int, lines: Int), any Error>? { if case let .part(r) = self { return r } else { return nil } }
}
