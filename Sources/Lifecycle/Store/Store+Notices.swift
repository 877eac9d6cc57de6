import GRDB
import RiskModel

extension Store {
    /// The id the next committed run will have.
    public func nextRunID() throws -> Int64 {
        (try lastRun()?.id ?? 0) + 1
    }

    /// The last sequence number used for a serial prefix.
    public func lastSequence(_ prefix: String) throws -> Int {
        try db.read { db in try SerialSequenceRecord.fetchOne(db, key: prefix)?.last ?? 0 }
    }

    /// The notices in force after the last committed run, as values, each with its status in that run.
    ///
    /// What the tests compare the store with; a run reads `priorNotices(after:)` and the few it rescinds whole.
    func noticesInForce() throws -> [Notice] {
        try noticesInForce(after: lastRun())
    }

    /// The notices in force after `run` (nil: none), for the tests.
    func noticesInForce(after run: RunRecord?) throws -> [Notice] {
        try inForce(after: run, columns: Store.noticeColumns(status: "runNotice.status"), joinReplaced: true, Store.notice)
    }

    /// What reconciliation needs of each notice in force after `run` (nil: none), in serial order.
    ///
    /// A night reads every one of them while its feeds are parsed, on the core the parse also wants (a store in
    /// steady state holds over a hundred thousand): five columns, of which only the serial becomes a string.
    /// The few notices a night rescinds are then read whole with `notices(serials:)`.
    public func priorNotices(after run: RunRecord?) throws -> [PriorNotice] {
        try inForce(after: run, columns: "notice.serial, notice.person, notice.action, notice.until, notice.communityCode") { row in
            // A row with an unreadable value is left out, as `noticesInForce` leaves it out; an unreadable
            // community code counts as none, as it leaves the notice unassigned.
            guard let person = row.withBytes(1, { PersonKey(stored: $0) }), let action = Action(code: row.text(2)),
                  let until = row.withBytes(3, { Day(iso: $0) })
            else { return nil }
            let community = row.isNull(4) ? nil : row.withBytes(4) { RegionCode.parse($0) }
            return PriorNotice(serial: row.text(0), person: person, action: action, until: until, community: community)
        }
    }

    /// `make` of each row of `columns` of the notices in force after `run`, in serial order; rows it refuses are left out.
    private func inForce<T>(after run: RunRecord?, columns: String, joinReplaced: Bool = false, _ make: (RawQuery.Columns) -> T?) throws -> [T] {
        guard let run, let id = run.id else { return [] }
        return try db.read { db in
            var values: [T] = []
            // Room for all of them first: growing the array copied it and faulted in fresh pages each time.
            values.reserveCapacity(run.measures)
            try RawQuery(db, sql: """
                SELECT \(columns)
                FROM runNotice JOIN notice USING (serial) \(joinReplaced ? Store.replacedJoin : "")
                WHERE runNotice.runID = ? ORDER BY runNotice.serial
                """, arguments: [id]).forEachRow { row in
                if let value = make(row) { values.append(value) }
            }
            return values
        }
    }

    /// The stored notices with these serials, each with the status it was issued with, in serial order.
    public func notices(serials: [String]) throws -> [Notice] {
        try db.read { db in
            var notices: [Notice] = []
            notices.reserveCapacity(serials.count)
            // Hundreds at a time: a statement per serial costs a step each, one for them all would need thousands
            // of parameters.
            let batch = 500
            for start in stride(from: 0, to: serials.count, by: batch) {
                let some = serials[start..<min(start + batch, serials.count)]
                let marks = Array(repeating: "?", count: some.count).joined(separator: ", ")
                try RawQuery(db, sql: """
                    SELECT \(Store.noticeColumns(status: "notice.status")) FROM notice \(Store.replacedJoin) WHERE notice.serial IN (\(marks))
                    """,
                             arguments: StatementArguments(Array(some))).forEachRow { row in
                    if let notice = Store.notice(row) { notices.append(notice) }
                }
            }
            return notices.sorted { $0.serial < $1.serial }
        }
    }

    /// The columns `notice(_:)` reads, in its order, with the status from `status` (a notice's status in a run,
    /// or as issued).
    private static func noticeColumns(status: String) -> String {
        """
        notice.serial, \(status), notice.supersedes, notice.person, notice.action, notice.level, notice.regionCode, notice.regionName,
        notice.lastExposureOn, notice.until, notice.communityCode, notice.communityName, notice.gridID, notice.address,
        notice.name, notice.phone, notice.exposure, notice.designatedLevel, notice.stayRegionCode, notice.stayRegionName, notice.changes,
        replaced.action, replaced.until, replaced.communityCode
        """
    }

    /// The notice a notice supersedes, for what an amended notice replaced (`noticeColumns` reads it as `replaced`).
    private static let replacedJoin = "LEFT JOIN notice AS replaced ON replaced.serial = notice.supersedes"

    /// A notice made straight from a row of `noticeColumns`, or nil when a value cannot be read.
    ///
    /// The person, codes and days are parsed from the columns in place; only the texts a notice keeps become
    /// strings. An unreadable community code leaves the notice unassigned, as a missing one does.
    private static func notice(_ row: RawQuery.Columns) -> Notice? {
        guard let person = row.withBytes(3, { PersonKey(stored: $0) }), let action = Action(code: row.text(4)),
              let level = RiskLevel(code: row.text(5)), let region = row.withBytes(6, { RegionCode.parse($0) }),
              let lastExposure = row.withBytes(8, { Day(iso: $0) }), let until = row.withBytes(9, { Day(iso: $0) })
        else { return nil }
        let community = row.isNull(10) ? nil : row.withBytes(10) { RegionCode.parse($0) }
        // Notices stored before SPEC 6 have no stay region or designated level: theirs are the designation's.
        let stay = row.isNull(18) ? nil : row.withBytes(18) { RegionCode.parse($0) }
        let designatedLevel = row.isNull(17) ? nil : RiskLevel(code: row.text(17))
        return Notice(
            serial: row.text(0), status: NoticeStatus(rawValue: row.text(1)) ?? .continuing, supersedes: row.optionalText(2),
            measure: Measure(person: person, action: action, level: level, region: region, regionName: row.text(7),
                             lastExposure: lastExposure, until: until, exposure: ExposureKind(code: row.text(16)) ?? .direct,
                             stayRegion: stay, stayRegionName: row.text(19), designatedLevel: designatedLevel),
            name: row.text(14), phone: row.text(15),
            assignment: Assignment(community: community, communityName: row.text(11), gridID: row.text(12), address: row.text(13)),
            replaced: replaced(row), changes: ChangeCauses(codes: row.text(20)))
    }

    /// What the notice a row's notice supersedes said, or nil when it supersedes none (or that one is unreadable).
    private static func replaced(_ row: RawQuery.Columns) -> ReplacedMeasure? {
        guard let serial = row.optionalText(2), !row.isNull(21), let action = Action(code: row.text(21)),
              let until = row.withBytes(22, { Day(iso: $0) }) else { return nil }
        let community = row.isNull(23) ? nil : row.withBytes(23) { RegionCode.parse($0) }
        return ReplacedMeasure(serial: serial, action: action, until: until, community: community)
    }
}
