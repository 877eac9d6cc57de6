import Machinery
import RiskModel
import Screen
import Testing

/// Names and places attached to measures: a resident's from the snapshot, a visitor's from their latest stay.
@Suite struct FindingsTests {
    let day = { (iso: String) in Day(iso: iso)! }
    let wuhan = RegionCode(canonicalizing: 420_100_000_000)

    func candidate() -> Candidate {
        Candidate(action: .homeQuarantine, until: day("2020-02-20"), level: .high, region: wuhan, lastExposure: day("2020-02-06"), direct: true)
    }

    func part(_ stays: [(PersonKey, String, String?)]) -> StayParts.Part {
        var contacts = ContactBook()
        let built = stays.enumerated().map { i, s in
            let contact = s.2.map { contacts.append(name: Array($0.utf8), phone: Array("1380000000\(i % 10)".utf8)) } ?? Stay.noContact
            return Stay(person: s.0, region: wuhan, arrived: day(s.1), left: day(s.1), identity: UInt64(i), contact: contact)
        }
        return StayParts.Part(stays: built, contacts: contacts)
    }

    @Test(arguments: [1, 2, 3])
    func aVisitorGetsTheContactOfTheLatestArrivingStayAndTheLaterStayOnATie(workers: Int) throws {
        let a = PersonKey(cnDigits: 33_010_619_800_101_001), b = PersonKey(cnDigits: 33_010_619_800_101_002)
        let c = PersonKey(cnDigits: 33_010_619_800_101_003)
        let stays = StayParts(parts: [
            part([(a, "2020-02-03", "甲三"), (b, "2020-02-01", "乙一"), (c, "2020-02-02", nil)]),
            part([(a, "2020-02-05", "甲五"), (b, "2020-02-01", "乙二"), (a, "2020-02-04", "甲四")]),
            part([(b, "2020-01-30", "乙旧"), (c, "2020-02-01", "丙一")]),
        ])
        let findings = Findings.attach([a: candidate(), b: candidate(), c: candidate()], designations: [], residents: ResidentTable(),
                                       stays: stays, workers: Workers(workers))
        let names = Dictionary(uniqueKeysWithValues: findings.map { ($0.measure.person, $0.name) })
        // a: latest arrival wins across parts; b: equal days, the later part's stay; c: the only stay with a contact.
        #expect(names == [a: "甲五", b: "乙二", c: "丙一"])
        #expect(findings.allSatisfy { $0.assignment == .unassigned })
    }
}
