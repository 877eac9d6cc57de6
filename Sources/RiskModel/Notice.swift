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
    /// What the replaced notice said, for an amended one: the notice names it (SPEC 7).
    public var replaced: ReplacedMeasure?
    /// Why an amended notice differs from the one it replaces; empty for other notices.
    public var changes: ChangeCauses
    public var measure: Measure
    public var name: String
    public var phone: String
    public var assignment: Assignment

    public init(serial: String, status: NoticeStatus, supersedes: String?, measure: Measure, name: String, phone: String, assignment: Assignment,
                replaced: ReplacedMeasure? = nil, changes: ChangeCauses = []) {
        self.serial = serial
        self.status = status
        self.supersedes = supersedes
        self.replaced = replaced
        self.changes = changes
        self.measure = measure
        self.name = name
        self.phone = phone
        self.assignment = assignment
    }

    public var person: PersonKey { measure.person }

    /// Whether this notice gets a printed page on the night it is issued (SPEC 7): a new or amended measure of a
    /// person with a community that is still in force after the as-of day. One ending on the as-of day is only
    /// listed; unassigned people are reached through the hotline's list, not a community's batch.
    public func isPrinted(asOf: Day) -> Bool {
        status != .continuing && assignment.community != nil && measure.until > asOf
    }

    /// Whether the measure ends on the as-of day: listed and marked, never printed.
    public func endsOn(_ asOf: Day) -> Bool { measure.until == asOf }
}

/// The measure an amended notice replaces, as its own notice stated it.
public struct ReplacedMeasure: Sendable, Hashable {
    public var serial: String
    public var action: Action
    public var until: Day
    public var community: RegionCode?

    public init(serial: String, action: Action, until: Day, community: RegionCode?) {
        self.serial = serial
        self.action = action
        self.until = until
        self.community = community
    }
}

/// Why a notice was amended or rescinded (SPEC 7): what changed between the night that issued it and this one.
public struct ChangeCauses: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The rule file's designations give another result for the same stays.
    public static let regions = ChangeCauses(rawValue: 1)
    /// The policy's actions or days give another result.
    public static let policy = ChangeCauses(rawValue: 2)
    /// A stay was corrected or added: the same rules give another result.
    public static let stays = ChangeCauses(rawValue: 4)
    /// The person lives in another community now.
    public static let community = ChangeCauses(rawValue: 8)

    private static let named: [(cause: ChangeCauses, code: String, chinese: String)] = [
        (.regions, "regions", "风险地区名单调整"), (.policy, "policy", "管控政策调整"),
        (.stays, "stays", "行程记录更正或补充"), (.community, "community", "居住社区变更"),
    ]

    /// Codes as stored (`regions,stays`), in a fixed order.
    public var codes: String { ChangeCauses.named.filter { contains($0.cause) }.map(\.code).joined(separator: ",") }

    /// The causes of stored codes; unknown codes are ignored.
    public init(codes: String) {
        self = []
        for code in codes.split(separator: ",") {
            if let match = ChangeCauses.named.first(where: { $0.code == code }) { insert(match.cause) }
        }
    }

    /// The causes in words for paper (`风险地区名单调整、行程记录更正或补充`); empty when none is known.
    public var chinese: String { ChangeCauses.named.filter { contains($0.cause) }.map(\.chinese).joined(separator: "、") }

    /// Why an amended notice changed, for the notice: the causes, or a plain re-examination when none is known.
    public var amendmentReason: String { isEmpty ? "经重新核查，管控措施有所调整" : chinese }

    /// Why a notice was rescinded, in words for the person and the office (`rescinded.csv`, the rescission notice).
    public var rescissionReason: String {
        isEmpty ? "经重新核查，按现行规则已不再符合管控条件" : "因\(chinese)，按现行规则已不再符合管控条件"
    }
}

/// One row of `rescinded.csv`: a notice in force before the run whose person has no measure now.
public struct Rescission: Sendable, Hashable {
    public var serial: String
    public var person: PersonKey
    public var name: String
    public var assignment: Assignment
    /// Why, in words for paper (SPEC 7).
    public var reason: String
    public var phone: String
    /// The rescinded measure's action and end, as its notice stated them.
    public var action: Action
    public var until: Day
    public var causes: ChangeCauses

    public init(serial: String, person: PersonKey, name: String, assignment: Assignment, reason: String,
                phone: String = "", action: Action = .none, until: Day = Day(number: 0), causes: ChangeCauses = []) {
        self.serial = serial
        self.person = person
        self.name = name
        self.assignment = assignment
        self.reason = reason
        self.phone = phone
        self.action = action
        self.until = until
        self.causes = causes
    }

    /// The rescission of a notice in force, for `causes`.
    public init(of notice: Notice, causes: ChangeCauses) {
        self.init(serial: notice.serial, person: notice.person, name: notice.name, assignment: notice.assignment,
                  reason: causes.rescissionReason, phone: notice.phone, action: notice.measure.action, until: notice.measure.until,
                  causes: causes)
    }
}

/// One row of `released.csv`: a measure in force after the last committed run that ended on its own (SPEC 7).
public struct Release: Sendable, Hashable {
    /// The notice in force that ended, as the store holds it.
    public var ended: Notice
    /// The last notice of this measure that was printed, which the release notice names; nil when none was.
    public var lastPrinted: String?
    /// The release notice's own serial; nil when nothing is printed.
    public var releaseSerial: String?

    public init(ended: Notice, lastPrinted: String?, releaseSerial: String?) {
        self.ended = ended
        self.lastPrinted = lastPrinted
        self.releaseSerial = releaseSerial
    }

    public var person: PersonKey { ended.person }
    public var serial: String { ended.serial }
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
