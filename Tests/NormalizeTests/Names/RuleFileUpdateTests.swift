import RiskModel
import Testing
import TestSupport
@testable import Normalize

@Suite struct RuleFileUpdateTests {
    static let day = Day.of("2022-05-25")

    static func row(_ code: String, _ name: String, _ level: RiskLevel, _ from: String, _ to: String? = nil, line: Int = 0) -> Designation {
        Designation(region: .of(code), regionName: name, level: level, from: .of(from), to: to.map(Day.of), line: line)
    }

    static func listed(_ code: String, _ name: String, _ level: RiskLevel, line: Int = 0) -> AnnouncedRegion {
        AnnouncedRegion(region: .of(code), name: name, level: level, line: line)
    }

    /// Yesterday's file: one row of each case.
    static let previous = [
        row("110105", "北京市朝阳区", .high, "2022-05-10", line: 2),               // downgraded
        row("110106", "北京市丰台区", .medium, "2022-05-12", line: 3),             // upgraded
        row("110108", "北京市海淀区", .medium, "2022-05-15", line: 4),             // lifted
        row("110111", "北京市房山区", .high, "2022-05-01", line: 5),               // same level: kept
        row("110101", "北京市东城区", .low, "2022-04-01", "2022-04-30", line: 6),  // over: kept
        row("110112", "北京市通州区", .medium, "2022-05-25", line: 7),             // starts today, not listed
    ]

    static let announced = [
        listed("110105", "北京市朝阳区", .medium, line: 10),
        listed("110106", "北京市丰台区", .high, line: 5),
        listed("110111", "北京市房山区", .high, line: 6),
        listed("110115", "北京市大兴区", .low, line: 20),                           // new
    ]

