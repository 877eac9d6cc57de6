import Lifecycle
import Screen
import RiskModel
import Machinery
import Testing
import TestSupport

/// What a person had after the last run or has now: action, until and community (nil: unassigned).
struct Held: Sendable, CustomStringConvertible {
    var action: Action
    var until: String
    var community: String?
    var description: String { "\(action) until \(until) in \(community ?? "no community")" }
}

func finding(_ person: PersonKey, _ h: Held) -> Finding {
    let m = Measure(person: person, action: h.action, level: .high, region: .of("4201"), regionName: "武汉市",
                    lastExposure: .of(h.until) - 14, until: .of(h.until))
    let a = h.community.map { Assignment(community: .of($0), communityName: "社区", gridID: "G1", address: "") } ?? .unassigned
    return Finding(measure: m, name: "张三", phone: "", assignment: a)
}

func notice(_ person: PersonKey, _ h: Held, serial: String) -> Notice {
    let f = finding(person, h)
    return Notice(serial: serial, status: .new, supersedes: nil, measure: f.measure, name: f.name, phone: f.phone, assignment: f.assignment)
}

extension Reconciler {
    /// Reconciles against whole notices in force, as `Store.noticesInForce` gives them (the tests' previous runs).
    static func reconcile(_ findings: [Finding], previous: [Notice], asOf: Day,
                          lastSequence: (String) throws -> Int) rethrows -> Reconciliation {
        let bySerial = Dictionary(previous.map { ($0.serial, $0) }, uniquingKeysWith: { first, _ in first })
        return try reconcile(findings, previous: previous.map(PriorNotice.init), asOf: asOf, workers: Workers(2), lastSequence: lastSequence,
                             notices: { serials in serials.compactMap { bySerial[$0] } },
                             lastPrinted: { Dictionary(uniqueKeysWithValues: $0.map { ($0, $0) }) })
    }
}

/// SPEC 3 statuses of one person against the last committed run.
@Suite struct ReconcilerTests {
    enum Outcome: Equatable { case new, amended, continuing, rescinded, nothing }

    static let xixi = "330106001001", cuiyuan = "330106002002"
    static let cases: [(before: Held?, now: Held?, outcome: Outcome)] = [
        (nil, Held(action: .homeQuarantine, until: "2020-02-10", community: xixi), .new),
        (Held(action: .homeQuarantine, until: "2020-02-10", community: xixi), Held(action: .homeQuarantine, until: "2020-02-10", community: xixi), .continuing),
        (Held(action: .homeQuarantine, until: "2020-02-10", community: xixi), Held(action: .centralizedQuarantine, until: "2020-02-10", community: xixi), .amended),
        (Held(action: .homeQuarantine, until: "2020-02-10", community: xixi), Held(action: .homeQuarantine, until: "2020-02-12", community: xixi), .amended),
        (Held(action: .homeQuarantine, until: "2020-02-10", community: xixi), Held(action: .homeQuarantine, until: "2020-02-10", community: cuiyuan), .amended),
        (Held(action: .homeQuarantine, until: "2020-02-10", community: nil), Held(action: .homeQuarantine, until: "2020-02-10", community: xixi), .amended),
        (Held(action: .homeQuarantine, until: "2020-02-10", community: xixi), Held(action: .homeQuarantine, until: "2020-02-10", community: nil), .amended),
        // In force on its last day: still compared, still rescinded.
        (Held(action: .homeQuarantine, until: "2020-02-07", community: xixi), Held(action: .homeQuarantine, until: "2020-02-07", community: xixi), .continuing),
        (Held(action: .homeQuarantine, until: "2020-02-07", community: xixi), nil, .rescinded),
        // Ended before the as-of date: a measure now is new, none now is nothing.
        (Held(action: .homeQuarantine, until: "2020-02-06", community: xixi), Held(action: .homeQuarantine, until: "2020-02-20", community: xixi), .new),
        (Held(action: .homeQuarantine, until: "2020-02-06", community: xixi), nil, .nothing),
        (Held(action: .homeQuarantine, until: "2020-02-10", community: nil), nil, .rescinded),
    ]

