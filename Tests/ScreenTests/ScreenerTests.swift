import Testing
import Machinery
import RiskModel
import Screen
import TestSupport

/// One row of the SPEC 2 table: stays of one person, designations, and the measure expected on 2020-02-06.
struct ScreenCase: CustomStringConvertible, Sendable {
    var description: String
    var stays: [(region: String, arrived: String, left: String)]
    var designations: [(region: String, level: RiskLevel, from: String, to: String?)]
    var policy: Policy = .example
    /// (action, level, region, last exposure, until), or nil for no measure.
    var expected: (Action, RiskLevel, String, String, String)?
}

let asOf = Day.of("2020-02-06")  // W = [2020-01-23, 2020-02-06]

let cases: [ScreenCase] = [
    ScreenCase(description: "direct: a stay inside a designated city",
               stays: [("330302", "2020-01-24", "2020-01-25")], designations: [("3303", .medium, "2020-01-01", nil)],
               expected: (.homeQuarantine, .medium, "3303", "2020-01-25", "2020-02-08")),
    ScreenCase(description: "direct: the region itself counts as containing itself",
               stays: [("3303", "2020-01-25", "2020-01-25")], designations: [("3303", .medium, "2020-01-01", nil)],
               expected: (.homeQuarantine, .medium, "3303", "2020-01-25", "2020-02-08")),
    ScreenCase(description: "coarse: a stay known only at the province of a high-risk city gives the coarse level",
               stays: [("42", "2020-01-30", "2020-01-30")], designations: [("4201", .high, "2020-01-01", nil)],
               expected: (.healthMonitoring, .low, "4201", "2020-01-30", "2020-02-06")),
    ScreenCase(description: "coarse = none gives no exposure",
               stays: [("33", "2020-02-01", "2020-02-01")], designations: [("3303", .low, "2020-01-01", nil)],
               expected: nil),
    ScreenCase(description: "until exactly the as-of date is still in force",
               stays: [("330111", "2020-01-30", "2020-01-30")], designations: [("330111", .low, "2020-01-01", nil)],
               expected: (.healthMonitoring, .low, "330111", "2020-01-30", "2020-02-06")),
    ScreenCase(description: "until the day before the as-of date is dropped",
               stays: [("330111", "2020-01-29", "2020-01-29")], designations: [("330111", .low, "2020-01-01", nil)],
               expected: nil),
    ScreenCase(description: "window start A - lookback is inside the window",
               stays: [("4201", "2020-01-10", "2020-01-23")], designations: [("4201", .high, "2020-01-01", nil)],
               expected: (.centralizedQuarantine, .high, "4201", "2020-01-23", "2020-02-06")),
    ScreenCase(description: "a stay ending the day before the window gives nothing",
               stays: [("4201", "2020-01-10", "2020-01-22")], designations: [("4201", .high, "2020-01-01", nil)],
               expected: nil),
    ScreenCase(description: "the last exposure day is cut by the designation's end",
               stays: [("330302", "2020-01-20", "2020-02-05")], designations: [("3303", .medium, "2020-01-01", "2020-01-24")],
               expected: (.homeQuarantine, .medium, "3303", "2020-01-24", "2020-02-07")),
    ScreenCase(description: "a designation starting after the stay gives nothing",
               stays: [("330302", "2020-01-24", "2020-01-25")], designations: [("3303", .medium, "2020-01-26", nil)],
               expected: nil),
    ScreenCase(description: "a stay in a sibling region gives nothing",
               stays: [("330303", "2020-01-25", "2020-01-25")], designations: [("330302", .high, "2020-01-01", nil)],
               expected: nil),
    ScreenCase(description: "the most severe action wins over a later until",
               stays: [("330302", "2020-01-24", "2020-01-24"), ("330111", "2020-02-05", "2020-02-05")],
               designations: [("3303", .medium, "2020-01-01", nil), ("330111", .low, "2020-01-01", nil)],
               expected: (.homeQuarantine, .medium, "3303", "2020-01-24", "2020-02-07")),
    ScreenCase(description: "same action: the later until wins",
               stays: [("330302", "2020-01-24", "2020-01-24"), ("420102", "2020-01-26", "2020-01-26")],
               designations: [("3303", .medium, "2020-01-01", nil), ("4201", .medium, "2020-01-01", nil)],
               expected: (.homeQuarantine, .medium, "4201", "2020-01-26", "2020-02-09")),
    ScreenCase(description: "same action and until: the higher level wins",
               stays: [("330302001", "2020-01-25", "2020-01-25")],
               designations: [("330302", .medium, "2020-01-01", nil), ("3303", .high, "2020-01-01", nil)],
               policy: Policy(name: "flat", lookbackDays: 14, levels: [
                   .high: LevelRule(action: .homeQuarantine, days: 14, coarse: nil),
                   .medium: LevelRule(action: .homeQuarantine, days: 14, coarse: nil),
                   .low: LevelRule(action: .healthMonitoring, days: 7, coarse: nil),
               ]),
               expected: (.homeQuarantine, .high, "3303", "2020-01-25", "2020-02-08")),
    ScreenCase(description: "same action, until and level: the smaller region code wins",
               stays: [("330302001", "2020-01-25", "2020-01-25")],
               designations: [("330302", .high, "2020-01-01", nil), ("3303", .high, "2020-01-01", nil)],
               expected: (.centralizedQuarantine, .high, "3303", "2020-01-25", "2020-02-08")),
    ScreenCase(description: "a level whose action is none gives no measure",
               stays: [("330302", "2020-01-25", "2020-01-25")], designations: [("3303", .low, "2020-01-01", nil)],
               policy: Policy(name: "none", lookbackDays: 14, levels: [
                   .high: LevelRule(action: .centralizedQuarantine, days: 14, coarse: .low),
                   .medium: LevelRule(action: .homeQuarantine, days: 14, coarse: .low),
                   .low: LevelRule(action: .none, days: 0, coarse: nil),
               ]),
               expected: nil),
]

