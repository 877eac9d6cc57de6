import Ingest
import RiskModel

/// The rule file could not be used; every bad line is listed so one edit fixes them all (SPEC 1.4).
public enum RuleFileError: Error, CustomStringConvertible, Sendable {
    case structure(IngestError)
    case invalidRows(file: String, problems: [Reject])
    case empty(file: String)
    /// Neither `region_code` nor `region_name` is a column: the file names no region (SPEC 10).
    case noRegionColumn(file: String, found: [String])

    public var description: String {
        switch self {
        case let .structure(error):
            return error.description
        case let .invalidRows(file, problems):
            let lines = problems.map { "  \(file):\($0.line): \($0.column.isEmpty ? "" : "\($0.column): ")\($0.reason)" }
            return "\(file): \(problems.count) invalid row\(problems.count == 1 ? "" : "s"); nothing was screened. Fix these lines and run again:\n"
                + lines.joined(separator: "\n")
        case let .empty(file):
            return "\(file): the rule file has no designations; a run never screens without rules"
        case let .noRegionColumn(file, found):
            let foundText = found.isEmpty ? "no headers" : "found: " + found.joined(separator: ", ")
            return "\(file):1: no column for region_code (区划代码) or region_name (地区名称) (\(foundText)); "
                + "a rule file names each region by its code, its name, or both"
        }
    }
}

/// A row of the rule file with its fields read, its region not yet settled against the gazetteer.
public struct RuleRow: Sendable, Hashable {
    /// 1-based physical line of the record.
    public var line: Int
    /// nil when the row gives only a name.
    public var code: RegionCode?
    /// `region_name` as written (trimmed); empty when the row gives only a code.
    public var name: String
    public var level: RiskLevel
    public var from: Day
    public var to: Day?
    /// The record as read, for the listing of bad rows.
    public var raw: String
}

/// A rule file read up to its names: the rows whose fields are valid, and every row that is not.
///
/// Two steps because a run settles names only once it knows the residents' community names (SPEC 10
/// source 3), which it reads after the rule file; the second step lists every bad row, fields and names.
public struct ParsedRuleFile: Sendable {
    public var input: FeedInput
    public var rows: [RuleRow]
    /// Rows whose fields are invalid, with the reason; names are not checked yet.
    public var problems: [Reject]
    public var report: FeedReport

    /// The designations with each region's code and name settled against `gazetteer` (SPEC 10), or an error
    /// listing every bad row: the field problems and the name problems, in line order.
    ///
    /// - A name without a code is resolved; a code without a name takes the gazetteer's full name.
    /// - A code with a name: they must agree (`Gazetteer.agreement`). The designation carries the gazetteer's
    ///   full name where it knows the code, so notices print `浙江省温州市` for a row written `3303,温州`; for a
    ///   code below what the gazetteer knows, the full name of its deepest known unit and the unchecked rest.
    public func designations(in gazetteer: Gazetteer) throws(RuleFileError) -> [Designation] {
        var problems = self.problems
        var designations: [Designation] = []
        designations.reserveCapacity(rows.count)
        for row in rows {
            do throws(FieldProblem) {
                let (code, name) = try RuleFile.settle(row, in: gazetteer)
                designations.append(Designation(region: code, regionName: name, level: row.level, from: row.from, to: row.to, line: row.line))
            } catch {
                problems.append(Reject(feed: input.feed, file: input.path, line: row.line, column: error.column ?? "",
                                       reason: error.reason, raw: row.raw))
            }
        }
        guard problems.isEmpty else {
            throw .invalidRows(file: input.path, problems: problems.sorted { $0.line < $1.line })
        }
        guard !designations.isEmpty else { throw .empty(file: input.path) }
        return designations
    }
}

/// Reads the risk-region rule file, all or nothing.
public enum RuleFile {
    static let schema = FeedSchema.regions
    static let regionColumn = schema.index(of: "region_code") ?? -1
    static let nameColumn = schema.index(of: "region_name") ?? -1
    static let levelColumn = schema.index(of: "risk_level") ?? -1
    static let fromColumn = schema.index(of: "from") ?? -1
    static let toColumn = schema.index(of: "to") ?? -1

    /// Every designation of the file with its names settled against `gazetteer`, or an error listing every
    /// invalid row (fields and names alike).
    public static func read(_ input: FeedInput, gazetteer: Gazetteer) throws(RuleFileError) -> (designations: [Designation], report: FeedReport) {
        let parsed = try parse(input, gazetteer: gazetteer)
        var report = parsed.report
        let designations = try parsed.designations(in: gazetteer)
        report.accepted = designations.count
        return (designations, report)
    }

