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

/// Gives each finding its status and serial against the notices in force after the last committed run.
public enum Reconciler {
    /// - Parameters:
    ///   - previous: notices in force after the last committed run (any `until`; those ending before `asOf` are not in force on it).
    ///   - lastSequence: the last sequence number already used for a serial prefix.
    public static func reconcile(_ findings: [Finding], previous: [Notice], asOf: Day,
                                 lastSequence: (String) throws -> Int) rethrows -> Reconciliation {
        var before: [PersonKey: Notice] = [:]
        for notice in previous where notice.measure.until >= asOf {
            before[notice.person] = notice
        }
        // Built once, in output order: serials are then numbered in that order, so the same inputs always give
        // the same numbers.
        let order = Notice.outputOrder(findings.map { ($0.assignment.community, $0.assignment.gridID, $0.measure.person) })
        var sequences: [String: Int] = [:]
        var prefix: (community: RegionCode?, text: String) = (nil, "")
        var notices: [Notice] = []
        notices.reserveCapacity(findings.count)
        for i in order {
            let f = findings[i]
            var notice = Notice(serial: "", status: .new, supersedes: nil, measure: f.measure, name: f.name, phone: f.phone, assignment: f.assignment)
            if let old = before[f.measure.person] {
                if old.measure.action == f.measure.action, old.measure.until == f.measure.until, old.assignment.community == f.assignment.community {
                    notice.status = .continuing
                    notice.serial = old.serial
                } else {
                    notice.status = .amended
                    notice.supersedes = old.serial
                }
            }
            if notice.serial.isEmpty {
                // Output order keeps a community's notices together: its prefix is built once.
                if prefix.community != notice.assignment.community || prefix.text.isEmpty {
                    prefix = (notice.assignment.community, Serial.prefix(community: notice.assignment.community, asOf: asOf))
                }
                let next = try (sequences[prefix.text] ?? lastSequence(prefix.text)) + 1
                sequences[prefix.text] = next
                notice.serial = Serial.make(prefix: prefix.text, sequence: next)
            }
            notices.append(notice)
        }

        let now = Set(findings.map(\.measure.person))
        let rescinded = before.values.filter { !now.contains($0.person) }.map {
            Rescission(serial: $0.serial, person: $0.person, name: $0.name, assignment: $0.assignment,
                       reason: "不再符合管控条件：行程或风险地区已变更 (no exposure under the current rules and stays)")
        }.sorted { $0.serial < $1.serial }
        return Reconciliation(notices: notices, rescinded: rescinded, sequences: sequences)
    }
}

/// Notice serial numbers: `<community, 12 digits>-<as-of YYYYMMDD>-<sequence>`, readable on paper and unique for ever.
public enum Serial {
    /// Unassigned people are numbered under `000000000000`.
    public static func prefix(community: RegionCode?, asOf: Day) -> String {
        "\(community?.twelveDigits ?? "000000000000")-\(asOf.compact)-"
    }

    public static func make(prefix: String, sequence: Int) -> String {
        let digits = String(sequence)
        return prefix + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
