import Emit
import Foundation
import RiskModel

/// Writes a rule file as `rules import` makes it: the office's format, the same bytes for the same rows.
///
/// UTF-8 with BOM and CRLF through `CSVWriter` (SPEC 4, so Excel and WPS open it cleanly), the Chinese headers
/// SPEC 1.4 accepts, canonical codes, the gazetteer's full names, levels as `high`/`medium`/`low`, ISO dates,
/// an empty `to` for a designation still in force.
enum RuleFileWriter {
    static let header = ["区划代码", "地区名称", "风险等级", "开始日期", "结束日期"]

    /// The file's bytes, rows in the order given.
    static func bytes(_ designations: [Designation]) -> [UInt8] {
        var csv = CSVWriter(header: header, literalColumns: [0, 3, 4])
        for d in designations {
            csv.append([d.region.canonical, d.regionName, d.level.code, d.from.description, d.to?.description ?? ""])
        }
        return csv.bytes
    }

    /// Writes the file whole or not at all: a reader never sees half a rule file, and a failed write keeps the old one.
    static func write(_ designations: [Designation], to path: String) throws(RunError) {
        do {
            try Data(bytes(designations)).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .configuration("\(path): cannot write the rule file (\(error.localizedDescription)); check the folder and its permissions")
        }
    }
}

extension Designation {
    /// `3303 浙江省温州市 high 2020-01-28..` as listed in `rules` output.
    var listed: String {
        "\(region.canonical) \(regionName) \(level.code) \(from)..\(to?.description ?? "")"
    }
}