    @Test(arguments: cases.indices)
    func statusAgainstTheLastRun(index: Int) throws {
        let c = Self.cases[index]
        let p = PersonKey.cn("33010619800101001")
        let oldSerial = "330106001001-20200201-0007"
        let previous = c.before.map { [notice(p, $0, serial: oldSerial)] } ?? []
        let findings = c.now.map { [finding(p, $0)] } ?? []
        let r = Reconciler.reconcile(findings, previous: previous, asOf: .of("2020-02-07"), lastSequence: { _ in 0 })
        let outcome: Outcome = r.rescinded.isEmpty ? (r.notices.first.map { Outcome(rawStatus: $0.status) } ?? .nothing) : .rescinded
        #expect(outcome == c.outcome, "\(c.before.map(String.init(describing:)) ?? "nothing") → \(c.now.map(String.init(describing:)) ?? "nothing")")
        switch outcome {
        case .continuing:
            #expect(r.notices[0].serial == oldSerial)
            #expect(r.issued.isEmpty && r.sequences.isEmpty)
        case .amended:
            #expect(r.notices[0].supersedes == oldSerial)
            #expect(r.notices[0].serial != oldSerial && r.notices[0].serial.hasSuffix("-20200207-0001"))
        case .new:
            #expect(r.notices[0].supersedes == nil)
        case .rescinded:
            #expect(r.rescinded.map(\.serial) == [oldSerial])
            #expect(r.notices.isEmpty)
        case .nothing:
            #expect(r.notices.isEmpty)
        }
    }

    /// SPEC 7: a measure in force after the last run that ended before the as-of day, of a person without a measure
    /// now, is released; one that had a printed notice gets a release notice numbered after the night's notices.
    @Test func endedMeasuresAreReleasedAndNumberedAfterTheNightsNotices() throws {
        let (ended, unprinted, back, now) = (PersonKey.cn("33010619800101001"), PersonKey.cn("33010619800101002"),
                                            PersonKey.cn("33010619800101003"), PersonKey.cn("33010619800101004"))
        let h = { (until: String) in Held(action: .homeQuarantine, until: until, community: Self.xixi) }
        let previous = [notice(ended, h("2020-02-06"), serial: "330106001001-20200123-0001"),
                        notice(unprinted, h("2020-02-05"), serial: "330106001001-20200122-0001"),
                        notice(back, h("2020-02-06"), serial: "330106001001-20200123-0002")]
        // `back` has a new exposure tonight: a new measure, not a release.
        let findings = [finding(back, h("2020-02-20")), finding(now, h("2020-02-21"))]
        let bySerial = Dictionary(uniqueKeysWithValues: previous.map { ($0.serial, $0) })
        let r = try Reconciler.reconcile(findings, previous: previous.map(PriorNotice.init), asOf: .of("2020-02-07"), workers: Workers(2),
                                         lastSequence: { _ in 0 }, notices: { $0.compactMap { bySerial[$0] } },
                                         lastPrinted: { serials in
                                             Dictionary(uniqueKeysWithValues: serials.filter { $0 != "330106001001-20200122-0001" }.map { ($0, $0) })
                                         })
        #expect(r.notices.map(\.status) == [.new, .new])
        #expect(r.released.map(\.ended.serial) == ["330106001001-20200123-0001", "330106001001-20200122-0001"])
        #expect(r.released.map(\.releaseSerial) == ["330106001001-20200207-0003", nil])
        #expect(r.released.map(\.lastPrinted) == ["330106001001-20200123-0001", nil])
        #expect(r.sequences["330106001001-20200207-"] == 3)
        #expect(r.rescinded.isEmpty)
    }

