import RiskModel
import Testing
import TestSupport

/// A stay packs its region, days and contact into two words: every value a feed can give comes back as it went in.
@Suite struct StayPackingTests {
    static let days = ["0001-01-01", "1969-12-31", "1970-01-01", "2020-02-29", "9999-12-31"]
    static let contacts: [UInt32] = [0, 1, 65_535, 65_536, 0x1234_5678, UInt32.max - 1, Stay.noContact]

    @Test(arguments: days, days)
    func everyDayOfYearsOneToNineThousandNineHundredNinetyNineComesBack(arrived: String, left: String) {
        let stay = Stay(person: .cn("33010619800101001"), region: .of("999999999999"), arrived: .of(arrived), left: .of(left),
                        identity: 7, contact: 65_536)
        #expect(stay.arrived == .of(arrived))
        #expect(stay.left == .of(left))
        #expect(stay.region == .of("999999999999"))
        #expect(stay.contact == 65_536)
        #expect(Stay.holds(.of(arrived)))
    }

    @Test(arguments: contacts)
    func contactsKeepAllThirtyTwoBitsAndChangeNothingElse(contact: UInt32) {
        var stay = Stay(person: .cn("33010619800101001"), region: .of("42"), arrived: .of("0001-01-01"), left: .of("9999-12-31"),
                        identity: UInt64.max, contact: contact)
        #expect(stay.contact == contact)
        stay.contact = ~contact
        #expect(stay.contact == ~contact)
        #expect(stay.region == .of("42") && stay.arrived == .of("0001-01-01") && stay.left == .of("9999-12-31") && stay.identity == UInt64.max)
        stay.region = .of("330106001002")
        stay.left = .of("2020-01-26")
        #expect(stay.contact == ~contact && stay.arrived == .of("0001-01-01"))
        #expect(stay == Stay(person: .cn("33010619800101001"), region: .of("330106001002"), arrived: .of("0001-01-01"),
                             left: .of("2020-01-26"), identity: UInt64.max, contact: ~contact))
    }

    @Test func aStayTakesFortyBytes() {
        #expect(MemoryLayout<Stay>.stride == 40)
    }

    /// Packed days run from 0001-01-01 for 2^22 days (to the year 11483): no day before, none after.
    @Test func daysBeforeYearOneOrPastTheTwentyTwoBitsDoNotPack() {
        #expect(!Stay.holds(Day(number: -719_163)))
        #expect(Stay.holds(Day(number: (1 << 22) - 1 - 719_162)))
        #expect(!Stay.holds(Day(number: (1 << 22) - 719_162)))
    }
}
