import Machinery
import RiskModel
import Screen

/// What a run changes against the last committed run (SPEC 3).
public struct Reconciliation: Sendable {
    /// Every measure in force after the run, in `measures.csv` order.
    public var notices: [Notice]
    /// Previous measures still in force on the as-of date whose person has no measure now.
    public var rescinded: [Rescission]
    /// Previous measures that ended before the as-of date, of people with no measure now (SPEC 7), in output order.
    public var released: [Release] = []
    /// The last sequence number used per serial prefix, to store with the run.
    public var sequences: [String: Int]

    /// The notices this run issues (new and amended); those ending after the as-of day get printed.
    public var issued: [Notice] { notices.filter { $0.status != .continuing } }

    public init(notices: [Notice], rescinded: [Rescission], released: [Release] = [], sequences: [String: Int]) {
        self.notices = notices
        self.rescinded = rescinded
        self.released = released
        self.sequences = sequences
    }

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
    ///   - notices: the whole notices of the serials given, for the rescissions' and releases' names and places; a
    ///     serial it does not give back is not rescinded or released.
    ///   - lastPrinted: for each serial given, the last printed notice of the measure it carries (itself or one it
    ///     superseded); a serial left out had none printed. A release notice names it, and none is printed without one.
    public static func reconcile(_ findings: [Finding], previous: [PriorNotice], asOf: Day, workers: Workers,
                                 lastSequence: (String) throws -> Int,
                                 notices wholeNotices: ([String]) throws -> [Notice],
                                 lastPrinted: ([String]) throws -> [String: String]) rethrows -> Reconciliation {
        // A province night reconciles over a hundred thousand findings, in three passes: what each finding's previous
        // notice is (on all cores), the new serials' numbers (in output order, on one), and the notices (on all).
        // The previous notices are found by index, not copied into the table. Built once, in output order: serials
        // are then numbered in that order, so the same inputs always give the same numbers.
        let (order, before) = workers.both({
            Notice.outputOrder(findings.map { ($0.assignment.community, $0.assignment.gridID, $0.measure.person) })
        }, {
            var before: [PersonKey: Int] = [:]
            before.reserveCapacity(previous.count)
            for (i, notice) in previous.enumerated() where notice.until >= asOf {
                before[notice.person] = i
            }
            return before
        })
        let (prior, continues) = priors(order, findings, previous, before, workers: workers)
        let numbering = try number(order, findings, continues: continues, asOf: asOf, lastSequence: lastSequence)
        let notices = workers.makeArray(count: order.count, atLeast: 4096) { k in
            let i = order[k], o = Int(prior[k])
            let status: NoticeStatus = o < 0 ? .new : continues[k] ? .continuing : .amended
            let serial = continues[k] ? previous[o].serial : numbering.serial(at: k)
            let replaced = status == .amended
                ? ReplacedMeasure(serial: previous[o].serial, action: previous[o].action, until: previous[o].until, community: previous[o].community)
                : nil
            return Notice(
                serial: serial, status: status, supersedes: replaced?.serial,
                measure: findings[i].measure, name: findings[i].name, phone: findings[i].phone,
                assignment: findings[i].assignment, replaced: replaced)
        }
        var matched = [Bool](repeating: false, count: previous.count)
        for o in prior where o >= 0 { matched[Int(o)] = true }

        // Why each was rescinded is found by the caller, which has the rules and stays to compare.
        let rescinded = try wholeNotices(before.values.filter { !matched[$0] }.map { previous[$0].serial }).map {
            Rescission(of: $0, causes: [])
        }.sorted { $0.serial < $1.serial }
        var sequences = numbering.sequences
        let released = try releases(findings, previous: previous, asOf: asOf, sequences: &sequences, lastSequence: lastSequence,
                                    notices: wholeNotices, lastPrinted: lastPrinted)
        return Reconciliation(notices: notices, rescinded: rescinded, released: released, sequences: sequences)
    }

