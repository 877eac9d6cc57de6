import Foundation
import Ingest
import Lifecycle
import Normalize
import RiskModel
import Screen

/// Why a person has, or has not, a measure on a day: their stays, the designations they touched, and their notices.
public enum Explain {
    /// A person `explain` was asked about by name or phone, as the list of several matches shows them.
    struct Match: Hashable {
        var person: PersonKey
        var name: String
        var phone: String
        /// The community, for a resident; nil for a traveller who is not in the snapshot.
        var community: (code: RegionCode, name: String, grid: String)?

        static func == (a: Match, b: Match) -> Bool { a.person == b.person }
        func hash(into hasher: inout Hasher) { hasher.combine(person) }
    }

    /// - Parameters:
    ///   - settings: the state store (`state`) and the config's gazetteer files, for naming regions (SPEC 10).
    ///   - who: an ID number, a name as the feeds give it, or a phone number.
    ///   - policy, regions: rule files to explain under; nil replays the last committed run's.
    public static func execute(_ settings: RunSettings, who: String, idType: String?, asOf: Day?, policy: String?, regions: String?,
                               warn: (Message) -> Void = { _ in }) throws(RunError) -> [Message] {
        guard let state = settings.state else { throw .configuration(CommandText.needsState(["command": "explain"])) }
        do {
            guard FileManager.default.fileExists(atPath: state) else { throw RunError.configuration(CommandText.noStore(["path": state])) }
            let store = try Store.opened(state, warn: warn)
            guard let last = try store.lastRun(), let runID = last.id else {
                throw RunError.configuration(CommandText.noRunYet(["path": state]))
            }
            let residents = try store.residents() ?? ResidentTable()
            let stays = try store.stays(with: nil, workers: RunSettings.defaultWorkers)
            let person: PersonKey
            switch try find(who, idType: idType, residents: residents, stays: stays) {
            case let .one(found): person = found
            case let .several(matches): return severalMatches(who, matches)
            }

            let day = asOf ?? Day(iso: last.asOf) ?? RunSettings.todayInShanghai()
            let policyPath = policy ?? store.dataFolder.appendingPathComponent("policy-\(runID).toml").path
            let regionsPath = regions ?? store.dataFolder.appendingPathComponent("regions-\(runID).csv").path
            let gazetteer = try settings.gazetteer(adding: residents, to: try settings.baseGazetteer())
            let rules = try RuleFile.read(RunSettings.input(path: regionsPath), gazetteer: gazetteer)
            let screener = Screener(policy: try Policy.load(path: policyPath), designations: rules.designations, asOf: day)
            func placeName(_ code: RegionCode) -> Message.Value {
                gazetteer.fullName(of: code).map { CommandText.placeName(["name": $0]).messageValue } ?? .none
            }

            var out = [CommandText.explainHeading([
                "type": person.type.code, "person": person.masked, "who": describe(person, residents: residents, stays: stays),
                "as_of": day, "first": screener.window.first, "last": screener.window.last, "policy": screener.policy.name,
            ])]
            var own: [Stay] = []
            for part in stays.parts { for stay in part.stays where stay.person == person { own.append(stay) } }
            own.sort { $0.arrived < $1.arrived }
            out.append(own.isEmpty ? CommandText.noStays() : CommandText.staysOnRecord(["count": own.count]))
            var best: Candidate?
            for stay in own {
                out.append(CommandText.stay(["code": stay.region.twelveDigits, "days": stay.days.description, "name": placeName(stay.region)]))
                let exposures = screener.exposures(of: stay)
                if exposures.isEmpty { out.append(CommandText.touchesNothing()) }
                for e in exposures {
                    let d = e.designation
                    let touched: KeyValuePairs<String, any MessageArgument> = [
                        "name": d.regionName, "code": d.region, "level": TermText.level(d.level), "line": d.line, "days": e.days.description,
                    ]
                    let how = e.direct ? CommandText.inside(touched) : CommandText.knownOnlyAt(touched)
                    let outcome: Message
                    if let c = e.candidate {
                        outcome = CommandText.gives(["action": TermText.action(c.action), "until": c.until, "level": TermText.level(c.level)])
                        if best.map({ c.beats($0) }) ?? true { best = c }
                    } else if !e.direct && e.level == nil {
                        outcome = CommandText.coarseNone(["level": TermText.level(d.level)])
                    } else {
                        outcome = CommandText.endedBefore(["day": day])
                    }
                    out.append(CommandText.exposure(["how": how, "outcome": outcome]))
                }
            }
            if let best {
                out.append(CommandText.measure(["action": TermText.action(best.action), "until": best.until, "level": TermText.level(best.level),
                                                "code": best.region, "name": gazetteer.fullName(of: best.region) ?? "", "last": best.lastExposure]))
            } else {
                out.append(CommandText.noMeasure(["day": day]))
            }
            let history = try store.history(of: person)
            if !history.isEmpty { out.append(CommandText.notices()) }
            let rescissions = try store.rescissions(of: person)
            let releases = try store.releases(of: person)
            for n in history {
                let rescinded = rescissions.first { $0.serial == n.serial }
                let released = releases.first { $0.serial == n.serial }
                out.append(CommandText.notice([
                    "serial": n.serial, "run": Int(n.runID), "status": NoticeStatus(rawValue: n.status).map(TermText.status)?.messageValue ?? .text(n.status),
                    "action": Action(code: n.action).map(TermText.action)?.messageValue ?? .text(n.action), "until": n.until,
                    "replaces": n.supersedes.map { CommandText.noticeReplaces(["serial": $0]).messageValue } ?? .none,
                    "rescinded": rescinded.map { CommandText.rescindedBy(["run": Int($0.runID), "reason": $0.reason]).messageValue } ?? .none,
                    "released": released.map { r in
                        r.releaseSerial.map { CommandText.releasedWithNotice(["run": Int(r.runID), "serial": $0]).messageValue }
                            ?? CommandText.releasedBy(["run": Int(r.runID)]).messageValue
                    } ?? .none,
                ]))
            }
            return out
        } catch {
            throw RunError.from(error)
        }
    }

