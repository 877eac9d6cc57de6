import FuzzSupport
import Ingest
import Normalize
import RiskModel

/// The XLSX reader (SPEC 8, 11): the input as a workbook file, read as a returned worklist is (`XLSXWorkbook`,
/// every row of the first visible sheet, then of every other sheet) and as a travel feed is (`TravelFeed.read`,
/// through `FeedReader`'s workbook path and the field rules).
///
/// A thrown error (not a ZIP archive, a damaged part, malformed XML) is a normal outcome; a crash, a trap, an
/// ASan report, a hang or a broken invariant is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = FuzzInput.write(data, size, name: "travel.xlsx")
    readRows(path)
    readFeed(path, size: size)
    return 0
}

/// Every row of every sheet, every field and kind touched; rows in increasing order, fields within the limits.
private func readRows(_ path: String) {
    let limits = XLSXLimits()
    let book: XLSXWorkbook
    do {
        book = try XLSXWorkbook(path: path, limits: limits)
    } catch {
        FuzzInput.check(!error.description.isEmpty, "an error without a description")
        return
    }
    // The first visible sheet (as `riskscreen feedback` reads it), then each by name.
    var names: [String?] = [nil]
    names += book.sheetNames.prefix(8).map { Optional($0) }
    for name in names {
        var previous = 0
        var delivered = 0
        do {
            let stats = try book.forEachRow(sheet: name) { row in
                FuzzInput.check(row.line > previous && row.line <= 1_048_576, "row \(row.line) after row \(previous)")
                previous = row.line
                delivered += 1
                FuzzInput.check(row.fieldCount > 0 && row.fieldCount <= limits.maxColumns, "a row of \(row.fieldCount) fields")
                FuzzInput.check(row.kind(row.fieldCount - 1) != .empty, "a row ends in an empty cell")
                var bytes = 0
                for i in 0..<row.fieldCount {
                    let field = row.field(i)
                    bytes += field.count
                    if row.problem == nil {
                        FuzzInput.check(field.count <= limits.maxFieldBytes, "field \(i) of row \(row.line): \(field.count) bytes, no problem")
                    }
                    FuzzInput.check(String(validating: field, as: UTF8.self) != nil, "field \(i) of row \(row.line) is not UTF-8")
                    FuzzInput.check(row.kind(i) != .empty || field.isEmpty, "an empty cell with \(field.count) bytes")
                }
                FuzzInput.check(row.field(row.fieldCount).isEmpty, "a field past the row's end")
                _ = row.raw
                if let problem = row.problem { FuzzInput.check(!problem.reason(row: row.line).description.isEmpty, "a problem without a reason") }
            }
            FuzzInput.check(stats.records == delivered, "stats say \(stats.records) rows, \(delivered) delivered")
            FuzzInput.check(stats.rows >= previous && stats.blankRows == stats.rows - stats.records, "stats \(stats), last row \(previous)")
        } catch {
            FuzzInput.check(!"\(error)".isEmpty, "an error without a description")
        }
    }
}

/// The travel feed's reader on the workbook: every row accepted, rejected or a duplicate, each reject on a row.
private func readFeed(_ path: String, size: Int) {
    let input = FeedInput(feed: "travel", path: path)
    let batch: TravelBatch
    do {
        batch = try TravelFeed.read([input], workers: FuzzInput.workers)
    } catch {
        FuzzInput.check(!"\(error)".isEmpty, "an error without a description")
        return
    }
    FuzzInput.check(batch.reports.count == 1, "\(batch.reports.count) reports for 1 input")
    let r = batch.reports[0]
    FuzzInput.check(r.read == r.accepted + r.rejected + r.duplicates,
                    "read \(r.read) != accepted \(r.accepted) + rejected \(r.rejected) + duplicates \(r.duplicates)")
    FuzzInput.check(r.bytes == size, "report says \(r.bytes) bytes, the file has \(size)")
    FuzzInput.check(batch.rejects.count == r.rejected, "\(batch.rejects.count) rejects for \(r.rejected) rejected rows")
    FuzzInput.check(batch.stays.count == r.accepted, "\(batch.stays.count) stays for \(r.accepted) accepted")
    FuzzInput.checkRejects(batch.rejects, feed: "travel", paths: [path], lines: 1_048_576)
    for part in batch.stays.parts {
        for stay in part.stays {
            FuzzInput.check(stay.left >= stay.arrived, "a stay leaves on \(stay.left) before arriving on \(stay.arrived)")
        }
    }
}
