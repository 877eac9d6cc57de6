import FuzzSupport
import Ingest
import Normalize
import RiskModel

/// The residence feed reader with the field rules (SPEC 1.1, 1.2): `ResidentFeed.read` on the input as a
/// file, given twice, so every person of the first copy loses to the same row of the second (a tie goes to
/// the later file).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResidents(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = FuzzInput.write(data, size, name: "residents.csv")
    let input = FeedInput(feed: "residents", path: path)
    let batch: ResidentBatch
    do {
        batch = try ResidentFeed.read([input, input], workers: FuzzInput.workers)
    } catch {
        FuzzInput.check(!"\(error)".isEmpty, "an error without a description")
        return 0
    }
    let reports = batch.reports
    FuzzInput.check(reports.count == 2, "\(reports.count) reports for 2 inputs")
    for r in reports {
        FuzzInput.check(r.read == r.accepted + r.rejected + r.duplicates,
                        "read \(r.read) != accepted \(r.accepted) + rejected \(r.rejected) + duplicates \(r.duplicates)")
        FuzzInput.check(r.accepted >= 0 && r.rejected >= 0 && r.duplicates >= 0, "a negative count in \(r)")
    }
    FuzzInput.check(reports[0].accepted == 0, "the first copy kept \(reports[0].accepted) residents")
    FuzzInput.check(reports[0].read == reports[1].read && reports[0].rejected == reports[1].rejected,
                    "the two copies read differently: \(reports[0]) vs \(reports[1])")
    FuzzInput.check(batch.rejects.count == reports[0].rejected + reports[1].rejected,
                    "\(batch.rejects.count) rejects for \(reports[0].rejected + reports[1].rejected) rejected records")
    // One row per person.
    FuzzInput.check(batch.table.count == reports[1].accepted, "\(batch.table.count) rows for \(reports[1].accepted) accepted")
    FuzzInput.check(batch.people.count == batch.table.count, "\(batch.people.count) people for \(batch.table.count) rows")
    var seen = Set<PersonKey>()
    for i in 0..<batch.table.count {
        let resident = batch.table.resident(at: i)
        FuzzInput.check(seen.insert(resident.person).inserted, "a person kept twice at row \(i)")
        FuzzInput.check(!resident.name.isEmpty, "row \(i) has an empty name")
    }
    FuzzInput.checkRejects(batch.rejects, feed: "residents", paths: [path], lines: FuzzInput.lineCount(data, size))
    return 0
}
