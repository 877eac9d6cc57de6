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

extension ChunkedFeed {
    /// Reads every input in order, each in chunks, and returns all chunks' parts in file order with a report per file.
    static func readAll<Part: FeedPart>(
        _ inputs: [FeedInput], schema: FeedSchema,
        _ parse: @escaping @Sendable (FeedReader, FeedChunk?, FeedInput) throws -> (part: Part, records: Int)
    ) throws -> (parts: [Part], reports: [FeedReport]) {
        var parts: [Part] = []
        var reports: [FeedReport] = []
        for (fileIndex, input) in inputs.enumerated() {
            let read = try ChunkedFeed.read(input, schema: schema) { reader, chunk in try parse(reader, chunk, input) }
            var report = FeedReport(kind: schema.kind, input: input, stats: read.stats)
            for var part in read.parts {
                report.accepted += part.accepted
                report.phonesBlanked += part.blanked
                part.file = fileIndex
                parts.append(part)
            }
            report.rejected = report.read - report.accepted
            reports.append(report)
        }
        return (parts, reports)
    }
}

/// Parses one feed file in chunks on all cores, hashing it alongside, and hands back the chunks' results in file order.
enum ChunkedFeed {
    /// Files smaller than this are read in one pass: splitting them would cost more than it saves.
    static let minimumParallelBytes = 8 << 20

    /// Chunks per core, so a slow chunk (or the hash) does not leave the other core idle at the end.
    static let chunksPerCore = 4

    /// Runs `parse` over every record of `input`: in one pass for small files, else on `FeedReader`s of their own per chunk.
    ///
    /// `parse(reader, chunk)` reads `chunk` with `reader.forEachRecord(in:)`, or the whole file with
    /// `reader.forEachRecord(_:)` when `chunk` is nil, and returns what it kept with the number of records.
    /// A chunk that ends inside a quoted field (a stray quote upset the split) sends the file back to one pass.
    static func read<Part: FeedPart>(
        _ input: FeedInput, schema: FeedSchema, cores: Int = activeCores(),
        _ parse: @escaping @Sendable (FeedReader, FeedChunk?) throws -> (part: Part, records: Int)
    ) throws -> (parts: [Part], stats: FeedStats) {
        guard let reader = try openUnlessEmpty(input, schema: schema) else {
            // A file with not even a header is a feed with no records: the run's empty-feed rule decides (--allow-empty).
            let size = (try? FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int) ?? 0
            return ([], FeedStats(bytes: size, sha256: try SHA256Hasher.hash(file: input.path), records: 0, lines: 0, blankLines: 0,
                                  encoding: input.encoding))
        }
        if cores > 1, reader.stats.bytes >= minimumParallelBytes {
            // Guessed boundaries first; when one fell inside a quoted field, boundaries found by quote parity.
            let parts = cores * chunksPerCore
            let splits: [() throws -> [FeedChunk]] = [{ reader.lineChunks(parts: parts) ?? [] }, { try reader.splitPoints(parts: parts) }]
            for split in splits {
                let chunks = try split()
                if chunks.count > 1, let parallel = try parallelRead(input, schema: schema, chunks: chunks, parse) {
                    var stats = reader.stats
                    stats.sha256 = parallel.sha256
                    stats.records = parallel.records
                    return (parallel.parts, stats)
                }
            }
        }
        let whole = try parse(reader, nil)
        return ([whole.part], reader.stats)
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

    /// The chunks' results, or nil when the split turned out not to be at record boundaries.
    private static func parallelRead<Part: FeedPart>(
        _ input: FeedInput, schema: FeedSchema, chunks: [FeedChunk],
        _ parse: @escaping @Sendable (FeedReader, FeedChunk?) throws -> (part: Part, records: Int)
    ) throws -> (parts: [Part], records: Int, sha256: String)? {
        // Slot 0 hashes the file; slot i > 0 parses chunk i - 1.
        let slots = Slots<Result<(part: Part, records: Int, lines: Int), any Error>>(count: chunks.count)
        let hash = Slots<Result<String, IngestError>>(count: 1)
        DispatchQueue.concurrentPerform(iterations: chunks.count + 1) { i in
            if i == 0 {
                hash[0] = Result { () throws(IngestError) in try SHA256Hasher.hash(file: input.path) }
                return
            }
            slots[i - 1] = Result {
                let reader = try FeedReader(input: input, schema: schema)
                let (part, records) = try parse(reader, chunks[i - 1])
                return (part, records, reader.chunkLines)
            }
        }
        var parts: [Part] = []
        parts.reserveCapacity(chunks.count)
        var records = 0
        // Chunks whose first line was not known (`lineChunks`) numbered their lines from 1: shift their rejects.
        var line = chunks.first?.firstLine ?? 1
        for i in 0..<chunks.count {
            switch slots.take(i) {
            case var .success(result)?:
                let shift = line - chunks[i].firstLine
                if shift != 0 {
                    for r in result.part.rejects.indices { result.part.rejects[r].line += shift }
                }
                line += result.lines
                parts.append(result.part)
                records += result.records
            case let .failure(error)?:
                if case .unterminatedQuote = error as? IngestError { return nil }
                throw error
            case nil:
                preconditionFailure("every chunk was parsed")
            }
        }
        guard case let .success(sha256)? = hash[0] else {
            if case let .failure(error)? = hash[0] { throw error }
            preconditionFailure("the file was hashed")
        }
        return (parts, records, sha256)
    }

    /// Cores this process may use.
    static func activeCores() -> Int {
        max(1, min(ProcessInfoCores.count, 64))
    }
}

/// The number of online cores, read once; `RISKSCREEN_THREADS` lowers it (1 reads every file in one pass).
enum ProcessInfoCores {
    static let count: Int = {
        let online = max(sysconf(Int32(_SC_NPROCESSORS_ONLN)), 1)
        if let text = getenv("RISKSCREEN_THREADS"), let wanted = Int(String(cString: text)), wanted >= 1 {
            return min(wanted, online)
        }
        return online
    }()
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
