import Foundation
import RiskModel

/// The grid worker who delivers notices in one grid of one community.
public struct GridContact: Sendable, Hashable {
    public var community: RegionCode
    public var gridID: String
    public var name: String
    public var phone: String

    public init(community: RegionCode, gridID: String, name: String, phone: String) {
        self.community = community
        self.gridID = gridID
        self.name = name
        self.phone = phone
    }
}

/// A problem with grid contacts that leaves a line blank to fill by hand rather than stopping the run.
public struct GridContactWarning: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A row of the contacts file that could not be read; it is skipped.
        case badRow(file: String, line: Int, reason: String)
        /// No contact for a grid that has notices tonight; its notices print a blank line.
        case missing(community: RegionCode?, gridID: String, notices: Int)
    }

    public var kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    public var description: String {
        switch kind {
        case let .badRow(file, line, reason):
            return "\(file):\(line): \(reason); the row is skipped, fix it in the grid contacts file"
        case let .missing(community, gridID, notices):
            let grid = gridID.isEmpty ? "(no grid)" : "grid \(gridID)"
            return "no grid contact for community \(community?.twelveDigits ?? "unassigned") \(grid): \(notices) notice(s) print a blank contact line to fill by hand; add a row to the grid contacts file"
        }
    }
}

/// Grid workers by (community, grid), loaded from `community_code,grid_id,name,phone`.
public struct GridContacts: Sendable {
    struct Key: Hashable { var community: RegionCode; var gridID: String }
    var byGrid: [Key: GridContact] = [:]

    public init(_ contacts: [GridContact] = []) {
        for contact in contacts { byGrid[Key(community: contact.community, gridID: contact.gridID)] = contact }
    }

    public var count: Int { byGrid.count }

    /// The contact for a grid, or nil (unassigned people and unknown grids have none).
    public func contact(community: RegionCode?, gridID: String) -> GridContact? {
        guard let community else { return nil }
        return byGrid[Key(community: community, gridID: gridID)]
    }

    /// One warning per grid of the batch that has notices but no contact.
    public func missing(in batch: NoticeBatch) -> [GridContactWarning] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for notice in batch.notices where contact(community: batch.community, gridID: notice.assignment.gridID) == nil {
            if counts[notice.assignment.gridID] == nil { order.append(notice.assignment.gridID) }
            counts[notice.assignment.gridID, default: 0] += 1
        }
        return order.map { GridContactWarning(.missing(community: batch.community, gridID: $0, notices: counts[$0] ?? 0)) }
    }

    /// Reads a contacts file: a header naming `community_code`, `grid_id`, `name`, `phone` (or 社区代码, 网格, 姓名, 联系电话).
    ///
    /// Kept small and self-contained so it can move to the Ingest reader; it handles a BOM, CRLF and
    /// quoted fields without embedded newlines. Bad rows become warnings, a missing column is an error.
    public static func load(contentsOf url: URL) throws -> (contacts: GridContacts, warnings: [GridContactWarning]) {
        let data = try Data(contentsOf: url)
        return try parse(String(decoding: data, as: UTF8.self), file: url.lastPathComponent)
    }

    /// Parses the text of a contacts file (see `load(contentsOf:)`).
    public static func parse(_ text: String, file: String) throws -> (contacts: GridContacts, warnings: [GridContactWarning]) {
        // "\r\n" is one Character in Swift, so split on newline characters rather than on "\n".
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard let headerLine = lines.first else { throw GridContactError.missingColumn(file: file, column: "community_code", found: []) }
        let header = splitRecord(headerLine).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let aliases: [(String, [String])] = [
            ("community_code", ["社区代码", "村社代码"]), ("grid_id", ["网格", "网格编号"]),
            ("name", ["姓名", "网格员"]), ("phone", ["联系电话", "手机号", "手机号码", "电话"]),
        ]
        var index: [String: Int] = [:]
        for (canonical, names) in aliases {
            guard let at = header.firstIndex(where: { $0 == canonical || names.contains($0) }) else {
                throw GridContactError.missingColumn(file: file, column: canonical, found: header)
            }
            index[canonical] = at
        }
        var contacts = GridContacts()
        var warnings: [GridContactWarning] = []
        for (offset, line) in lines.enumerated().dropFirst() where !line.allSatisfy(\.isWhitespace) {
            let fields = splitRecord(line).map { $0.trimmingCharacters(in: .whitespaces.union(["\u{3000}"])) }
            func field(_ name: String) -> String { index[name].flatMap { $0 < fields.count ? fields[$0] : nil } ?? "" }
            guard fields.count == header.count else {
                warnings.append(GridContactWarning(.badRow(file: file, line: offset + 1, reason: "\(fields.count) fields where the header has \(header.count)")))
                continue
            }
            guard let community = regionCode(field("community_code")) else {
                warnings.append(GridContactWarning(.badRow(file: file, line: offset + 1, reason: "community_code \"\(field("community_code"))\" is not a region code")))
                continue
            }
            let contact = GridContact(community: community, gridID: field("grid_id"), name: field("name"), phone: field("phone"))
            contacts.byGrid[Key(community: community, gridID: contact.gridID)] = contact
        }
        return (contacts, warnings)
    }

    /// A region code of 2, 4, 6, 9 or 12 digits, canonicalised (SPEC 1.1).
    static func regionCode(_ text: String) -> RegionCode? {
        let scales: [Int: UInt64] = [2: 10_000_000_000, 4: 100_000_000, 6: 1_000_000, 9: 1_000, 12: 1]
        guard let scale = scales[text.utf8.count], text.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }),
              let value = UInt64(text) else { return nil }
        return RegionCode(canonicalizing: value * scale)
    }

    /// Splits one CSV line at commas outside double quotes, undoubling `""`.
    static func splitRecord(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current: [UInt8] = []
        var quoted = false
        var bytes = Array(line.utf8).makeIterator()
        var pending: UInt8? = nil
        while let byte = pending ?? bytes.next() {
            pending = nil
            switch byte {
            case UInt8(ascii: "\"") where quoted:
                let next = bytes.next()
                if next == UInt8(ascii: "\"") { current.append(byte) } else { quoted = false; pending = next }
            case UInt8(ascii: "\"") where current.isEmpty:
                quoted = true
            case UInt8(ascii: ",") where !quoted:
                fields.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            default:
                current.append(byte)
            }
        }
        fields.append(String(decoding: current, as: UTF8.self))
        return fields
    }
}

/// A grid contacts file that cannot be used at all.
public enum GridContactError: Error, CustomStringConvertible {
    case missingColumn(file: String, column: String, found: [String])

    public var description: String {
        switch self {
        case let .missingColumn(file, column, found):
            return "\(file):1: no column for \(column) (found: \(found.joined(separator: ", "))); the header must name community_code, grid_id, name, phone"
        }
    }
}
