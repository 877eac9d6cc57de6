import RiskModel

/// One printed paper of a batch (SPEC 7): a measure notice, a release notice or a rescission notice.
public enum Paper: Sendable, Hashable {
    /// A new or amended measure, ending after the as-of day.
    case notice(Notice)
    /// A measure that ended on its own, whose person had a printed notice: the release notice carries its own serial.
    case release(Release)
    /// A notice in force that no longer holds.
    case rescission(Rescission)

    /// The number printed at the top and scanned back from the receipt: the notice's, the release notice's, or
    /// the rescinded notice's.
    public var serial: String {
        switch self {
        case let .notice(n): return n.serial
        case let .release(r): return r.releaseSerial ?? r.ended.serial
        case let .rescission(r): return r.serial
        }
    }

    public var person: PersonKey {
        switch self {
        case let .notice(n): return n.person
        case let .release(r): return r.person
        case let .rescission(r): return r.person
        }
    }

    public var name: String {
        switch self {
        case let .notice(n): return n.name
        case let .release(r): return r.ended.name
        case let .rescission(r): return r.name
        }
    }

    public var assignment: Assignment {
        switch self {
        case let .notice(n): return n.assignment
        case let .release(r): return r.ended.assignment
        case let .rescission(r): return r.assignment
        }
    }

    /// The category printed on the cover list: 新增, 变更, 解除 or 撤销.
    public var category: String {
        switch self {
        case let .notice(n): return n.status.chinese
        case .release: return "解除"
        case .rescission: return "撤销"
        }
    }

    /// The action and end date of the measure the paper is about (for a release or rescission, the one that ends).
    public var measure: (action: Action, until: Day) {
        switch self {
        case let .notice(n): return (n.measure.action, n.measure.until)
        case let .release(r): return (r.ended.measure.action, r.ended.measure.until)
        case let .rescission(r): return (r.action, r.until)
        }
    }
}

/// One community's nightly print run: the papers to deliver in walking order, its rescissions and its counts.
public struct NoticeBatch: Sendable, Hashable {
    /// The community, or nil for people who live nowhere known (unassigned), who normally get no PDF.
    public var community: RegionCode?
    public var communityName: String
    /// The as-of date of the run; printed as the issue date and fixed into the PDF metadata.
    public var asOf: Day
    public var runID: String
    /// Everything printed, in delivery order: notices, release notices and rescission notices together, so a grid
    /// worker walks the community once.
    public var papers: [Paper]
    /// Rescinded notices, by serial, for the rescission list.
    public var rescissions: [Rescission]
    /// Released measures with a release notice.
    public var releases: [Release]
    /// New and amended measures that end on the as-of day: counted and listed on the worklist, not printed.
    public var endingToday: [Notice]
    /// Measures in force in this community by status, continuing ones included (they are counted, not printed).
    public var countsByStatus: [NoticeStatus: Int]
    /// Printed notices by action.
    public var countsByAction: [Action: Int]

    /// The measure notices printed, in delivery order.
    public var notices: [Notice] {
        papers.compactMap { if case let .notice(n) = $0 { return n } else { return nil } }
    }

    /// Builds a batch from the community's measures in force, rescissions and releases; continuing measures and
    /// those ending on the as-of day are counted but not printed, nor are releases without a release notice.
    public init(community: RegionCode?, communityName: String, asOf: Day, runID: String,
                notices: [Notice], rescissions: [Rescission], releases: [Release] = []) {
        self.community = community
        self.communityName = communityName
        self.asOf = asOf
        self.runID = runID
        var byStatus: [NoticeStatus: Int] = [:]
        var byAction: [Action: Int] = [:]
        var papers: [Paper] = []
        var ending: [Notice] = []
        papers.reserveCapacity(notices.count + rescissions.count + releases.count)
        for notice in notices {
            byStatus[notice.status, default: 0] += 1
            guard notice.status != .continuing else { continue }
            guard notice.measure.until > asOf else { ending.append(notice); continue }
            byAction[notice.measure.action, default: 0] += 1
            papers.append(.notice(notice))
        }
        let printedReleases = releases.filter { $0.releaseSerial != nil }
        papers += printedReleases.map(Paper.release)
        papers += rescissions.map(Paper.rescission)
        self.papers = papers.sorted(by: NoticeBatch.deliveryOrder)
        self.rescissions = rescissions.sorted { $0.serial < $1.serial }
        self.releases = printedReleases
        self.endingToday = NoticeBatch.deliveryOrdered(ending)
        self.countsByStatus = byStatus
        self.countsByAction = byAction
    }

