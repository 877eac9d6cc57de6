import FuzzSupport
import Ingest
import Normalize
import RiskModel

/// The risk-region rule file (SPEC 1.4): `RuleFile.read` on the input as a file. All or nothing: either
/// designations with `from <= to`, or an error; invalid rows are listed with their lines.
/// The national gazetteer the program settles names against, loaded once.
private let gazetteer: Gazetteer = {
    do { return try Gazetteer.national() } catch { FuzzInput.fatal("the national gazetteer does not load: \(error)") }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = FuzzInput.write(data, size, name: "regions.csv")
    let lines = FuzzInput.lineCount(data, size)
    do {
        let (designations, report) = try RuleFile.read(FeedInput(feed: "regions", path: path), gazetteer: gazetteer)
        FuzzInput.check(!designations.isEmpty, "a rule file read with no designations")
        FuzzInput.check(report.accepted == designations.count && report.read == designations.count && report.rejected == 0,
                        "report \(report) for \(designations.count) designations")
        for d in designations {
            FuzzInput.check(!d.regionName.isEmpty, "designation at line \(d.line) without a name")
            if let to = d.to { FuzzInput.check(to >= d.from, "designation at line \(d.line) ends before it starts") }
            FuzzInput.check(d.line >= 1 && d.line <= lines, "designation line \(d.line) outside 1...\(lines)")
        }
    } catch {
        let text = error.description
        FuzzInput.check(!text.isEmpty, "an error without a description")
        if case let .invalidRows(file, problems) = error {
            FuzzInput.check(file == path && !problems.isEmpty, "invalidRows with no rows")
            FuzzInput.checkRejects(problems, feed: "regions", paths: [path], lines: lines)
        }
    }
    return 0
}
