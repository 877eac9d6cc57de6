import FuzzSupport
import Ingest
import Normalize
import RiskModel

/// The travel feed reader with the field rules (SPEC 1.1, 1.3): `TravelFeed.read` on the input as a file,
/// given twice as two files of one feed, so the second's stays replace every one of the first's.
///
/// A thrown error (a missing column, an unclosed quote) is a normal outcome; a crash, a trap, an ASan report,
/// a hang or a broken count is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTravel(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = FuzzInput.write(data, size, name: "travel.csv")
    let input = FeedInput(feed: "travel", path: path)
    let batch: TravelBatch
    do {
        batch = try TravelFeed.read([input, input], workers: FuzzInput.workers)
    } catch {
        let text = "\(error)"
        FuzzInput.check(!text.isEmpty, "an error without a description")
        return 0
    }
    let reports = batch.reports
    FuzzInput.check(reports.count == 2, "\(reports.count) reports for 2 inputs")
    for r in reports {
        // Every record read is accepted, rejected or a duplicate (SPEC 4, manifest.json).
        FuzzInput.check(r.read == r.accepted + r.rejected + r.duplicates,
                        "read \(r.read) != accepted \(r.accepted) + rejected \(r.rejected) + duplicates \(r.duplicates)")
        FuzzInput.check(r.accepted >= 0 && r.rejected >= 0 && r.duplicates >= 0, "a negative count in \(r)")
        FuzzInput.check(r.bytes == size, "report says \(r.bytes) bytes, the file has \(size)")
    }
    // The same file twice: the second copy's stays replace all of the first's, and the two agree otherwise.
    FuzzInput.check(reports[0].accepted == 0, "the first copy kept \(reports[0].accepted) stays")
    FuzzInput.check(reports[0].read == reports[1].read && reports[0].rejected == reports[1].rejected,
                    "the two copies read differently: \(reports[0]) vs \(reports[1])")
    // Each rejected record is one reject, and each accepted one a stay.
    FuzzInput.check(batch.rejects.count == reports[0].rejected + reports[1].rejected,
                    "\(batch.rejects.count) rejects for \(reports[0].rejected + reports[1].rejected) rejected records")
    FuzzInput.check(batch.stays.count == reports[1].accepted, "\(batch.stays.count) stays for \(reports[1].accepted) accepted")
    FuzzInput.checkRejects(batch.rejects, feed: "travel", paths: [path], lines: FuzzInput.lineCount(data, size))
    for part in batch.stays.parts {
        for stay in part.stays {
            FuzzInput.check(stay.left >= stay.arrived, "a stay leaves on \(stay.left) before arriving on \(stay.arrived)")
            if stay.contact != Stay.noContact {
                FuzzInput.check(part.contacts.entry(stay.contact) != nil, "stay's contact \(stay.contact) is not in its book")
            }
        }
    }
    return 0
}
