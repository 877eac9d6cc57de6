import RiskModel

/// A measure found by this run, with the person's name and where they live, before it gets a status and serial.
public struct Finding: Sendable, Hashable {
    public var measure: Measure
    public var name: String
    public var phone: String
    public var assignment: Assignment

    public init(measure: Measure, name: String, phone: String, assignment: Assignment) {
        self.measure = measure
        self.name = name
        self.phone = phone
        self.assignment = assignment
    }
}

/// What a run changes against the last committed run (SPEC 3).
public struct Reconciliation: Sendable {
    /// Every measure in force after the run, in `measures.csv` order.
    public var notices: [Notice]
    /// Previous measures still in force on the as-of date whose person has no measure now.
    public var rescinded: [Rescission]
    /// The last sequence number used per serial prefix, to store with the run.
    public var sequences: [String: Int]

    /// The notices this run issues (new and amended), which get printed.
    public var issued: [Notice] { notices.filter { $0.status != .continuing } }

    public func count(_ status: NoticeStatus) -> Int { notices.lazy.filter { $0.status == status }.count }
}

/// What reconciliation needs of a notice in force after the last committed run: enough to continue or amend it.
public struct PriorNotice: Sendable, Hashable {
    public var serial: String
    public var person: PersonKey
    public var action: Action
    public var until: Day
    public var community: RegionCode?

    public init(serial: String, person: PersonKey, action: Action, until: Day, community: RegionCode?) {
        self.serial = serial
        self.person = person
        self.action = action
        self.until = until
        self.community = community
    }

    public init(_ notice: Notice) {
        self.init(serial: notice.serial, person: notice.person, action: notice.measure.action, until: notice.measure.until,
                  community: notice.assignment.community)
    }
}

/// Gives each finding its status and serial against the notices in force after the last committed run.
public enum Reconciler {
    /// - Parameters:
    ///   - previous: notices in force after the last committed run (any `until`; those ending before `asOf` are not in force on it).
    ///   - lastSequence: the last sequence number already used for a serial prefix.
    ///   - notices: the whole notices of the serials given, for the rescissions' names and places; a serial it
    ///     does not give back is not rescinded.
    public static func reconcile(_ findings: [Finding], previous: [PriorNotice], asOf: Day,
                                 lastSequence: (String) throws -> Int,
                                 notices wholeNotices: ([String]) throws -> [Notice]) rethrows -> Reconciliation {
        // A province night reconciles over a hundred thousand findings on one core: the previous notices are
        // found by index (not copied into the table), and whether each was matched is a flag, not a second set.
        var before: [PersonKey: Int] = [:]
        before.reserveCapacity(previous.count)
        for (i, notice) in previous.enumerated() where notice.until >= asOf {
            before[notice.person] = i
        }
        var matched = [Bool](repeating: false, count: previous.count)
        // Built once, in output order: serials are then numbered in that order, so the same inputs always give
        // the same numbers.
        let order = Notice.outputOrder(findings.map { ($0.assignment.community, $0.assignment.gridID, $0.measure.person) })
        var sequences: [String: Int] = [:]
        var prefix: (community: RegionCode?, text: String, next: Int) = (nil, "", 0)
        var notices: [Notice] = []
        notices.reserveCapacity(findings.count)
        for i in order {
            // Status and serial are settled from the finding's fields where they lie; the notice is made once, at
            // the end (copying the finding, then the notice into the array, retained and released its texts twice).
            var status = NoticeStatus.new
            var serial = ""
            var supersedes: String?
            let community = findings[i].assignment.community
            if let o = before[findings[i].measure.person] {
                matched[o] = true
                if previous[o].action == findings[i].measure.action, previous[o].until == findings[i].measure.until,
                   previous[o].community == community {
                    status = .continuing
                    serial = previous[o].serial
                } else {
                    status = .amended
                    supersedes = previous[o].serial
                }
            }
            if serial.isEmpty {
                // Output order keeps a community's notices together: its prefix and next number are looked up once.
                if prefix.community != community || prefix.text.isEmpty {
                    if !prefix.text.isEmpty { sequences[prefix.text] = prefix.next - 1 }
                    let text = Serial.prefix(community: community, asOf: asOf)
                    prefix = (community, text, try (sequences[text] ?? lastSequence(text)) + 1)
                }
                serial = Serial.make(prefix: prefix.text, sequence: prefix.next)
                prefix.next += 1
            }
            notices.append(Notice(serial: serial, status: status, supersedes: supersedes, measure: findings[i].measure,
                                  name: findings[i].name, phone: findings[i].phone, assignment: findings[i].assignment))
        }
        if !prefix.text.isEmpty { sequences[prefix.text] = prefix.next - 1 }

        let rescinded = try wholeNotices(before.values.filter { !matched[$0] }.map { previous[$0].serial }).map {
            Rescission(serial: $0.serial, person: $0.person, name: $0.name, assignment: $0.assignment,
                       reason: "不再符合管控条件：行程或风险地区已变更 (no exposure under the current rules and stays)")
        }.sorted { $0.serial < $1.serial }
        return Reconciliation(notices: notices, rescinded: rescinded, sequences: sequences)
    }

    /// Reconciles against whole notices in force, as `Store.noticesInForce` gives them.
    public static func reconcile(_ findings: [Finding], previous: [Notice], asOf: Day,
                                 lastSequence: (String) throws -> Int) rethrows -> Reconciliation {
        let bySerial = Dictionary(previous.map { ($0.serial, $0) }, uniquingKeysWith: { first, _ in first })
        return try reconcile(findings, previous: previous.map(PriorNotice.init), asOf: asOf, lastSequence: lastSequence) { serials in
            serials.compactMap { bySerial[$0] }
        }
    }
}

/// Notice serial numbers: `<community, 12 digits>-<as-of YYYYMMDD>-<sequence>`, readable on paper and unique for ever.
public enum Serial {
    /// Unassigned people are numbered under `000000000000`.
    public static func prefix(community: RegionCode?, asOf: Day) -> String {
        "\(community?.twelveDigits ?? "000000000000")-\(asOf.compact)-"
    }

    /// The serial with `sequence` zero-padded to at least four digits, written into one string.
    public static func make(prefix: String, sequence: Int) -> String {
        var prefix = prefix
        var digits = 4
        while digits < 19, sequence >= Serial.powersOfTen[digits] { digits += 1 }
        return prefix.withUTF8 { head in
            DecimalText.string(count: head.count + digits) { p in
                _ = UnsafeMutableBufferPointer(start: p, count: head.count).initialize(fromContentsOf: head)
                DecimalText.write(UInt64(max(sequence, 0)), count: digits, to: p + head.count)
            }
        }
    }

    private static let powersOfTen: [Int] = (0..<19).map { (0..<$0).reduce(1) { r, _ in r * 10 } }
}
