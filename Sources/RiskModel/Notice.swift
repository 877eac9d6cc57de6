/// How a measure in force relates to the last committed run (SPEC 3).
public enum NoticeStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case new
    case amended
    case continuing

    /// The status as worklists and the report print it (`新增`), from the catalogue.
    public var chinese: String { TermText.status(self).text(in: .chinese) }
}

/// Where a person under a measure lives: a community and grid, or nowhere known (unassigned).
public struct Assignment: Sendable, Hashable, Codable {
    public var community: RegionCode?
    public var communityName: String
    public var gridID: String
    public var address: String

    public init(community: RegionCode?, communityName: String, gridID: String, address: String) {
        self.community = community
        self.communityName = communityName
        self.gridID = gridID
        self.address = address
    }

    public static let unassigned = Assignment(community: nil, communityName: "", gridID: "", address: "")
}

/// One row of `measures.csv`: a measure in force after a run, with its person, place, status and serial.
public struct Notice: Sendable, Hashable {
    public var serial: String
    public var status: NoticeStatus
    /// The serial this notice replaces, for an amended one.
    public var supersedes: String?
    public var measure: Measure
    public var name: String
    public var phone: String
    public var assignment: Assignment

    public init(serial: String, status: NoticeStatus, supersedes: String?, measure: Measure, name: String, phone: String, assignment: Assignment) {
        self.serial = serial
        self.status = status
        self.supersedes = supersedes
        self.measure = measure
        self.name = name
        self.phone = phone
        self.assignment = assignment
    }

    public var person: PersonKey { measure.person }
}

/// One row of `rescinded.csv`: a notice in force before the run whose person has no measure now.
public struct Rescission: Sendable, Hashable {
    public var serial: String
    public var person: PersonKey
    public var name: String
    public var assignment: Assignment
    public var reason: String

    public init(serial: String, person: PersonKey, name: String, assignment: Assignment, reason: String) {
        self.serial = serial
        self.person = person
        self.name = name
        self.assignment = assignment
        self.reason = reason
    }
}

extension Notice {
    /// SPEC 4's order for `measures.csv`: community code (unassigned last), grid, ID number.
    struct OutputKey {
        var community: UInt64
        /// The grid's place among the batch's grids in `String` order, so most comparisons compare integers.
        var grid: Int
        /// The ID number's text, packed once per row instead of made a string per comparison, then the ID type.
        var id: ByteOrderKey
        var type: UInt8

        init(community: UInt64, grid: Int, person: PersonKey) {
            self.community = community
            self.grid = grid
            // An ID number is at most 20 letters, digits and hyphens, so it always has a key.
            id = person.withIDNoBytes { ByteOrderKey($0)! }
            type = person.type.rawValue
        }

        static func < (a: OutputKey, b: OutputKey) -> Bool {
            if a.community != b.community { return a.community < b.community }
            if a.grid != b.grid { return a.grid < b.grid }
            if a.id != b.id { return a.id < b.id }
            return a.type < b.type
        }
    }

    /// Sorts notices into SPEC 4's order.
    public static func inOutputOrder(_ notices: [Notice]) -> [Notice] {
        outputOrder(notices.map { ($0.assignment.community, $0.assignment.gridID, $0.person) }).map { notices[$0] }
    }

    /// The permutation that puts rows given as (community, grid, person) into SPEC 4's order, each sort key built once.
    public static func outputOrder(_ rows: [(community: RegionCode?, grid: String, person: PersonKey)]) -> [Int] {
        // Each grid is hashed once per row, numbered as first seen, and its number mapped to its rank after.
        var numbers: [String: Int] = [:]
        var gridOfRow = [Int](repeating: 0, count: rows.count)
        for (i, row) in rows.enumerated() {
            if let n = numbers[row.grid] {
                gridOfRow[i] = n
            } else {
                gridOfRow[i] = numbers.count
                numbers[row.grid] = numbers.count
            }
        }
        var rank = [Int](repeating: 0, count: numbers.count)
        for (r, grid) in numbers.keys.sorted().enumerated() { rank[numbers[grid]!] = r }
        // The keys are sorted themselves, each carrying its row: no lookup through an index per comparison.
        var keys = rows.indices.map { i in
            (key: OutputKey(community: rows[i].community?.raw ?? UInt64.max, grid: rank[gridOfRow[i]], person: rows[i].person), row: i)
        }
        keys.sort { $0.key < $1.key }
        return keys.map(\.row)
    }
}