    @Test func serialsFollowOutputOrderAndContinueTheStoredSequence() {
        let people = (1...3).map { PersonKey.cn("3301061980010100\($0)") }
        let visitor = PersonKey.cn("11010119900101001")
        let h = Held(action: .homeQuarantine, until: "2020-02-20", community: Self.xixi)
        let findings = [finding(visitor, Held(action: .homeQuarantine, until: "2020-02-20", community: nil))] + people.reversed().map { finding($0, h) }
        let r = Reconciler.reconcile(findings, previous: [], asOf: .of("2020-02-07")) { prefix in
            prefix == "330106001001-20200207-" ? 41 : 0
        }
        #expect(r.notices.map(\.serial) == [
            "330106001001-20200207-0042", "330106001001-20200207-0043", "330106001001-20200207-0044", "000000000000-20200207-0001",
        ])
        #expect(r.notices.map(\.person) == people + [visitor])
        #expect(r.sequences == ["330106001001-20200207-": 44, "000000000000-20200207-": 1])
        // The same findings in another order give the same numbers.
        let again = Reconciler.reconcile(findings.reversed(), previous: [], asOf: .of("2020-02-07")) { $0 == "330106001001-20200207-" ? 41 : 0 }
        #expect(again.notices == r.notices)
    }

    /// A night of 20,000 people over four communities and the unassigned, a third of them carried from the last
    /// run (every third of those amended, one in five no longer found and rescinded), gets the statuses, serials
    /// and stored sequences that walking the output order gives, and a run's sequence continues the stored one.
    @Test func aNightOfTwentyThousandIsNumberedInOutputOrder() {
        let communities: [String?] = ["330106001001", "330106001002", "330106002001", nil, "330106002002"]
        let people = (0..<20_000).map { PersonKey.cn(String(33_010_619_800_101_000 + $0 * 7 % 20_000 + 1_000_000)) }
        func held(_ i: Int, amended: Bool = false) -> Held {
            Held(action: .homeQuarantine, until: amended ? "2020-02-22" : "2020-02-20", community: communities[i % communities.count])
        }
        // The last run held every third person, and some the night no longer finds.
        var previous: [Notice] = []
        for i in stride(from: 0, to: people.count, by: 3) {
            previous.append(notice(people[i], held(i), serial: "OLD-\(i)"))
        }
        let dropped = Set(stride(from: 0, to: people.count, by: 15))
        let findings = people.indices.filter { !dropped.contains($0) }.map { i in finding(people[i], held(i, amended: i % 9 == 0)) }
        let r = Reconciler.reconcile(findings, previous: previous, asOf: .of("2020-02-07")) { $0.hasPrefix("330106001002") ? 500 : 0 }

        // Expected by walking the output order: carried serials stay, the others count on per community.
        let indexOf = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1, $0) })
        var next: [String: Int] = [:]
        for n in r.notices {
            let i = indexOf[n.person]!
            let prefix = Serial.prefix(community: n.assignment.community, asOf: .of("2020-02-07"))
            if i % 3 == 0 && i % 9 != 0 {
                #expect(n.status == .continuing && n.serial == "OLD-\(i)" && n.supersedes == nil)
                continue
            }
            #expect(n.status == (i % 3 == 0 ? .amended : .new))
            #expect(n.supersedes == (i % 3 == 0 ? "OLD-\(i)" : nil))
            let number = next[prefix, default: prefix.hasPrefix("330106001002") ? 500 : 0] + 1
            next[prefix] = number
            #expect(n.serial == Serial.make(prefix: prefix, sequence: number))
        }
        #expect(r.notices.count == findings.count)
        #expect(r.notices == Notice.inOutputOrder(r.notices))
        #expect(r.sequences == next)
        #expect(Set(r.rescinded.map(\.serial)) == Set(dropped.filter { $0 % 3 == 0 }.map { "OLD-\($0)" }))
    }

    @Test func serialsGrowPastFourDigits() {
        #expect(Serial.make(prefix: "330106001001-20200207-", sequence: 7) == "330106001001-20200207-0007")
        #expect(Serial.make(prefix: "330106001001-20200207-", sequence: 12345) == "330106001001-20200207-12345")
        #expect(Serial.prefix(community: .of("330106001"), asOf: .of("2020-02-07")) == "330106001000-20200207-")
    }

    /// Serials are written digit by digit: at every width boundary they match the zero-padded decimal text.
    @Test(arguments: [1, 9, 10, 999, 1000, 9999, 10000, 99999, 100000, 999_999_999, 1_000_000_000, Int.max])
    func serialDigitsMatchTheDecimalText(sequence: Int) {
        let digits = String(sequence)
        #expect(Serial.make(prefix: "000000000000-20200207-", sequence: sequence)
                == "000000000000-20200207-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits)
    }
}

extension ReconcilerTests.Outcome {
    init(rawStatus: NoticeStatus) {
        switch rawStatus {
        case .new: self = .new
        case .amended: self = .amended
        case .continuing: self = .continuing
        }
    }
}
