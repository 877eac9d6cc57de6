import Foundation
import RiskModel

/// Per-community worklists (CSV and XLSX) for the grid workers who deliver notices and follow people up (SPEC 4).
///
/// Headers are Chinese only, the same in CSV and XLSX: the worklist is read and filled in by grid
/// workers; machines read `measures.csv`, whose English headers are the contract. Codes appear
/// where a worker may need them to match a call or a list (`新增(new)`, region codes).
public struct Worklist: Sendable {
    /// The most daily health-check columns a sheet gets, so a printed page stays readable.
    public static let maxCheckDays = 21

    /// `worklist-<12-digit community code>.<ext>`, or `unassigned.<ext>` for people without a community.
    public static func fileName(community: RegionCode?, extension ext: String) -> String {
        guard let community else { return "unassigned.\(ext)" }
        return "worklist-\(community.twelveDigits).\(ext)"
    }

    /// Writes the worklist of one community (nil: the district-wide list of unassigned people).
    ///
    /// `notices` may hold notices of other communities; only those assigned to `community` are listed.
    /// `asOf` fixes the first health-check day and the XLSX creation time, so reruns give identical bytes.
    public static func write(community: RegionCode?, communityName: String, asOf: Day, notices: [Notice],
                             csv: URL, xlsx: URL?) throws {
        let sheet = Sheet(community: community, communityName: communityName, asOf: asOf,
                          notices: notices.filter { $0.assignment.community == community })
        try sheet.writeCSV(to: csv)
        if let xlsx { try sheet.writeXLSX(to: xlsx) }
    }

    /// Writes one worklist per community found in `notices` and one of unassigned people, into `directory`.
    ///
    /// Returns the files written, CSV before XLSX, communities in code order, unassigned last.
    /// The unassigned list is written even when empty, so the hotline always finds one.
    @discardableResult
    public static func writeAll(notices: [Notice], asOf: Day, directory: URL, xlsx: Bool) throws -> [URL] {
        // One pass to group, rather than filtering every notice once per community.
        var byCommunity: [RegionCode?: [Notice]] = [nil: []]
        var names: [RegionCode: String] = [:]
        for notice in notices {
            let code = notice.assignment.community
            byCommunity[code, default: []].append(notice)
            if let code, names[code] == nil { names[code] = notice.assignment.communityName }
        }
        var written: [URL] = []
        let communities: [RegionCode?] = names.keys.sorted() + [nil]
        for community in communities {
            let csv = directory.appendingPathComponent(fileName(community: community, extension: "csv"))
            let book = xlsx ? directory.appendingPathComponent(fileName(community: community, extension: "xlsx")) : nil
            let name = community.map { names[$0] ?? $0.twelveDigits } ?? ""
            let sheet = Sheet(community: community, communityName: name, asOf: asOf, notices: byCommunity[community] ?? [])
            try sheet.writeCSV(to: csv)
            if let book { try sheet.writeXLSX(to: book) }
            written.append(csv)
            if let book { written.append(book) }
        }
        return written
    }
}

/// A worklist failure, naming the file and what to do.
public enum WorklistError: Error, CustomStringConvertible, Equatable {
    /// libxlsxwriter refused a step; `reason` is its `lxw_strerror`.
    case xlsx(file: String, step: String, reason: String)
    /// The CSV could not be written.
    case csv(file: String, reason: String)

    public var description: String {
        switch self {
        case let .xlsx(file, step, reason):
            return "\(file): could not write the XLSX worklist (\(step): \(reason)); check that the folder exists, is writable and has free space"
        case let .csv(file, reason):
            return "\(file): could not write the CSV worklist (\(reason)); check that the folder exists, is writable and has free space"
        }
    }
}

extension Worklist {
    /// One cell, kept typed until a writer decides how CSV or XLSX shows it.
    enum Cell: Equatable {
        case text(String)
        case date(Day)
        /// A cell the worker fills in by hand.
        case blank
        /// A health-check day outside this person's period: printed `/`, as on paper forms.
        case notApplicable

        var csv: String {
            switch self {
            case let .text(s): return s
            case let .date(d): return d.description
            case .blank: return ""
            case .notApplicable: return "/"
            }
        }
    }

    /// A column: its header, its width in the XLSX (characters) and whether it holds dates.
    struct Column {
        var header: String
        var width: Double
        var isDate = false
    }

    /// The rows of one worklist in print order, with the household each row belongs to.
    struct Sheet {
        var community: RegionCode?
        var communityName: String
        var asOf: Day
        var columns: [Column]
        var rows: [[Cell]]
        /// Per row: the index of its household, counting from 0 in print order.
        var household: [Int]
        var checkDays: [Day]