@Suite struct ScreenerTests {
    @Test(arguments: cases)
    func screensOnePerson(_ c: ScreenCase) {
        let person = PersonKey.cn("33011119800101123")
        let designations = c.designations.enumerated().map { i, d in
            Designation(region: .of(d.region), regionName: d.region, level: d.level, from: .of(d.from), to: d.to.map(Day.of), line: i + 2)
        }
        let stays = c.stays.enumerated().map { i, s in
            Stay(person: person, region: .of(s.region), arrived: .of(s.arrived), left: .of(s.left), identity: UInt64(i))
        }
        let result = Screener(policy: c.policy, designations: designations, asOf: asOf).screen(stays, workers: .one)
        guard let expected = c.expected else {
            #expect(result.isEmpty)
            return
        }
        let got = result[person]
        #expect(got?.action == expected.0)
        #expect(got?.level == expected.1)
        #expect(got?.region == .of(expected.2))
        #expect(got?.lastExposure == .of(expected.3))
        #expect(got?.until == .of(expected.4))
    }

    /// SPEC 2 read literally: every stay against every designation, the winner by `beats`.
    static func screenByScanning(_ stays: [Stay], _ designations: [Designation], policy: Policy) -> [PersonKey: Candidate] {
        let window = DayRange(asOf - policy.lookbackDays, asOf)
        var best: [PersonKey: Candidate] = [:]
        for stay in stays {
            for d in designations {
                let direct = d.region.contains(stay.region)
                guard direct || stay.region.contains(d.region) else { continue }
                let exposed = stay.days.intersection(window).intersection(d.days)
                guard !exposed.isEmpty, let level = direct ? d.level : policy.rule(d.level).coarse else { continue }
                let rule = policy.rule(level)
                let until = exposed.last + rule.days
                guard rule.action != .none, until >= asOf else { continue }
                let candidate = Candidate(action: rule.action, until: until, level: level, region: d.region,
                                          lastExposure: exposed.last, direct: direct, stay: stay.region, designatedLevel: d.level)
                if let current = best[stay.person], !candidate.beats(current) { continue }
                best[stay.person] = candidate
            }
        }
        return best
    }

    /// A rule file of 1,500 designations of counties, towns and villages, nested and overlapping, so the region index
    /// holds many codes (and codes that share a slot): the index must find exactly what a scan of the file finds.
    @Test func findsWhatAScanOfEveryDesignationFinds() {
        var random = SplitMix64(seed: 2020)
        // A province, its cities, counties, towns and villages; designations mostly at towns and villages (as
        // a province's rule file has them), stays at every level, so stays meet designations both ways.
        func region(lengths: [Int]) -> RegionCode {
            let parts = [(33, 10_000_000_000), (1 + random.below(6), 100_000_000), (1 + random.below(10), 1_000_000),
                         (1 + random.below(30), 1_000), (1 + random.below(40), 1)]
            let village = RegionCode(padded: UInt64(parts.reduce(0) { $0 + $1.0 * $1.1 }), length: 12)
            return village.truncated(to: lengths[random.below(lengths.count)])
        }
        let levels: [RiskLevel] = [.low, .medium, .high]
        let designated = [6] + Array(repeating: 9, count: 30) + Array(repeating: 12, count: 69)
        let designations = (0..<1_500).map { i in
            let from = Day.of("2020-01-05") + random.below(40)
            return Designation(region: region(lengths: designated), regionName: "", level: levels[random.below(3)],
                               from: from, to: random.below(3) == 0 ? nil : from + random.below(10), line: i + 2)
        }
        let stays = (0..<5_000).map { i in
            let arrived = Day.of("2020-01-10") + random.below(30)
            return Stay(person: PersonKey(cnDigits: UInt64(33011119800101000 + random.below(2_000))),
                        region: region(lengths: RegionCode.levels), arrived: arrived, left: arrived + random.below(4),
                        identity: UInt64(i))
        }
        // Coarse matches count only where the policy gives a coarse level, so both kinds of policy are tried.
        let directOnly = Policy(name: "no coarse", lookbackDays: 14, levels: Policy.example.levels.mapValues {
            LevelRule(action: $0.action, days: $0.days, coarse: nil)
        })
        let byScan = Self.screenByScanning(stays, designations, policy: .example)
        let directByScan = Self.screenByScanning(stays, designations, policy: directOnly)
        #expect(byScan.values.filter { !$0.direct }.count > 100 && directByScan.count > 100)
        #expect(Screener(policy: .example, designations: designations, asOf: asOf).screen(stays, workers: .one) == byScan)
        #expect(Screener(policy: directOnly, designations: designations, asOf: asOf).screen(stays, workers: .one) == directByScan)
    }

