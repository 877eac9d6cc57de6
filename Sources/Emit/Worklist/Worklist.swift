import Foundation
import RiskModel

/// Per-community worklists (CSV and XLSX) for the grid workers who deliver notices and follow people up (SPEC 4, 7, 8).
///
/// Headers and status words are Chinese only, the same in CSV and XLSX: the worklist is read and filled in by grid
/// workers; machines read `measures.csv`, whose English headers are the contract. Everything on it is for the worker
/// at the door, so ID numbers are masked as on the notices (SPEC 7) unless the office prints them whole.
public struct Worklist: Sendable {
    /// The most daily health-check columns a sheet gets, so a printed page stays readable.
    public static let maxCheckDays = 21

    /// What a run's worklists carry besides its measures.
    public struct Options: Sendable {
        /// Print ID numbers whole (config `full_ids_on_grid_lists`); masked otherwise.
        public var fullIDs: Bool
        /// Outcomes already recorded per serial (SPEC 8), pre-filled in `送达结果` and `送达日期`.
        public var deliveries: [String: RecordedDelivery]

        public init(fullIDs: Bool = false, deliveries: [String: RecordedDelivery] = [:]) {
            self.fullIDs = fullIDs
            self.deliveries = deliveries
        }
    }

    /// `worklist-<12-digit community code>.<ext>`, or `unassigned.<ext>` for people without a community.
    public static func fileName(community: RegionCode?, extension ext: String) -> String {
        guard let community else { return "unassigned.\(ext)" }
        return "worklist-\(community.twelveDigits).\(ext)"
    }

    /// Writes the worklist of one community (nil: the district-wide list of unassigned people).
    ///
    /// The entries may be of other communities too; only those assigned to `community` are listed.
    /// `asOf` fixes the first health-check day and the XLSX creation time, so reruns give identical bytes.
    public static func write(community: RegionCode?, communityName: String, asOf: Day, notices: [Notice],
                             rescissions: [Rescission] = [], releases: [Release] = [], options: Options = Options(),
                             csv: URL, xlsx: URL?) throws {
        let entries = Entry.all(notices: notices, rescissions: rescissions, releases: releases).filter { $0.assignment.community == community }
        let sheet = Sheet(community: community, communityName: communityName, asOf: asOf, entries: entries, options: options)
        try sheet.writeCSV(to: csv)
        if let xlsx { try sheet.writeXLSX(to: xlsx) }
    }