        init(community: RegionCode?, communityName: String, asOf: Day, notices: [Notice]) {
            self.community = community
            self.communityName = communityName
            self.asOf = asOf
            let sorted = notices.sorted(by: Sheet.printOrder)
            checkDays = Sheet.checkDays(asOf: asOf, notices: sorted)

            columns = [
                Column(header: "状态", width: 11), Column(header: "通知编号", width: 20),
                Column(header: "姓名", width: 10), Column(header: "证件类型", width: 10),
                Column(header: "证件号码", width: 21), Column(header: "联系电话", width: 13),
                Column(header: "住址", width: 28), Column(header: "网格", width: 9),
                Column(header: "管控措施", width: 10),
                Column(header: "起始日期", width: 11, isDate: true), Column(header: "截止日期", width: 11, isDate: true),
                Column(header: "事由", width: 34),
            ]
            // The hotline works the unassigned list by region, so it gets the region as its own columns.
            if community == nil {
                columns += [Column(header: "风险地区代码", width: 14), Column(header: "风险地区", width: 18)]
            }
            columns += [Column(header: "已送达", width: 7), Column(header: "已签收", width: 7)]
            columns += checkDays.map { day in
                let c = day.components
                return Column(header: "\(c.month)/\(c.day)", width: 5)
            }

            rows = []
            household = []
            rows.reserveCapacity(sorted.count)
            var previous: (grid: String, address: String)?
            var index = -1
            for notice in sorted {
                let a = notice.assignment
                // Same non-empty address in the same grid is one household; an unknown address is nobody's housemate.
                if let p = previous, !a.address.isEmpty, p.grid == a.gridID, p.address == a.address {} else { index += 1 }
                previous = (a.gridID, a.address)
                household.append(index)
                rows.append(Sheet.row(notice, unassigned: community == nil, checkDays: checkDays))
            }
        }

        /// Grid, then address, then name, then person key: households stay together and reruns keep their order.
        static func printOrder(_ x: Notice, _ y: Notice) -> Bool {
            let (a, b) = (x.assignment, y.assignment)
            if a.gridID != b.gridID { return naturalLess(a.gridID, b.gridID) }
            if a.address != b.address { return naturalLess(a.address, b.address) }
            if x.name != y.name { return x.name < y.name }
            return x.person < y.person
        }

        /// Orders digit runs by value (`2号楼` before `10号楼`), falling back to scalar order so the order is total.
        static func naturalLess(_ a: String, _ b: String) -> Bool {
            switch a.compare(b, options: .numeric) {
            case .orderedAscending: return true
            case .orderedDescending: return false
            case .orderedSame: return a < b
            }
        }

        /// The days of the longest follow-up in the sheet, from the as-of day (earlier days are past) up to
        /// the latest `until`, at most `maxCheckDays` of them.
        static func checkDays(asOf: Day, notices: [Notice]) -> [Day] {
            guard let earliest = notices.map(\.measure.period.first).min(),
                  let latest = notices.map(\.measure.until).max() else { return [] }
            let first = max(asOf, earliest)
            let last = min(latest, first + (Worklist.maxCheckDays - 1))
            guard first <= last else { return [] }
            return (0...(last - first)).map { first + $0 }
        }

        static func row(_ n: Notice, unassigned: Bool, checkDays: [Day]) -> [Cell] {
            let m = n.measure
            let region = m.regionName.isEmpty ? m.region.twelveDigits : m.regionName
            var row: [Cell] = [
                .text("\(n.status.chinese)(\(n.status.rawValue))"), .text(n.serial),
                .text(n.name), .text(idTypeName(m.person.type)),
                .text(m.person.idNo), .text(n.phone),
                .text(n.assignment.address), .text(n.assignment.gridID),
                .text(m.action.chinese),
                .date(m.period.first), .date(m.until),
                .text("\(region)（\(m.level.chinese)），末次暴露 \(m.lastExposure.description)"),
            ]
            if unassigned { row += [.text(m.region.twelveDigits), .text(m.regionName)] }
            row += [.blank, .blank]
            let period = m.period
            row += checkDays.map { period.contains($0) ? .blank : .notApplicable }
            return row
        }

        static func idTypeName(_ type: IDType) -> String {
            switch type {
            case .cnID: return "居民身份证"
            case .passport: return "护照"
            case .other: return "其他"
            }
        }

        /// Title of the sheet, used in the print header and the document properties.
        var title: String {
            let name = community == nil ? "未落地人员（全区）" : communityName
            return "\(name) 管控人员工作清单（截至\(asOf.chinese)）"
        }

        func writeCSV(to url: URL) throws {
            let literal = Set(columns.indices.filter { columns[$0].isDate })
            var writer = CSVWriter(header: columns.map(\.header), literalColumns: literal)
            for row in rows { writer.append(row.map(\.csv)) }
            do {
                try writer.write(to: url)
            } catch {
                throw WorklistError.csv(file: url.path, reason: String(describing: error))
            }
        }
    }
}