    /// Screening cut into slices on several workers gives what one pass over every stay gives.
    @Test(arguments: [2, 3, 8])
    func screensManyPeopleOnSeveralWorkersLikeOne(workers: Int) {
        let designations = [Designation(region: .of("4201"), regionName: "武汉市", level: .high, from: .of("2020-01-01"), to: nil, line: 2)]
        var stays: [Stay] = []
        for i in 0..<250_000 {
            let region: RegionCode = i % 7 == 0 ? .of("420102") : .of("330111")
            stays.append(Stay(person: PersonKey(cnDigits: UInt64(33011119800101000 + i % 50_000)), region: region,
                              arrived: .of("2020-01-20") + (i % 15), left: .of("2020-01-20") + (i % 15), identity: UInt64(i)))
        }
        let screener = Screener(policy: .example, designations: designations, asOf: asOf)
        var single: [PersonKey: Candidate] = [:]
        stays.withUnsafeBufferPointer { screener.screen($0, into: &single) }
        let parallel = screener.screen(stays, workers: Workers(workers))
        #expect(parallel == single)
        #expect(!single.isEmpty)
        // A store of uneven parts (a big stored run, a night's small chunks, an empty one) is cut across parts.
        let cuts = [0, 180_000, 180_000, 181_000, 199_999, 250_000]
        let parts = StayParts(parts: zip(cuts, cuts.dropFirst()).map { StayParts.Part(stays: Array(stays[$0..<$1]), contacts: ContactBook()) })
        #expect(screener.screen(parts, workers: Workers(workers)) == single)
    }

    @Test func explainsEveryExposureOfAStay() {
        let designations = [
            Designation(region: .of("3303"), regionName: "温州市", level: .medium, from: .of("2020-01-01"), to: nil, line: 2),
            Designation(region: .of("330302"), regionName: "鹿城区", level: .low, from: .of("2020-01-01"), to: nil, line: 3),
            Designation(region: .of("4201"), regionName: "武汉市", level: .high, from: .of("2020-01-01"), to: nil, line: 4),
        ]
        let stay = Stay(person: .cn("33011119800101123"), region: .of("330302"), arrived: .of("2020-01-24"), left: .of("2020-01-24"), identity: 1)
        let exposures = Screener(policy: .example, designations: designations, asOf: asOf).exposures(of: stay)
        #expect(exposures.map(\.designation.regionName).sorted() == ["温州市", "鹿城区"])
        // The low-level one ends 2020-01-31, before the as-of date: an exposure with no candidate.
        #expect(exposures.first { $0.designation.regionName == "鹿城区" }?.candidate == nil)
        #expect(exposures.first { $0.designation.regionName == "温州市" }?.candidate?.action == .homeQuarantine)
    }

    /// SPEC 6: among the stays that gave the reported exposure, the most specific stay region is reported, then the
    /// smallest code; a coarse exposure reports the region the stay is known at and the designation's own level.
    @Test(arguments: [
        (["4201", "420102", "42"], "420102"), (["420103", "420102"], "420102"), (["420102001", "420103"], "420102001"),
    ])
    func reportsTheMostSpecificStayRegion(stays regions: [String], expected: String) {
        let person = PersonKey.cn("33011119800101123")
        let designations = [Designation(region: .of("4201"), regionName: "武汉市", level: .high, from: .of("2020-01-01"), to: nil, line: 2)]
        // Every stay on the same day, so each direct stay gives the same (level, region, last exposure day).
        let stays = regions.enumerated().map { i, r in
            Stay(person: person, region: .of(r), arrived: .of("2020-02-01"), left: .of("2020-02-01"), identity: UInt64(i))
        }
        for order in [stays, stays.reversed()] {
            let got = Screener(policy: .example, designations: designations, asOf: asOf).screen(order, workers: .one)[person]
            #expect(got?.stay == .of(expected) && got?.direct == true && got?.region == .of("4201"))
        }
    }

    @Test func aCoarseExposureKeepsTheStayRegionAndTheDesignatedLevel() {
        let person = PersonKey.cn("33011119800101123")
        let designations = [Designation(region: .of("4201"), regionName: "武汉市", level: .high, from: .of("2020-01-01"), to: nil, line: 2)]
        let stays = [Stay(person: person, region: .of("42"), arrived: .of("2020-02-01"), left: .of("2020-02-01"), identity: 1)]
        let got = Screener(policy: .example, designations: designations, asOf: asOf).screen(stays, workers: .one)[person]
        #expect(got?.direct == false && got?.stay == .of("42") && got?.level == .low && got?.designatedLevel == .high)
    }
}