    /// Writes one worklist per community found in the entries and one of unassigned people, into `directory`.
    ///
    /// Returns the files written, CSV before XLSX, communities in code order, unassigned last.
    /// The unassigned list is written even when empty, so the hotline always finds one.
    @discardableResult
    public static func writeAll(notices: [Notice], rescissions: [Rescission] = [], releases: [Release] = [], asOf: Day,
                                directory: URL, xlsx: Bool, options: Options = Options()) throws -> [URL] {
        // One pass to group, rather than filtering every entry once per community.
        var byCommunity: [RegionCode?: [Entry]] = [nil: []]
        var names: [RegionCode: String] = [:]
        for entry in Entry.all(notices: notices, rescissions: rescissions, releases: releases) {
            let code = entry.assignment.community
            byCommunity[code, default: []].append(entry)
            if let code, names[code] == nil { names[code] = entry.assignment.communityName }
        }
        var written: [URL] = []
        let communities: [RegionCode?] = names.keys.sorted() + [nil]
        for community in communities {
            let csv = directory.appendingPathComponent(fileName(community: community, extension: "csv"))
            let book = xlsx ? directory.appendingPathComponent(fileName(community: community, extension: "xlsx")) : nil
            let name = community.map { names[$0] ?? $0.twelveDigits } ?? ""
            let sheet = Sheet(community: community, communityName: name, asOf: asOf, entries: byCommunity[community] ?? [], options: options)
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

    public var message: Message {
        switch self {
        case let .xlsx(file, step, reason): PaperText.worklistXLSX(["file": file, "step": step, "reason": reason])
        case let .csv(file, reason): PaperText.worklistCSV(["file": file, "reason": reason])
        }
    }

    public var description: String { message.description }
}

extension Worklist {
    /// One person on a worklist: under a measure tonight, rescinded tonight (SPEC 7: kept on the list, marked), or
    /// released tonight with a release notice to deliver.
    enum Entry {
        case measure(Notice)
        case rescinded(Rescission)
        case released(Release)

        static func all(notices: [Notice], rescissions: [Rescission], releases: [Release]) -> [Entry] {
            notices.map(Entry.measure) + rescissions.map(Entry.rescinded) + releases.filter { $0.releaseSerial != nil }.map(Entry.released)
        }

        var assignment: Assignment {
            switch self {
            case let .measure(n): return n.assignment
            case let .rescinded(r): return r.assignment
            case let .released(r): return r.ended.assignment
            }
        }

        var name: String {
            switch self {
            case let .measure(n): return n.name
            case let .rescinded(r): return r.name
            case let .released(r): return r.ended.name
            }
        }

        var person: PersonKey {
            switch self {
            case let .measure(n): return n.person
            case let .rescinded(r): return r.person
            case let .released(r): return r.person
            }
        }

        /// The serial of the paper the worker delivers: the notice, the rescinded notice, or the release notice.
        var serial: String {
            switch self {
            case let .measure(n): return n.serial
            case let .rescinded(r): return r.serial
            case let .released(r): return r.releaseSerial ?? r.ended.serial
            }
        }

        /// The measure under follow-up, for the daily checks; nil for people no longer under one.
        var followed: Notice? {
            if case let .measure(n) = self { return n }
            return nil
        }
    }

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

    /// A column: its header, its width in the XLSX (characters of the default font) and what it holds.
    struct Column {
        enum Kind { case text, date, outcome }
        var header: String
        var width: Double
        var kind: Kind = .text
        /// Centred in the XLSX (short words and numbers).
        var centered = false
    }

    /// The rows of one worklist in print order, with the household each row belongs to, and the daily checks.
    struct Sheet {
        var community: RegionCode?
        var communityName: String
        var asOf: Day
        var columns: [Column]
        var rows: [[Cell]]
        /// Per row: the index of its household, counting from 0 in print order.
        var household: [Int]
        var checkDays: [Day]
        /// The daily-check sheet: for each person under a measure, the row number on the main sheet and the cells.
        var checkColumns: [Column]
        var checkRows: [(household: Int, cells: [Cell])]

        /// The main sheet's columns. `通知书编号`, `送达结果`, `送达日期`, `备注` are SPEC 8's; the widths hold a
        /// serial and a masked ID on one line and wrap the address and the reason, so the sheet prints one page
        /// wide on A4 landscape at its full size.
        static let mainColumns: [Column] = [
            Column(header: "序号", width: 4, centered: true), Column(header: "状态", width: 8, centered: true),
            Column(header: "通知书编号", width: 26), Column(header: "姓名", width: 7.5),
            Column(header: "证件号码", width: 18), Column(header: "联系电话", width: 11),
            Column(header: "住址", width: 16), Column(header: "网格", width: 6),
            Column(header: "管控措施", width: 7.5, centered: true),
            Column(header: "截止日期", width: 9.5, kind: .date, centered: true),
            Column(header: "事由", width: 18),
            Column(header: "送达结果", width: 8, kind: .outcome, centered: true),
            Column(header: "送达日期", width: 9.5, kind: .date, centered: true),
            Column(header: "备注", width: 6.5),
        ]

        init(community: RegionCode?, communityName: String, asOf: Day, entries: [Entry], options: Options) {
            self.community = community
            self.communityName = communityName
            self.asOf = asOf
            let sorted = entries.sorted(by: Sheet.printOrder)
            let followed = sorted.compactMap(\.followed)
            checkDays = Sheet.checkDays(asOf: asOf, notices: followed)
            columns = Sheet.mainColumns
            checkColumns = [Column(header: "序号", width: 4, centered: true), Column(header: "姓名", width: 8),
                            Column(header: "网格", width: 6.5), Column(header: "截止日期", width: 9.5, kind: .date, centered: true)]
                + checkDays.map { day in
                    let c = day.components
                    return Column(header: "\(c.month)/\(c.day)", width: 4.2, centered: true)
                }

            rows = []
            household = []
            checkRows = []
            rows.reserveCapacity(sorted.count)
            var previous: (grid: String, address: String)?
            var index = -1
            for entry in sorted {
                let a = entry.assignment
                // Same non-empty address in the same grid is one household; an unknown address is nobody's housemate.
                if let p = previous, !a.address.isEmpty, p.grid == a.gridID, p.address == a.address {} else { index += 1 }
                previous = (a.gridID, a.address)
                household.append(index)
                let number = rows.count + 1
                rows.append(Sheet.row(entry, number: number, asOf: asOf, options: options))
                if let n = entry.followed {
                    let period = n.measure.period
                    checkRows.append((index, [.text(String(number)), .text(n.name), .text(a.gridID), .date(n.measure.until)]
                        + checkDays.map { period.contains($0) ? .blank : .notApplicable }))
                }
            }
        }

        /// Grid, then address, then name, then person key: households stay together and reruns keep their order.
        static func printOrder(_ x: Entry, _ y: Entry) -> Bool {
            let (a, b) = (x.assignment, y.assignment)
            if a.gridID != b.gridID { return naturalLess(a.gridID, b.gridID) }
            if a.address != b.address { return naturalLess(a.address, b.address) }
            if x.name != y.name { return x.name < y.name }
            if x.person != y.person { return x.person < y.person }
            return x.serial < y.serial
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

        static func row(_ entry: Entry, number: Int, asOf: Day, options: Options) -> [Cell] {
            let a = entry.assignment
            let id = options.fullIDs ? entry.person.idNo : entry.person.masked
            let idText = entry.person.type == .cnID ? id : "\(idTypeName(entry.person.type)) \(id)"
            let status: String, phone: String, action: Action, until: Day, reason: String
            switch entry {
            case let .measure(n):
                let ending = n.measure.until == asOf
                status = n.status.chinese + (ending ? " 今日期满" : "")
                phone = n.phone
                action = n.measure.action
                until = n.measure.until
                var text = exposureText(n.measure)
                if let old = n.replaced {
                    text += "。替代原编号\(old.serial)（原\(old.action.chinese)至\(old.until.description)），变更原因：\(n.changes.amendmentReason)"
                }
                if ending && n.status != .continuing { text += "。今日期满，不印发通知书，请当面或电话告知" }
                reason = text
            case let .rescinded(r):
                status = "撤销"
                phone = r.phone
                action = r.action
                until = r.until
                reason = "\(r.reason)；撤销原通知书，送达撤销通知并收回原通知书"
            case let .released(r):
                status = "解除"
                phone = r.ended.phone
                action = r.ended.measure.action
                until = r.ended.measure.until
                reason = "措施期满解除（原通知书编号\(r.lastPrinted ?? r.ended.serial)），送达解除告知书"
            }
            let recorded = options.deliveries[entry.serial]
            return [
                .text(String(number)), .text(status), .text(entry.serial), .text(entry.name), .text(idText), .text(phone),
                .text(a.address), .text(a.gridID), .text(action.chinese), .date(until), .text(reason),
                recorded.map { .text($0.outcome.chinese) } ?? .blank, recorded?.date.map { .date($0) } ?? .blank, .blank,
            ]
        }

        /// The exposure as SPEC 6 allows it to be stated: a direct stay in its region, which lies in the designated
        /// one; a coarse stay only at the region it is known at, which contains the designated one.
        static func exposureText(_ m: Measure) -> String {
            let designated = "\(m.regionName.isEmpty ? m.region.twelveDigits : m.regionName)（\(m.designatedLevel.chinese)地区）"
            let stay = m.stayRegionName.isEmpty ? "区划代码\(m.stayRegion.canonical)" : m.stayRegionName
            switch m.exposure {
            case .direct:
                let place = m.stayRegion != m.region && !m.stayRegionName.isEmpty ? "\(stay)，属\(designated)" : designated
                return "曾在\(place)停留，末次\(m.lastExposure.description)"
            case .coarse:
                return "行程仅知到过\(stay)，该地区含\(designated)，按\(m.level.chinese)管控，末次\(m.lastExposure.description)"
            }
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

        /// The CSV holds the main sheet's columns; the daily checks are the XLSX's second sheet, for paper.
        func writeCSV(to url: URL) throws {
            let literal = Set(columns.indices.filter { columns[$0].kind == .date || $0 == 0 })
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
