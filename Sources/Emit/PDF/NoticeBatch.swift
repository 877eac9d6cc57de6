import RiskModel

/// One community's nightly print run: the notices to deliver in walking order, its rescissions and its counts.
public struct NoticeBatch: Sendable, Hashable {
    /// The community, or nil for people who live nowhere known (unassigned), who normally get no PDF.
    public var community: RegionCode?
    public var communityName: String
    /// The as-of date of the run; printed as the issue date and fixed into the PDF metadata.
    public var asOf: Day
    public var runID: String
    /// Notices to print (status new or amended only), in delivery order.
    public var notices: [Notice]
    public var rescissions: [Rescission]
    /// Measures in force in this community by status, continuing ones included (they are counted, not printed).
    public var countsByStatus: [NoticeStatus: Int]
    /// Printed notices by action.
    public var countsByAction: [Action: Int]

    /// Builds a batch from the community's measures in force; continuing ones are counted but not printed.
    public init(community: RegionCode?, communityName: String, asOf: Day, runID: String,
                notices: [Notice], rescissions: [Rescission]) {
        self.community = community
        self.communityName = communityName
        self.asOf = asOf
        self.runID = runID
        var byStatus: [NoticeStatus: Int] = [:]
        var byAction: [Action: Int] = [:]
        var printable: [Notice] = []
        printable.reserveCapacity(notices.count)
        for notice in notices {
            byStatus[notice.status, default: 0] += 1
            guard notice.status != .continuing else { continue }
            byAction[notice.measure.action, default: 0] += 1
            printable.append(notice)
        }
        self.notices = NoticeBatch.deliveryOrdered(printable)
        self.rescissions = rescissions.sorted { $0.serial < $1.serial }
        self.countsByStatus = byStatus
        self.countsByAction = byAction
    }

    /// Splits a run's measures and rescissions into one batch per community, communities in code order, unassigned last.
    public static func batches(notices: [Notice], rescissions: [Rescission], asOf: Day, runID: String,
                               includeUnassigned: Bool = false) -> [NoticeBatch] {
        var noticesBy: [RegionCode?: [Notice]] = [:]
        var rescissionsBy: [RegionCode?: [Rescission]] = [:]
        var names: [RegionCode?: String] = [:]
        for notice in notices {
            noticesBy[notice.assignment.community, default: []].append(notice)
            if names[notice.assignment.community, default: ""].isEmpty { names[notice.assignment.community] = notice.assignment.communityName }
        }
        for rescission in rescissions {
            rescissionsBy[rescission.assignment.community, default: []].append(rescission)
            if names[rescission.assignment.community, default: ""].isEmpty { names[rescission.assignment.community] = rescission.assignment.communityName }
        }
        let keys = Set(noticesBy.keys).union(rescissionsBy.keys)
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
                                    notices: noticesBy[key] ?? [], rescissions: rescissionsBy[key] ?? [])
            // A community whose measures all continue and that lost none has nothing to print tonight.
            return batch.notices.isEmpty && batch.rescissions.isEmpty ? nil : batch
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

    /// Notices printed in this batch.
    public var printedCount: Int { notices.count }

    /// The file name a batch is published under: `notices-<12-digit code>.pdf`, or `notices-unassigned.pdf`.
    public var fileName: String {
        "notices-\(community?.twelveDigits ?? "unassigned").pdf"
    }
}
