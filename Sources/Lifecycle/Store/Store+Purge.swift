import Foundation
import GRDB
import RiskModel

/// What `purge` removed.
public struct PurgeReport: Sendable {
    public var staysRemoved = 0
    public var staysKept = 0
    public var noticesAnonymised = 0
}

extension Store {
    /// Deletes stays that ended before `before` and the personal data of notices whose measure ended before it.
    ///
    /// Counts of runs stay as they were. Segments are rewritten aside and swapped in one transaction;
    /// the old files are removed only after it commits, so a crash leaves either the old or the new store.
    public func purge(before: Day) throws -> PurgeReport {
        var report = PurgeReport()
        var replacements: [(old: SegmentRecord, new: SegmentRecord?)] = []
        for segment in try segments(kind: "stays") {
            let stored = try PackedFile.readStays(dataFolder.appendingPathComponent(segment.file), expectedBytes: segment.bytes)
            var kept = StayParts(parts: [])
            for part in stored.parts {
                var stays: [Stay] = []
                var book = ContactBook()
                for var stay in part.stays where stay.left >= before {
                    if let entry = part.contacts.entry(stay.contact) {
                        stay.contact = book.append(name: Array(entry.name.utf8), phone: Array(entry.phone.utf8))
                    }
                    stays.append(stay)
                }
                if !stays.isEmpty { kept.parts.append(StayParts.Part(stays: stays, contacts: book)) }
            }
            report.staysRemoved += stored.count - kept.count
            report.staysKept += kept.count
            if kept.count == stored.count { continue }
            if kept.count == 0 {
                replacements.append((segment, nil))
                continue
            }
            var generation = 1
            var file = "stays-\(segment.runID)-p\(generation).bin"
            while FileManager.default.fileExists(atPath: dataFolder.appendingPathComponent(file).path) || file == segment.file {
                generation += 1
                file = "stays-\(segment.runID)-p\(generation).bin"
            }
            let bytes = try PackedFile.writeStays(kept, to: dataFolder.appendingPathComponent(file))
            replacements.append((segment, SegmentRecord(runID: segment.runID, kind: "stays", file: file, count: kept.count, bytes: bytes)))
        }
        let cutoff = before.description
        try db.write { db in
            for (old, new) in replacements {
                try db.execute(sql: "DELETE FROM segment WHERE file = ?", arguments: [old.file])
                try new?.insert(db)
            }
            report.noticesAnonymised = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notice WHERE until < ? AND name != ''", arguments: [cutoff]) ?? 0
            try db.execute(sql: "UPDATE notice SET person = 'purged:' || serial, name = '', phone = '', address = '' WHERE until < ?",
                           arguments: [cutoff])
        }
        for (old, _) in replacements {
            try? FileManager.default.removeItem(at: dataFolder.appendingPathComponent(old.file))
        }
        return report
    }
}
