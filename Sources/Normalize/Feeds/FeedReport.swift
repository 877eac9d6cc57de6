import Ingest
import RiskModel

/// What became of one input file's records: every record read is accepted, rejected or a duplicate.
public struct FeedReport: Sendable, Hashable {
    public var kind: String
    public var feed: String
    public var path: String
    public var sha256: String
    public var bytes: Int
    public var encoding: String
    public var read: Int
    public var accepted: Int
    public var rejected: Int
    /// Records replaced by a later record with the same identity (stays) or person (residents).
    public var duplicates: Int
    /// Accepted records whose phone was invalid and kept blank.
    public var phonesBlanked: Int

    public var rejectRate: Double { read == 0 ? 0 : Double(rejected) / Double(read) }

    /// `travel rail: travel_rail.csv (gb18030): 220 read, 218 accepted, 2 rejected, 0 duplicates`, as a run or `check` lists it.
    public var summary: Message {
        var counts: [Message] = [RunText.countRead(["n": read]), RunText.countAccepted(["n": accepted]), RunText.countRejected(["n": rejected])]
        if kind != "regions" { counts.append(RunText.countDuplicates(["n": duplicates])) }
        if phonesBlanked > 0 { counts.append(RunText.countPhonesBlanked(["n": phonesBlanked])) }
        return RunText.inputSummary(["kind": RunText.feedKind(kind), "path": path, "encoding": encoding,
                                     "counts": Message.Value.clauses(counts)])
    }

    init(kind: String, input: FeedInput, stats: FeedStats) {
        self.kind = kind
        feed = input.feed
        path = input.path
        sha256 = stats.sha256
        bytes = stats.bytes
        encoding = stats.sheet == nil ? stats.encoding.rawValue : "xlsx"
        read = stats.records
        accepted = 0
        rejected = 0
        duplicates = 0
        phonesBlanked = 0
    }
}

/// Hashes the bytes of a stay's identity; FNV-1a with a final avalanche so nearby identities spread.
struct IdentityHasher {
    var state: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always)
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        for b in bytes { state = (state ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        state = (state ^ 0x1F) &* 0x0000_0100_0000_01B3
    }

    /// Adds a trimmed field as `Fields.withNormalized(_:fold: true)` passes it: the bytes as they are, unless a
    /// possible full-width character turns up, when the field is folded and hashed again from the start.
    @inline(__always)
    mutating func addFolding(_ trimmed: UnsafeBufferPointer<UInt8>) {
        let before = state
        for b in trimmed {
            if b == 0xEF {
                state = before
                Fields.withNormalized(trimmed, fold: true) { add($0) }
                return
            }
            state = (state ^ UInt64(b)) &* 0x0000_0100_0000_01B3
        }
        state = (state ^ 0x1F) &* 0x0000_0100_0000_01B3
    }

    @inline(__always)
    mutating func add(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) {
            state = (state ^ ((value >> UInt64(shift)) & 0xFF)) &* 0x0000_0100_0000_01B3
        }
    }

    var value: UInt64 {
        var h = state
        h ^= h >> 33; h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}

extension Reject {
    init(_ record: borrowing RecordView, input: FeedInput, column: String, reason: Message) {
        self.init(feed: input.feed, file: input.path, line: record.line, column: column, problem: reason, raw: record.raw)
    }
}