    /// SPEC 7's released measures: in force after the last committed run, ended before `asOf`, of a person without a
    /// measure now. Each that had a printed notice gets a release notice, numbered after the night's notices.
    private static func releases(_ findings: [Finding], previous: [PriorNotice], asOf: Day, sequences: inout [String: Int],
                                 lastSequence: (String) throws -> Int, notices wholeNotices: ([String]) throws -> [Notice],
                                 lastPrinted: ([String]) throws -> [String: String]) rethrows -> [Release] {
        // Few end on any one night: their people are looked up, not every finding's.
        var ended: [PersonKey: Int] = [:]
        for (i, notice) in previous.enumerated() where notice.until < asOf { ended[notice.person] = i }
        guard !ended.isEmpty else { return [] }
        for finding in findings where ended[finding.measure.person] != nil { ended[finding.measure.person] = nil }
        let notices = try wholeNotices(ended.values.map { previous[$0].serial })
        let order = Notice.outputOrder(notices.map { ($0.assignment.community, $0.assignment.gridID, $0.person) })
        let printedBefore = try lastPrinted(notices.map(\.serial))
        var releases: [Release] = []
        releases.reserveCapacity(order.count)
        for i in order {
            let notice = notices[i]
            let printed = printedBefore[notice.serial]
            var serial: String?
            if printed != nil {
                let prefix = Serial.prefix(community: notice.assignment.community, asOf: asOf)
                let next = try (sequences[prefix] ?? lastSequence(prefix)) + 1
                sequences[prefix] = next
                serial = Serial.make(prefix: prefix, sequence: next)
            }
            releases.append(Release(ended: notice, lastPrinted: printed, releaseSerial: serial))
        }
        return releases
    }

    /// By position in `order`: the previous notice in force for the person (-1 for none), and whether the finding
    /// continues it unchanged (same action, end and community) rather than amending it.
    private static func priors(_ order: [Int], _ findings: [Finding], _ previous: [PriorNotice],
                               _ before: [PersonKey: Int], workers: Workers) -> (prior: [Int32], continues: [Bool]) {
        let found = workers.makeArray(count: order.count, atLeast: 4096) { k -> (prior: Int32, continues: Bool) in
            let i = order[k]
            guard let o = before[findings[i].measure.person] else { return (-1, false) }
            return (Int32(o), previous[o].action == findings[i].measure.action
                        && previous[o].until == findings[i].measure.until
                        && previous[o].community == findings[i].assignment.community)
        }
        return (found.map(\.prior), found.map(\.continues))
    }

    /// The serial numbers of the new and amended notices, given in output order.
    struct Numbering {
        var prefixes: [String] = []
        /// By position in output order: an index into `prefixes` (-1 for a continuing notice) and the sequence.
        var prefixOf: [Int32]
        var sequenceOf: [Int]
        /// The last sequence number used per prefix.
        var sequences: [String: Int] = [:]

        func serial(at position: Int) -> String {
            Serial.make(prefix: prefixes[Int(prefixOf[position])], sequence: sequenceOf[position])
        }
    }

    /// Numbers the positions that do not continue a notice, in output order. Output order keeps a community's
    /// notices together: its prefix and next number are looked up once.
    private static func number(_ order: [Int], _ findings: [Finding], continues: [Bool], asOf: Day,
                               lastSequence: (String) throws -> Int) rethrows -> Numbering {
        var numbering = Numbering(prefixOf: [Int32](repeating: -1, count: order.count),
                                  sequenceOf: [Int](repeating: 0, count: order.count))
        var current: (community: RegionCode?, next: Int) = (nil, 0)
        for k in order.indices where !continues[k] {
            let community = findings[order[k]].assignment.community
            if numbering.prefixes.isEmpty || current.community != community {
                if let last = numbering.prefixes.last { numbering.sequences[last] = current.next - 1 }
                let text = Serial.prefix(community: community, asOf: asOf)
                current = (community, try (numbering.sequences[text] ?? lastSequence(text)) + 1)
                numbering.prefixes.append(text)
            }
            numbering.prefixOf[k] = Int32(numbering.prefixes.count - 1)
            numbering.sequenceOf[k] = current.next
            current.next += 1
        }
        if let last = numbering.prefixes.last { numbering.sequences[last] = current.next - 1 }
        return numbering
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