    enum Found {
        case one(PersonKey)
        case several([Match])
    }

    /// The person `who` names: an ID number, else a phone number, else a name, looked up among the stored residents
    /// and the travellers of the stored stays.
    static func find(_ who: String, idType: String?, residents: ResidentTable, stays: StayParts) throws(RunError) -> Found {
        let idProblem: FieldProblem
        do throws(FieldProblem) {
            return .one(try Fields.personKey(idType: idType.map { Array($0.utf8) }, idNo: Array(who.utf8)))
        } catch {
            idProblem = error
        }
        let text = Fields.text(Array(who.utf8))
        let phone = Fields.phone(Array(who.utf8)).number?.description
        // A text that is mostly digits (or an ID type was given) was meant as an ID number: say what is wrong with it.
        let digits = text.unicodeScalars.filter { ("0"..."9").contains($0) }.count
        if idType != nil || (phone == nil && digits >= 10) {
            throw .configuration(CommandText.badID(["id": PersonKey.mask(text), "problem": idProblem.reason]))
        }
        // A passport or other document number, written without its type: whichever of them the records hold.
        if idType == nil {
            for type in [IDType.passport, .other] {
                guard let key = try? Fields.personKey(type: type, idNo: Array(who.utf8)) else { continue }
                let known = residents.withRows { $0.contains { $0.person == key } }
                    || stays.parts.contains { $0.stays.contains { $0.person == key } }
                if known { return .one(key) }
            }
        }
        var matches: [Match] = []
        residents.withRows { rows in
            for i in rows.indices {
                let r = residents.resident(at: i)
                if phone.map({ r.phone == $0 }) ?? (r.name == text) {
                    matches.append(Match(person: r.person, name: r.name, phone: r.phone, community: (r.community, r.communityName, r.gridID)))
                }
            }
        }
        var seen = Set(matches.map(\.person))
        for part in stays.parts {
            for stay in part.stays where stay.contact != Stay.noContact && !seen.contains(stay.person) {
                guard let contact = part.contacts.entry(stay.contact) else { continue }
                if phone.map({ contact.phone == $0 }) ?? (contact.name == text) {
                    seen.insert(stay.person)
                    matches.append(Match(person: stay.person, name: contact.name, phone: contact.phone, community: nil))
                }
            }
        }
        switch matches.count {
        case 0:
            throw .configuration(phone != nil ? CommandText.noOneWithPhone(["phone": maskPhone(phone ?? "")])
                : CommandText.noOneNamed(["name": text]))
        case 1: return .one(matches[0].person)
        default: return .several(matches.sorted { $0.person < $1.person })
        }
    }

    /// The list `explain` prints when a name or phone fits several people, IDs and phones masked.
    static func severalMatches(_ who: String, _ matches: [Match]) -> [Message] {
        [CommandText.severalMatch(["who": who, "count": matches.count])] + matches.map { m in
            CommandText.matchLine([
                "type": m.person.type.code, "person": m.person.masked, "name": m.name,
                "phone": m.phone.isEmpty ? Message.Value.none : CommandText.phone(["phone": maskPhone(m.phone)]).messageValue,
                "where": m.community.map { CommandText.residentOf(["community": $0.name, "code": $0.code.twelveDigits, "grid": $0.grid]) }
                    ?? CommandText.traveller(),
            ])
        }
    }

    /// Who the person is, as the stored snapshot or their travel records name them.
    static func describe(_ person: PersonKey, residents: ResidentTable, stays: StayParts) -> Message {
        let found = residents.withRows { rows in rows.firstIndex { $0.person == person } }
        if let found {
            let r = residents.resident(at: found)
            return CommandText.residentNamed(["name": r.name, "community": r.communityName, "code": r.community.twelveDigits, "grid": r.gridID])
        }
        for part in stays.parts {
            for stay in part.stays where stay.person == person {
                if let contact = part.contacts.entry(stay.contact), !contact.name.isEmpty {
                    return CommandText.travellerNamed(["name": contact.name])
                }
            }
        }
        return CommandText.notInSnapshot()
    }

    /// A phone number with its middle hidden (`138****5678`).
    static func maskPhone(_ phone: String) -> String {
        let chars = Array(phone)
        guard chars.count > 7 else { return String(repeating: "*", count: chars.count) }
        return String(chars[..<3]) + String(repeating: "*", count: chars.count - 7) + String(chars[(chars.count - 4)...])
    }
}
