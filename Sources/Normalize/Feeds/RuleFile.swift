import Ingest
import RiskModel

/// The rule file could not be used; every bad line is listed so one edit fixes them all (SPEC 1.4).
public enum RuleFileError: Error, CustomStringConvertible, Sendable {
    case structure(IngestError)
    case invalidRows(file: String, problems: [Reject])
    case empty(file: String)

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
        }
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

    /// Every designation of the file, or an error listing every invalid row.
    public static func read(_ input: FeedInput) throws(RuleFileError) -> (designations: [Designation], report: FeedReport) {
        var designations: [Designation] = []
        var problems: [Reject] = []
        let reader: FeedReader
        do { reader = try FeedReader(input: input, schema: schema) } catch {
            throw .structure(error)
        }
        do {
            try reader.forEachRecord { record in
                if let problem = record.problem {
                    problems.append(Reject(record, input: input, column: problem.column, reason: problem.reason))
                    return
                }
                do throws(FieldProblem) {
                    let region = try Fields.column("region_code", record.field(regionColumn), Fields.regionCode)
                    let name = Fields.text(record.field(nameColumn))
                    guard !name.isEmpty else { throw FieldProblem("region_name is empty", column: "region_name") }
                    let level = try Fields.column("risk_level", record.field(levelColumn), Fields.riskLevel)
                    let from = try Fields.column("from", record.field(fromColumn), Fields.date)
                    let to = try Fields.optionalColumn("to", record.field(toColumn), Fields.date)
                    if let to, to < from { throw FieldProblem("ends on \(to), before it starts on \(from)", column: "to") }
                    designations.append(Designation(region: region, regionName: name, level: level, from: from, to: to, line: record.line))
                } catch {
                    problems.append(Reject(record, input: input, column: error.column ?? "", reason: error.reason))
                }
            }
        } catch let error as IngestError {
            throw .structure(error)
        } catch {
            throw .structure(.unreadable(file: input.path, reason: "\(error)"))
        }
        guard problems.isEmpty else { throw .invalidRows(file: input.path, problems: problems) }
        guard !designations.isEmpty else { throw .empty(file: input.path) }
        var report = FeedReport(kind: "regions", input: input, stats: reader.stats)
        report.accepted = designations.count
        return (designations, report)
    }
}
