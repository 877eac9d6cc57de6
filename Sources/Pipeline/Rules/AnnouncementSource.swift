import CoreFoundation
import Foundation
import Ingest
import RiskModel

/// The lines of an announcement as published: a text file pasted from the web page, or one column of a CSV or
/// XLSX file (`--column`), each line with its number in the file (SPEC 10, `rules import`).
enum AnnouncementSource {
    /// The numbered lines of `path`; `column` names the column of a CSV or XLSX file that holds the list.
    static func lines(path: String, column: String?) throws(RunError) -> [(number: Int, text: String)] {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .inputRejected(RuleText.announcementUnreadable(["path": path]))
        }
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard let column else {
            if ext == "csv" || ext == "xlsx" || ext == "xls" {
                let columns = (try? headers(path: path, xlsx: ext != "csv")).map { RuleText.itsColumns(["columns": $0]).messageValue } ?? .none
                throw .configuration((ext == "csv" ? RuleText.csvNeedsColumn : RuleText.workbookNeedsColumn)(["path": path, "columns": columns]))
            }
            return try text(path: path)
        }
        return ext == "xlsx" || ext == "xls" ? try xlsxColumn(path: path, column: column) : try csvColumn(path: path, column: column)
    }

    /// A text file, UTF-8 (with or without BOM) or GB18030, one line per line.
    static func text(path: String) throws(RunError) -> [(number: Int, text: String)] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .inputRejected(RuleText.announcementUnreadableReason(["path": path, "reason": SystemText.reason(of: error)]))
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let decoded = String(validating: bytes, as: UTF8.self)
            // Foundation on Linux knows GB18030 by its CoreFoundation number, not by a name (PITFALLS).
            ?? String(data: Data(bytes), encoding: String.Encoding(rawValue: 0x8000_0632))
        guard let text = decoded else {
            throw .inputRejected(RuleText.announcementNotText(["path": path]))
        }
        var number = 0
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            number += 1
            return (number, String(line))
        }
    }

    /// The cells of `column` of a CSV file (any encoding SPEC 1 reads), each with the line its record starts on.
    static func csvColumn(path: String, column: String) throws(RunError) -> [(number: Int, text: String)] {
        // An announcement cell lists names on several lines: its line breaks separate names, they are kept.
        let schema = FeedSchema(kind: "announcement", columns: [ColumnSpec(column, aliases: [], required: true, lineBreaks: .kept)])
        let input = FeedInput(feed: "announcement", path: path)
        let reader: FeedReader
        do { reader = try FeedReader(input: input, schema: schema) } catch {
            if case let .missingColumn(_, _, _, found, _) = error {
                throw .configuration(RuleText.noSuchColumn(["path": path, "column": column, "found": found]))
            }
            throw .inputRejected(error.message)
        }
        var lines: [(number: Int, text: String)] = []
        var problems: [Message] = []
        do {
            try reader.forEachRecord { record in
                if let problem = record.problem {
                    problems.append(RejectPartText.indented(["line": RuleText.atLine(["file": path, "line": record.line, "problem": problem.reason])]))
                } else {
                    lines.append((record.line, record.string(0)))
                }
            }
        } catch {
            throw RunError.from(error)
        }
        guard problems.isEmpty else {
            throw .inputRejected(RuleText.unreadableRecords(["path": path, "count": problems.count, "problems": Message.Value.lines(problems)]))
        }
        return lines
    }

    /// The cells of `column` of an XLSX workbook's first sheet, each with its row number; the header is the first row.
    static func xlsxColumn(path: String, column: String) throws(RunError) -> [(number: Int, text: String)] {
        do {
            let workbook = try XLSXWorkbook(path: path)
            var index: Int?
            var header: [String] = []
            var lines: [(number: Int, text: String)] = []
            var problems: [Message] = []
            let wanted = ColumnMapping.comparable(column)
            try workbook.forEachRow { row in
                guard let i = index else {
                    if header.isEmpty {
                        header = (0..<row.fieldCount).map { row.string($0) }
                        index = header.firstIndex { ColumnMapping.comparable($0) == wanted }
                        if index == nil { throw ColumnNotFound() }
                    }
                    return
                }
                if let problem = row.problem {
                    problems.append(RejectPartText.indented(["line": RuleText.atLine(["file": path, "line": row.line,
                                                                                     "problem": problem.reason(row: row.line)])]))
                }
                lines.append((row.line, row.string(i)))
            }
            guard index != nil else { throw ColumnNotFound() }
            guard problems.isEmpty else {
                throw RunError.inputRejected(RuleText.unreadableRecords(["path": path, "count": problems.count,
                                                                         "problems": Message.Value.lines(problems)]))
            }
            return lines
        } catch is ColumnNotFound {
            let found = (try? headers(path: path, xlsx: true)) ?? []
            throw .configuration(RuleText.noSuchColumn(["path": path, "column": column, "found": found]))
        } catch let error as RunError {
            throw error
        } catch {
            throw RunError.from(error)
        }
    }

    private struct ColumnNotFound: Error {}

    /// The header row of a CSV or XLSX file, for messages.
    static func headers(path: String, xlsx: Bool) throws -> [String] {
        if xlsx {
            var header: [String] = []
            try XLSXWorkbook(path: path).forEachRow(limit: 1) { row in header = (0..<row.fieldCount).map { row.string($0) } }
            return header
        }
        return try FeedReader(input: FeedInput(feed: "announcement", path: path), schema: FeedSchema(kind: "announcement", columns: [])).header
    }
}
