import Foundation
import GRDB
import Machinery
import RiskModel

/// What `purge` removed.
public struct PurgeReport: Sendable {
    /// Stays that ended before the cut-off.
    public var staysRemoved = 0
    /// Stays a later run's record of the same identity had replaced (no run reads them any more).
    public var staysReplaced = 0
    public var staysKept = 0
    /// Stays files the kept stays were in before, now one.
    public var filesMerged = 0
    public var noticesAnonymised = 0
}

extension Store {
    /// Deletes stays that ended before `before` and the personal data of notices whose measure ended before it,
    /// and puts the stays left, every run's, into one file.
    ///
    /// A night merges the stays of every run stored since the last purge: each run's file adds its identities to the
    /// set the night builds on one core before it reads the rest, and its replaced stays to what the night reads.
    /// In one file each identity's latest stay is there once, in the order a night would have merged them, so runs
    /// screen what they screened before. Counts of runs stay as they were. The file is written aside and swapped in
    /// one transaction; the old files are removed only after it commits, so a crash leaves the old or the new store.
    public func purge(before: Day, workers: Workers) throws -> PurgeReport {
        var report = PurgeReport()
        let segments = try segments(kind: "stays")
        var replacement: SegmentRecord?
        if let last = segments.last {
            let stored = try storedStays()
            let total = stored.joined().reduce(0) { $0 + $1.stays.count }
            let merged = Store.merge(stored, with: nil, workers: workers)
            var kept = StayParts(parts: [])
            var stays: [Stay] = []
            var book = ContactBook()
            for part in merged.parts {
                for var stay in part.stays where stay.left >= before {
                    stay.contact = book.append(entry: stay.contact, of: part.contacts) ?? Stay.noContact
                    stays.append(stay)
                    // Parts of a million: a night cuts its work by part, and the runs' many small parts would add up.
                    if stays.count == Store.purgedPartSize {
                        kept.parts.append(StayParts.Part(stays: stays, contacts: book))
                        (stays, book) = ([], ContactBook())
                    }
                }
            }
            if !stays.isEmpty { kept.parts.append(StayParts.Part(stays: stays, contacts: book)) }
            report.staysReplaced = total - merged.count
            report.staysRemoved = merged.count - kept.count
            report.staysKept = kept.count
            guard segments.count > 1 || kept.count < total else { return try anonymise(before: before, report: report) }
            report.filesMerged = segments.count
            if kept.count > 0 {
                var generation = 1
                var file = "stays-\(last.runID)-p\(generation).bin"
                while FileManager.default.fileExists(atPath: dataFolder.appendingPathComponent(file).path) || segments.contains(where: { $0.file == file }) {
                    generation += 1
                    file = "stays-\(last.runID)-p\(generation).bin"
                }
                let bytes = try PackedFile.writeStays(kept, to: dataFolder.appendingPathComponent(file))
                replacement = SegmentRecord(runID: last.runID, kind: "stays", file: file, count: kept.count, bytes: bytes)
            }
        }
        report = try anonymise(before: before, report: report) { db in
            try db.execute(sql: "DELETE FROM segment WHERE kind = 'stays'")
            try replacement?.insert(db)
        }
        // The files it replaced are named by no committed row now, as the merging night's are: one way removes both.
        _ = try? removeOrphanFiles()
        return report
    }

    /// The most stays `purge` puts in one part of its file.
    static let purgedPartSize = 1 << 20

    /// Takes the personal data off notices whose measure ended before `before`, in one transaction with `swap`.
    private func anonymise(before: Day, report: PurgeReport, swap: (Database) throws -> Void = { _ in }) throws -> PurgeReport {
        var report = report
        let cutoff = before.description
        try db.write { db in
            try swap(db)
            report.noticesAnonymised = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notice WHERE until < ? AND name != ''", arguments: [cutoff]) ?? 0
            try db.execute(sql: "UPDATE notice SET person = 'purged:' || serial, name = '', phone = '', address = '' WHERE until < ?",
                           arguments: [cutoff])
            // A grid worker's remark may name the person or a phone number: it goes with the rest.
            try db.execute(sql: "UPDATE deliveryOutcome SET note = '' WHERE note != '' AND serial IN (SELECT serial FROM notice WHERE until < ?)",
                           arguments: [cutoff])
        }
        return report
    }
}