    /// Reads the rows and checks their fields; names are settled later (`ParsedRuleFile.designations(in:)`).
    ///
    /// `gazetteer` only words the message for a name written in the `region_code` column: it says which
    /// region the name is, so the officer can copy its code.
    public static func parse(_ input: FeedInput, gazetteer: Gazetteer) throws(RuleFileError) -> ParsedRuleFile {
        var rows: [RuleRow] = []
        var problems: [Reject] = []
        let reader: FeedReader
        do { reader = try FeedReader(input: input, schema: schema) } catch {
            throw .structure(error)
        }
        let hasCode = reader.mapping.fileColumn[regionColumn] >= 0
        let hasName = reader.mapping.fileColumn[nameColumn] >= 0
        guard hasCode || hasName else { throw .noRegionColumn(file: input.path, found: reader.header) }
        do {
            try reader.forEachRecord { record in
                if let problem = record.problem {
                    problems.append(Reject(record, input: input, column: problem.column, reason: problem.reason))
                    return
                }
                do throws(FieldProblem) {
                    let codeField = record.field(regionColumn)
                    let code = Fields.isBlank(codeField) ? nil : try regionCode(codeField, gazetteer: gazetteer)
                    let name = Fields.text(record.field(nameColumn))
                    if code == nil && name.isEmpty {
                        throw FieldProblem(hasCode && hasName
                            ? "region_code and region_name are both empty; write the region's code, its name, or both"
                            : "is empty; write the region's \(hasCode ? "code" : "name")", column: hasCode ? "region_code" : "region_name")
                    }
                    let level = try Fields.column("risk_level", record.field(levelColumn), Fields.riskLevel)
                    let from = try Fields.column("from", record.field(fromColumn), Fields.date)
                    let to = try Fields.optionalColumn("to", record.field(toColumn), Fields.date)
                    if let to, to < from { throw FieldProblem("ends on \(to), before it starts on \(from)", column: "to") }
                    rows.append(RuleRow(line: record.line, code: code, name: name, level: level, from: from, to: to, raw: record.raw))
                } catch {
                    problems.append(Reject(record, input: input, column: error.column ?? "", reason: error.reason))
                }
            }
        } catch let error as IngestError {
            throw .structure(error)
        } catch {
            throw .structure(.unreadable(file: input.path, reason: "\(error)"))
        }
        var report = FeedReport(kind: "regions", input: input, stats: reader.stats)
        report.accepted = rows.count
        return ParsedRuleFile(input: input, rows: rows, problems: problems, report: report)
    }

    /// The `region_code` field; a name written there (`浙江省温州市`) is a problem that says so and gives its code.
    static func regionCode(_ field: UnsafeBufferPointer<UInt8>, gazetteer: Gazetteer) throws(FieldProblem) -> RegionCode {
        do {
            return try Fields.column("region_code", field, Fields.regionCode)
        } catch {
            let text = PlaceName.comparable(Fields.text(field))
            // Digits and ASCII mistakes (`33O3`, `3303-01`) keep the character-level message; letters of a script
            // other than ASCII mean a name.
            guard text.unicodeScalars.contains(where: { !$0.isASCII }) else { throw error }
            let message: String
            do {
                let resolved = try gazetteer.resolve(text)
                message = "\"\(text)\" is a region name, not a code: it names \(resolved.fullName) (\(resolved.code)); "
                    + "write \(resolved.code) here, or move the name to region_name and leave region_code empty"
            } catch {
                message = "\"\(text)\" is a region name, not a code (\(error.description)); "
                    + "write the region's code here, or move the name to region_name and leave region_code empty"
            }
            throw FieldProblem(message, column: "region_code")
        }
    }

    /// The code and the name a row designates, or why it cannot (SPEC 10, rule file).
    static func settle(_ row: RuleRow, in gazetteer: Gazetteer) throws(FieldProblem) -> (RegionCode, String) {
        guard let code = row.code else {
            do {
                let resolved = try gazetteer.resolve(row.name)
                return (resolved.code, resolved.fullName)
            } catch {
                throw FieldProblem(error.description, column: "region_name")
            }
        }
        guard !row.name.isEmpty else {
            guard let name = gazetteer.fullName(of: code) else {
                let known = gazetteer.parent(of: code).flatMap { gazetteer.fullName(of: $0) }
                throw FieldProblem("is empty and the gazetteer has no name for \(code)"
                    + (known.map { " (it lies in \($0))" } ?? "")
                    + "; write the region's name, or add the code to a gazetteer file of the config", column: "region_name")
            }
            return (code, name)
        }
        switch gazetteer.agreement(code: code, name: row.name) {
        case let .disagrees(disagreement):
            var reason = disagreement.description
            // What the name means on its own, so the officer sees which of the two to correct.
            if let resolved = try? gazetteer.resolve(row.name), resolved.code != code {
                reason += " (the name alone is \(resolved.fullName) (\(resolved.code)))"
            }
            throw FieldProblem(reason, column: "region_name")
        case let .agrees(unchecked):
            if let name = gazetteer.fullName(of: code) { return (code, name) }
            if let unchecked, let known = gazetteer.knownAncestry(of: code).last, let prefix = gazetteer.fullName(of: known) {
                return (code, prefix + unchecked)
            }
            return (code, PlaceName.comparable(row.name))
        }
    }
}
