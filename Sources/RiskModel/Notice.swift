/// How a measure in force relates to the last committed run (SPEC 3).
public enum NoticeStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case new
    case amended
    case continuing

    public var chinese: String {
        switch self {
        case .new: return "新增"
        case .amended: return "变更"
        case .continuing: return "延续"
        }
    }
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
    public static func outputOrder(_ a: Notice, _ b: Notice) -> Bool {
        switch (a.assignment.community, b.assignment.community) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return false
        case (_?, nil): return true
        default: break
        }
        if a.assignment.gridID != b.assignment.gridID { return a.assignment.gridID < b.assignment.gridID }
        let (ia, ib) = (a.person.idNo, b.person.idNo)
        if ia != ib { return ia < ib }
        return a.person.type.rawValue < b.person.type.rawValue
    }
}