    /// Splits a run's measures, rescissions and releases into one batch per community, communities in code order,
    /// unassigned last.
    public static func batches(notices: [Notice], rescissions: [Rescission], releases: [Release] = [], asOf: Day, runID: String,
                               includeUnassigned: Bool = false) -> [NoticeBatch] {
        var noticesBy: [RegionCode?: [Notice]] = [:]
        var rescissionsBy: [RegionCode?: [Rescission]] = [:]
        var releasesBy: [RegionCode?: [Release]] = [:]
        var names: [RegionCode?: String] = [:]
        func name(_ a: Assignment) {
            if names[a.community, default: ""].isEmpty { names[a.community] = a.communityName }
        }
        for notice in notices {
            noticesBy[notice.assignment.community, default: []].append(notice)
            name(notice.assignment)
        }
        for rescission in rescissions {
            rescissionsBy[rescission.assignment.community, default: []].append(rescission)
            name(rescission.assignment)
        }
        for release in releases where release.releaseSerial != nil {
            releasesBy[release.ended.assignment.community, default: []].append(release)
            name(release.ended.assignment)
        }
        let keys = Set(noticesBy.keys).union(rescissionsBy.keys).union(releasesBy.keys)
            .filter { includeUnassigned || $0 != nil }
            .sorted { a, b in
                switch (a, b) {
                case let (x?, y?): return x < y
                case (_?, nil): return true
                default: return false
                }
            }
        return keys.compactMap { key in
            let batch = NoticeBatch(community: key, communityName: names[key] ?? "", asOf: asOf, runID: runID,
                                    notices: noticesBy[key] ?? [], rescissions: rescissionsBy[key] ?? [], releases: releasesBy[key] ?? [])
            // A community whose measures all continue and that lost none has nothing to print tonight.
            return batch.papers.isEmpty ? nil : batch
        }
    }

    /// Sorts notices into the order a grid worker walks: grid, then address, then name, then ID.
    ///
    /// Grids and addresses compare digit runs as numbers (`2幢` before `10幢`), so one building's
    /// flats come in floor order and one household's notices come together.
    public static func deliveryOrdered(_ notices: [Notice]) -> [Notice] {
        notices.sorted(by: deliveryOrder)
    }

    /// The delivery order as a predicate.
    public static func deliveryOrder(_ a: Notice, _ b: Notice) -> Bool {
        deliveryOrder((a.assignment, a.name, a.person, a.serial), (b.assignment, b.name, b.person, b.serial))
    }

    /// The delivery order of papers of any kind.
    public static func deliveryOrder(_ a: Paper, _ b: Paper) -> Bool {
        deliveryOrder((a.assignment, a.name, a.person, a.serial), (b.assignment, b.name, b.person, b.serial))
    }

    static func deliveryOrder(_ a: (assignment: Assignment, name: String, person: PersonKey, serial: String),
                              _ b: (assignment: Assignment, name: String, person: PersonKey, serial: String)) -> Bool {
        let grid = naturalCompare(a.assignment.gridID, b.assignment.gridID)
        if grid != 0 { return grid < 0 }
        let address = naturalCompare(a.assignment.address, b.assignment.address)
        if address != 0 { return address < 0 }
        if a.name != b.name { return a.name < b.name }
        if a.person != b.person { return a.person < b.person }
        return a.serial < b.serial
    }

    /// Compares UTF-8 strings byte-wise, except that runs of ASCII digits compare by value; returns -1, 0 or 1.
    public static func naturalCompare(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in naturalCompare(x, y) } }
    }

    static func naturalCompare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0, j = 0
        while i < x.count, j < y.count {
            if isDigit(x[i]), isDigit(y[j]) {
                var i2 = i, j2 = j
                while i < x.count, x[i] == UInt8(ascii: "0") { i += 1 }
                while j < y.count, y[j] == UInt8(ascii: "0") { j += 1 }
                var ie = i, je = j
                while ie < x.count, isDigit(x[ie]) { ie += 1 }
                while je < y.count, isDigit(y[je]) { je += 1 }
                // Without leading zeros, a longer run is a larger number; equal lengths compare digit by digit.
                if ie - i != je - j { return ie - i < je - j ? -1 : 1 }
                while i < ie {
                    if x[i] != y[j] { return x[i] < y[j] ? -1 : 1 }
                    i += 1; j += 1
                }
                // Same value: fewer leading zeros first, so the order stays total.
                i2 = ie - i2; j2 = je - j2
                if i2 != j2 { return i2 < j2 ? -1 : 1 }
                continue
            }
            if x[i] != y[j] { return x[i] < y[j] ? -1 : 1 }
            i += 1; j += 1
        }
        if x.count - i == y.count - j { return 0 }
        return x.count - i < y.count - j ? -1 : 1
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// Papers printed in this batch.
    public var printedCount: Int { papers.count }

    /// The file name a batch is published under: `notices-<12-digit code>.pdf`, or `notices-unassigned.pdf`.
    public var fileName: String {
        "notices-\(community?.twelveDigits ?? "unassigned").pdf"
    }
}
