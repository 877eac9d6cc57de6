import Ingest
import Machinery
import RiskModel

/// A config `gazetteer` file could not be used; every bad line is listed so one edit fixes them all.
public enum GazetteerFileError: Error, Sendable, CustomStringConvertible {
    case structure(IngestError)
    case invalidRows(file: String, problems: [Reject])

    public var description: String {
        switch self {
        case let .structure(error):
            return error.description
        case let .invalidRows(file, problems):
            let lines = problems.map { "  \(file):\($0.line): \($0.column.isEmpty ? "" : "\($0.column): ")\($0.reason)" }
            return "\(file): \(problems.count) invalid row\(problems.count == 1 ? "" : "s") in a gazetteer file; "
                + "fix these lines and run again:\n" + lines.joined(separator: "\n")
        }
    }
}

/// Reads a config `gazetteer` file (SPEC 10 source 2): CSV `code,name`, a district's streets (9 digits)
/// and communities (12 digits), or an older vintage of the national table.
///
/// Read like every input (SPEC 1: header row, BOM, UTF-8 or GB18030, quoting), all or nothing like the rule
/// file: a gazetteer with a wrong row would resolve names wrongly. Later rows win for the same code.
public enum GazetteerFile {
    /// `code` and `name`, with the headers a district's export is likely to carry.
    public static let schema = FeedSchema(kind: "gazetteer", columns: [
        ColumnSpec("code", aliases: ["region_code", "区划代码", "代码", "统计用区划代码"], required: true),
        ColumnSpec("name", aliases: ["region_name", "名称", "区划名称", "地区名称"], required: true),
    ])

    /// Every entry of the file, in file order, or an error listing every invalid row.
    public static func read(_ input: FeedInput) throws(GazetteerFileError) -> [Gazetteer.Entry] {
        let reader: FeedReader
        do { reader = try FeedReader(input: input, schema: schema) } catch { throw .structure(error) }
        var entries: [Gazetteer.Entry] = []
        var problems: [Reject] = []
        do {
            try reader.forEachRecord { record in
                if let problem = record.problem {
                    problems.append(Reject(record, input: input, column: problem.column, reason: problem.reason))
                    return
                }
                do throws(FieldProblem) {
                    let code = try Fields.column("code", record.field(0), Fields.regionCode)
                    let name = PlaceName.comparable(Fields.text(record.field(1)))
                    guard !name.isEmpty else { throw FieldProblem("is empty; give the unit's name", column: "name") }
                    entries.append(Gazetteer.Entry(code: code, name: name))
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
        return entries
    }
}

extension Gazetteer {
    /// The gazetteer SPEC 10 describes: the national table, then `files` in order, then the residents'
    /// community names (12-digit codes only).
    public static func combined(
        files: [FeedInput] = [], communities: [Entry] = []
    ) throws(GazetteerLoadError) -> Gazetteer {
        var gazetteer: Gazetteer
        do { gazetteer = try national() } catch { throw .national(error) }
        var added: [Entry] = []
        for file in files {
            do { added += try GazetteerFile.read(file) } catch { throw .file(error) }
        }
        // One merge, one index build: communities come last, so they win.
        return gazetteer.adding(added + communities.filter { $0.code.length == 12 })
    }
}

/// Why the combined gazetteer could not be built.
public enum GazetteerLoadError: Error, Sendable, CustomStringConvertible {
    case national(GazetteerError)
    case file(GazetteerFileError)

    public var description: String {
        switch self {
        case let .national(error): return error.description
        case let .file(error): return error.description
        }
    }
}

extension Gazetteer {
    /// The residents' community names (SPEC 10 source 3): each 12-digit community code with the name of its
    /// first resident's row.
    ///
    /// One pass over a province's millions of rows for its few thousand communities: the codes go into a flat
    /// set that stays in cache, a row of the same community as the one before skips even that, and text is
    /// decoded only for the first row of each community.
    public static func communities(of residents: ResidentTable) -> [Entry] {
        var seen = FlatSet(capacity: 4096)
        var rows: [Int] = []
        residents.withRows { table in
            var last: RegionCode?
            for i in table.indices {
                let code = table[i].community
                if code == last { continue }
                last = code
                if code.length == 12, seen.insert(code.raw) { rows.append(i) }
            }
        }
        return rows.map { row in
            let resident = residents.resident(at: row)
            return Entry(code: resident.community, name: resident.communityName)
        }.sorted { $0.code < $1.code }
    }
}