    @Test func closesChangesKeepsAndOpensRows() {
        let update = RuleFileUpdate.make(previous: Self.previous, announced: Self.announced, on: Self.day)
        let day = "2022-05-25", closed = "2022-05-24"
        #expect(update.designations == [
            Self.row("110105", "北京市朝阳区", .high, "2022-05-10", closed, line: 2),
            Self.row("110106", "北京市丰台区", .medium, "2022-05-12", closed, line: 3),
            Self.row("110108", "北京市海淀区", .medium, "2022-05-15", closed, line: 4),
            Self.row("110111", "北京市房山区", .high, "2022-05-01", line: 5),
            Self.row("110101", "北京市东城区", .low, "2022-04-01", "2022-04-30", line: 6),
            // New rows by level, then code, whatever the announcement's order.
            Self.row("110106", "北京市丰台区", .high, day, line: 7),
            Self.row("110105", "北京市朝阳区", .medium, day, line: 8),
            Self.row("110115", "北京市大兴区", .low, day, line: 9),
        ])
        // Closing the row that starts today would end it before it begins: it is left out.
        #expect(update.withdrawn == [Self.previous[5]])
        #expect(update.conflicts.isEmpty)

        let changes = update.changes
        #expect(changes.added.map(\.region) == [.of("110115")])
        #expect(changes.lifted.map(\.region) == [.of("110108"), .of("110112")])
        #expect(changes.changed.map { [$0.region.canonical, $0.before?.code, $0.after?.code] }
            == [["110106", "medium", "high"], ["110105", "high", "medium"]])
        #expect(changes.unchanged == 1)
        #expect(changes.description == """
            added, low (1): 北京市大兴区 (110115)
            lifted, medium (2): 北京市海淀区 (110108), 北京市通州区 (110112)
            changed to high (1): 北京市丰台区 (110106) medium → high
            changed to medium (1): 北京市朝阳区 (110105) high → medium
            1 region unchanged on 2022-05-25
            """)
        #expect(changes.chinese == """
            新增低风险地区 1 个：北京市大兴区（110115）
            解除中风险地区 2 个：北京市海淀区（110108）、北京市通州区（110112）
            调整为高风险地区 1 个：北京市丰台区（110106）中风险 → 高风险
            调整为中风险地区 1 个：北京市朝阳区（110105）高风险 → 中风险
            2022年5月25日等级未变的地区 1 个
            """)
    }

    @Test func aFromDayBeforeTheAnnouncementClosesTheDayBeforeIt() {
        let update = RuleFileUpdate.make(previous: Self.previous, announced: Self.announced, on: Self.day, from: .of("2022-05-23"))
        let closed = update.designations.filter { $0.to == .of("2022-05-22") }.map(\.region)
        #expect(closed == [.of("110105"), .of("110106"), .of("110108")])
        #expect(update.designations.filter { $0.from == .of("2022-05-23") }.map(\.region) == [.of("110106"), .of("110105"), .of("110115")])
        // The same level is kept as it was, from its own day.
        #expect(update.designations.contains(Self.row("110111", "北京市房山区", .high, "2022-05-01", line: 5)))
    }

    @Test func aFromDayAfterTheAnnouncementStillClosesBeforeIt() {
        let update = RuleFileUpdate.make(previous: Self.previous, announced: Self.announced, on: Self.day, from: .of("2022-05-26"))
        #expect(update.designations.filter { $0.to == .of("2022-05-24") }.count == 3)
        #expect(update.designations.filter { $0.from == .of("2022-05-26") }.count == 3)
    }

    @Test(arguments: [
        (RiskLevel.medium, RiskLevel.high, "upgrade"),
        (.high, .medium, "downgrade"),
        (.high, .low, "downgrade to low"),
    ])
    func aChangedLevelClosesTheOldRowAndOpensANewOne(before: RiskLevel, after: RiskLevel, what: String) {
        let update = RuleFileUpdate.make(
            previous: [Self.row("330382", "浙江省温州市乐清市", before, "2022-05-01", line: 2)],
            announced: [Self.listed("330382", "浙江省温州市乐清市", after)], on: Self.day)
        #expect(update.designations == [
            Self.row("330382", "浙江省温州市乐清市", before, "2022-05-01", "2022-05-24", line: 2),
            Self.row("330382", "浙江省温州市乐清市", after, "2022-05-25", line: 3),
        ])
        #expect(update.changes.changed == [.init(region: .of("330382"), name: "浙江省温州市乐清市", before: before, after: after)])
    }

    @Test func withoutAPreviousFileEveryRegionIsNew() {
        let update = RuleFileUpdate.make(previous: [], announced: Self.announced, on: Self.day)
        #expect(update.designations.map(\.line) == [2, 3, 4, 5])
        #expect(update.designations.allSatisfy { $0.from == Self.day && $0.to == nil })
        #expect(update.changes.added.map(\.region) == [.of("110106"), .of("110111"), .of("110105"), .of("110115")])
    }

    @Test func aRegionListedAtTwoLevelsIsDesignatedAtTheHigherAndReported() {
        let update = RuleFileUpdate.make(previous: [], announced: [
            Self.listed("110106", "北京市丰台区", .medium, line: 7),
            Self.listed("110106", "北京市丰台区", .high, line: 3),
            Self.listed("110106", "北京市丰台区", .high, line: 4),
        ], on: Self.day)
        #expect(update.designations.map(\.level) == [.high])
        #expect(update.conflicts.map(\.lines) == [[7, 3, 4]])
        #expect(update.conflicts.first?.description
            == "北京市丰台区 (110106) is listed at medium (line 7) and high (line 3) and high (line 4); designated high, the highest; correct the announcement if that is wrong")
    }

    // MARK: rules diff

    @Test func diffComparesTheRegionsInForceOnTheDay() {
        let old = Self.previous
        let new = RuleFileUpdate.make(previous: old, announced: Self.announced, on: Self.day).designations
        let changes = RulesDiff.between(old, new, on: Self.day)
        #expect(changes == RuleFileUpdate.make(previous: old, announced: Self.announced, on: Self.day).changes)
        // The day before, the new file says what the old one said.
        #expect(RulesDiff.between(old, new, on: Self.day - 1).isEmpty)
        #expect(RulesDiff.between(old, old, on: Self.day).description == "no change on 2022-05-25; 5 regions unchanged")
    }

    @Test func diffCountsARegionAtItsHighestLevelInForce() {
        let old = [Self.row("110106", "北京市丰台区", .low, "2022-05-01"), Self.row("110106", "北京市丰台区", .high, "2022-05-20")]
        let new = [Self.row("110106", "北京市丰台区", .low, "2022-05-01")]
        let changes = RulesDiff.between(old, new, on: Self.day)
        #expect(changes.changed(to: .low).map(\.before) == [.high])
        #expect(changes.added.isEmpty && changes.lifted.isEmpty)
    }
}
