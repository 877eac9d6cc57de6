import Foundation
import Machinery
import RiskModel

extension Store {
    /// Every stored stay with later runs' versions replacing earlier ones, and `incoming` (which replaces them all).
    ///
    /// Identity replacement runs newest first, keeping the newest occurrence of each identity (SPEC 1.3).
    public func stays(with incoming: StayParts?, workers: Workers) throws -> StayParts {
        Store.merge(try storedStays(), with: incoming, workers: workers)
    }

    /// The stays of every committed run, one group of parts per run (a run's file holds its feeds' chunks), oldest first.
    ///
    /// Reading them takes a moment at province scale (the files were written past the page cache), so a run
    /// starts this on another thread while it reads the night's feeds.
    public func storedStays() throws -> [[StayParts.Part]] {
        try segments(kind: "stays").map { segment in
            try PackedFile.readStays(dataFolder.appendingPathComponent(segment.file), expectedBytes: segment.bytes).parts
        }
    }

    /// A run that finds this many stays files stored writes every stay in force as its own file, which replaces them.
    ///
    /// A night merges every stored run's stays: each stored night adds its identities to the set the night fills on
    /// one core before the rest, and its replaced stays to what it reads. `purge` merges them too; this keeps nights
    /// from slowing down where no purge is scheduled. The run that merges writes about as much as a full run, on the
    /// thread that writes while the run screens. Three was the fastest of three, four and eight over weeks of cron
    /// nights (docs/performance-history.md, round twelve).
    public static let staysFilesToMerge = 3

    /// How many stays ahead the merge asks for a probe's table line: enough to cover a miss to memory.
    static let probeAhead = 8

    /// The stays in force: the stored runs' (from `storedStays()`) and this run's, each identity from its newest run.
    public static func merge(_ stored: consuming [[StayParts.Part]], with incoming: StayParts?, workers: Workers) -> StayParts {
        // Taken over, not copied: the filtering below then changes the arrays in place.
        var runs = consume stored
        if let incoming { runs.append(incoming.parts) }
        guard runs.count > 1 else { return StayParts(parts: runs.first ?? []) }
        // No identity repeats within one run (a run dedupes its own feeds), so going from the newest run to the
        // oldest, a stay survives unless a newer run has its identity. The oldest run, normally the largest, is only
        // probed, never hashed. Parts are filtered in place, never merged.
        let newer = runs.dropFirst().joined().reduce(0) { $0 + $1.stays.count }
        var seen = FlatSet(capacity: newer, filtered: true)
        for r in runs.indices.reversed() {
            if seen.count > 0 {
                // Probing misses the cache for most stays: the parts of a run are filtered on all workers, each
                // probe's table line asked for a few stays ahead. A mapped part keeps its view, the replaced
                // stays skipped as holes; an array part is copied span by span.
                let replaced = seen
                workers.updateEach(&runs[r]) { _, part in
                    let gone = part.stays.withUnsafeBufferPointer { stays in
                        var gone: [Int] = []
                        for i in stays.indices {
                            if i + Store.probeAhead < stays.count { replaced.prefetchProbe(stays[i + Store.probeAhead].identity) }
                            if replaced.contains(stays[i].identity) { gone.append(i) }
                        }
                        return gone
                    }
                    part.stays.remove(atSortedOffsets: gone)
                }
            }
            if r > 0 {
                for part in runs[r] {
                    part.stays.forEachSpan { stays in
                        for i in stays.indices {
                            if i + Store.probeAhead < stays.count { seen.prefetch(stays[i + Store.probeAhead].identity) }
                            seen.insert(stays[i].identity)
                        }
                    }
                }
            }
        }
        return StayParts(parts: Array(runs.joined()))
    }

    /// The stored residence snapshot, or nil when no run has given one.
    public func residents() throws -> ResidentTable? {
        guard let latest = try segments(kind: "residents").last else { return nil }
        return try PackedFile.readResidents(dataFolder.appendingPathComponent(latest.file), expectedBytes: latest.bytes)
    }

    /// `table` with its text read back from the residents' file of `segments` (written by `writeFiles`) rather than
    /// kept in memory: see `ResidentTable.readingText(from:at:)`.
    public func residents(_ table: ResidentTable, textOf segments: [SegmentRecord]) throws -> ResidentTable {
        guard let segment = segments.first(where: { $0.kind == "residents" }) else { return table }
        return try PackedFile.residents(table, textIn: dataFolder.appendingPathComponent(segment.file))
    }

    /// Writes a run's packed stays, residents and rule files beside the database; they count only once a commit names them.
    ///
    /// Callable ahead of the commit (on another thread, while the run screens), since nothing refers to them yet.
    public func writeFiles(runID: Int64, stays: StayParts?, residents: ResidentTable?,
                           rules: (policy: String, regions: String)?) throws -> [SegmentRecord] {
        var segments: [SegmentRecord] = []
        if let stays, stays.count > 0 {
            let file = "stays-\(runID).bin"
            let bytes = try PackedFile.writeStays(stays, to: dataFolder.appendingPathComponent(file))
            segments.append(SegmentRecord(runID: runID, kind: "stays", file: file, count: stays.count, bytes: bytes))
        }
        if let residents {
            let file = "residents-\(runID).bin"
            let bytes = try PackedFile.writeResidents(residents, to: dataFolder.appendingPathComponent(file))
            segments.append(SegmentRecord(runID: runID, kind: "residents", file: file, count: residents.count, bytes: bytes))
        }
        if let rules {
            for (kind, path, ext) in [("policy", rules.policy, "toml"), ("regions", rules.regions, "csv")] {
                let file = "\(kind)-\(runID).\(ext)"
                let target = dataFolder.appendingPathComponent(file)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(atPath: path, toPath: target.path)
                // The copy keeps the source's mode; the store's files are owner-only (SPEC 5).
                FileModes.set(target.path, to: FileModes.storeFile)
                let bytes = (try FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int) ?? 0
                segments.append(SegmentRecord(runID: runID, kind: kind, file: file, count: 0, bytes: bytes))
            }
        }
        return segments
    }
}
