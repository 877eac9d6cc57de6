@testable import Lifecycle
import RiskModel
import Testing
import TestSupport

/// SPEC 8: where each notice in force stands in its delivery, and what the office must chase.
@Suite struct FollowUpTests {
    let resident = PersonKey.cn("33010619800101001")

    func continuing(_ serial: String, until: String = "2020-02-15", community: String? = "330106001001") -> Notice {
        var n = notice(resident, Held(action: .homeQuarantine, until: until, community: community), serial: serial)
        n.status = .continuing
        return n
    }

    @Test(arguments: [
        // (as-of, delivery_days, expected): issued 02-06, nothing reported.
        ("2020-02-06", 1, DeliveryState.pending),
        ("2020-02-07", 1, .pending),  // one as-of day after: not more than delivery_days
        ("2020-02-08", 1, .overdue),
        ("2020-02-07", 0, .overdue),
        ("2020-02-09", 3, .pending),
        ("2020-02-10", 3, .overdue),
    ])
    func aNoticeWithNothingReportedIsOverdueMoreThanDeliveryDaysAfterItsIssue(asOf: String, days: Int, expected: DeliveryState) {
        let n = continuing("S1")
        let f = FollowUp(notices: [n], prior: ["S1": NoticeDelivery(issuedOn: .of("2020-02-06"), delivery: nil)], asOf: .of(asOf), deliveryDays: days)
        #expect(f.entries[0]?.state == expected)
        #expect(f.needingAction == (expected == .overdue ? [0] : []))
    }

    @Test func aRecordedOutcomeDecidesTheStateAndOnlyDeliveredNeedsNothing() {
        let outcomes: [DeliveryOutcome] = [.delivered, .refused, .notFound, .left]
        let notices = outcomes.indices.map { continuing("S\($0)") }
        var prior: [String: NoticeDelivery] = [:]
        for (i, o) in outcomes.enumerated() {
            prior["S\(i)"] = NoticeDelivery(issuedOn: .of("2020-02-06"), delivery: RecordedDelivery(outcome: o, date: .of("2020-02-07")))
        }
        let f = FollowUp(notices: notices, prior: prior, asOf: .of("2020-02-10"), deliveryDays: 1)
        #expect(f.entries.map { $0?.state } == [.delivered, .refused, .notFound, .left])
        #expect(f.needingAction == [1, 2, 3])
        #expect(f.total.issued == 4 && f.total.delivered == 1 && f.total.refused == 1 && f.total.notFound == 1 && f.total.left == 1)
        #expect(f.deliveries(notices)["S1"] == RecordedDelivery(outcome: .refused, date: .of("2020-02-07")))
    }

    @Test func aNewNoticeThatSupersedesADeliveredOneStartsPendingAgain() {
        var amended = notice(resident, Held(action: .centralizedQuarantine, until: "2020-02-20", community: "330106001001"), serial: "S2")
        amended.status = .amended
        amended.supersedes = "S1"
        let prior = ["S1": NoticeDelivery(issuedOn: .of("2020-02-06"), delivery: RecordedDelivery(outcome: .delivered, date: .of("2020-02-06")))]
        let f = FollowUp(notices: [amended], prior: prior, asOf: .of("2020-02-08"), deliveryDays: 1)
        #expect(f.entries[0] == FollowUp.Entry(issuedOn: .of("2020-02-08"), delivery: nil, state: .pending))
        #expect(f.deliveries([amended]).isEmpty)
    }

    @Test func aMeasureEndingOnItsIssueDayHasNoPaperToFollowUp() {
        let ending = notice(resident, Held(action: .homeQuarantine, until: "2020-02-08", community: "330106001001"), serial: "S1")
        let f = FollowUp(notices: [ending], prior: [:], asOf: .of("2020-02-08"), deliveryDays: 0)
        #expect(f.entries == [nil])
        #expect(f.total.issued == 0)
    }

    @Test func countsAreKeptPerCommunityAndUnassignedApart() {
        let notices = [continuing("S1"), continuing("S2", community: nil), continuing("S3", community: nil)]
        let prior = Dictionary(uniqueKeysWithValues: ["S1", "S2", "S3"].map { ($0, NoticeDelivery(issuedOn: .of("2020-02-06"), delivery: nil)) })
        let f = FollowUp(notices: notices, prior: prior, asOf: .of("2020-02-09"), deliveryDays: 1)
        #expect(f.byCommunity[RegionCode.of("330106001001")]?.overdue == 1)
        #expect(f.byCommunity[nil]?.overdue == 2)
        #expect(f.total.overdue == 3)
    }
}
