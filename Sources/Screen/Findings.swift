import Machinery
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

/// Attaches names and places to the winning candidates (SPEC 2): a person in the residence snapshot is assigned to
/// that resident's community and grid; anyone else is unassigned, named from their travel records.
public enum Findings {
    /// The findings of `best`, in no particular order: residents by their snapshot row, others from their stays.
    public static func attach(_ best: [PersonKey: Candidate], designations: [Designation], residents: ResidentTable,
                              stays: StayParts, workers: Workers) -> [Finding] {
        guard !best.isEmpty else { return [] }
        let names = designations.reduce(into: [RegionCode: String]()) { names, d in
            if names[d.region] == nil { names[d.region] = d.regionName }
        }
        // The winners' keys are the set of people, asked `contains` for each resident row.
        let people = best.keys
        let rows = residents.index(of: people, workers: workers)
        let contacts = visitorContacts(people.filter { rows[$0] == nil }, stays: stays, workers: workers)
        // Decoding names and places is most of this: the winners are split across the workers.
        let winners = Array(best)
        return workers.makeArray(count: winners.count, atLeast: 1024) { i in
            let (person, c) = winners[i]
            let measure = Measure(person: person, action: c.action, level: c.level, region: c.region,
                                  regionName: names[c.region] ?? "", lastExposure: c.lastExposure, until: c.until,
                                  exposure: c.direct ? .direct : .coarse, stayRegion: c.stay, designatedLevel: c.designatedLevel)
            if let row = rows[person] {
                let r = residents.resident(at: row)
                return Finding(measure: measure, name: r.name, phone: r.phone,
                               assignment: Assignment(community: r.community, communityName: r.communityName, gridID: r.gridID, address: r.address))
            }
            let contact = contacts[person].flatMap { stays.parts[Int($0.part)].contacts.entry($0.contact) }
            return Finding(measure: measure, name: contact?.name ?? "", phone: contact?.phone ?? "", assignment: .unassigned)
        }
    }

    /// Where each visitor's name and phone are: the contact of their latest-arriving stay that has one (residents'
    /// stays keep none); on equal days the later stay's. Decoded by the caller, on all workers.
    ///
    /// The parts are scanned on all workers, each listing its matches, and the lists are then replayed in order,
    /// so the result does not depend on how the work was shared.
    static func visitorContacts(_ visitors: [PersonKey], stays: StayParts, workers: Workers) -> [PersonKey: (part: Int32, contact: UInt32)] {
        guard !visitors.isEmpty else { return [:] }
        let slotOf = visitors.enumerated().reduce(into: [PersonKey: Int32](minimumCapacity: visitors.count)) { $0[$1.element] = Int32($1.offset) }
        let digests = FlatSet(digestsOf: visitors)
        let parts = stays.parts
        let matches = workers.map(parts.count) { p -> [(slot: Int32, day: Day, contact: UInt32)] in
            guard parts[p].contacts.count > 0 else { return [] }
            var found: [(slot: Int32, day: Day, contact: UInt32)] = []
            parts[p].stays.forEachSpan { stays in
                for stay in stays where stay.contact != Stay.noContact && digests.contains(stay.person.digest) {
                    if let slot = slotOf[stay.person] { found.append((slot, stay.arrived, stay.contact)) }
                }
            }
            return found
        }
        var latest = [(day: Day, part: Int32, contact: UInt32)](repeating: (Day(number: 0), -1, 0), count: visitors.count)
        for p in matches.indices {
            for m in matches[p] where latest[Int(m.slot)].part < 0 || !(latest[Int(m.slot)].day > m.day) {
                latest[Int(m.slot)] = (m.day, Int32(p), m.contact)
            }
        }
        var contacts: [PersonKey: (part: Int32, contact: UInt32)] = [:]
        for (slot, person) in visitors.enumerated() where latest[slot].part >= 0 {
            contacts[person] = (latest[slot].part, latest[slot].contact)
        }
        return contacts
    }

    /// Every stay of each of `people`, for re-screening a few people under other rules; in store order.
    public static func stays(of people: Set<PersonKey>, in stays: StayParts, workers: Workers) -> [PersonKey: [Stay]] {
        guard !people.isEmpty else { return [:] }
        let digests = FlatSet(digestsOf: people)
        let parts = stays.parts
        let found = workers.map(parts.count) { p -> [Stay] in
            var mine: [Stay] = []
            parts[p].stays.forEachSpan { stays in
                for stay in stays where digests.contains(stay.person.digest) && people.contains(stay.person) { mine.append(stay) }
            }
            return mine
        }
        var byPerson: [PersonKey: [Stay]] = [:]
        for part in found { for stay in part { byPerson[stay.person, default: []].append(stay) } }
        return byPerson
    }
}
