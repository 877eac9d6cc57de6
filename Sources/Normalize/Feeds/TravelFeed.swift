import Ingest
import RiskModel

/// The stays of this run's travel feeds after validation and identity replacement (SPEC 1.3).
public struct TravelBatch: Sendable {
    /// Surviving stays: for each identity, its last occurrence (later file, then later line).
    public var stays: [Stay]
    public var contacts: ContactBook
    public var rejects: [Reject]
    public var reports: [FeedReport]
}

/// Reads travel feeds into stays.
public enum TravelFeed {
    static let schema = FeedSchema.travel
    static let recordIDColumn = schema.index(of: "record_id") ?? -1
    static let sourceColumn = schema.index(of: "source") ?? -1
    static let idNoColumn = schema.index(of: "id_no") ?? -1
    static let idTypeColumn = schema.index(of: "id_type") ?? -1
    static let nameColumn = schema.index(of: "name") ?? -1
    static let phoneColumn = schema.index(of: "phone") ?? -1
    static let regionColumn = schema.index(of: "region_code") ?? -1
    static let arrivedColumn = schema.index(of: "arrived_on") ?? -1
    static let leftColumn = schema.index(of: "left_on") ?? -1

    /// Reads every input in order; a structural problem with a file (missing column, unreadable) throws.
    public static func read(_ inputs: [FeedInput]) throws -> TravelBatch {
        var stays: [Stay] = []
        var owners: [Int32] = []
        var contacts = ContactBook()
        var rejects: [Reject] = []
        var reports: [FeedReport] = []
        for (fileIndex, input) in inputs.enumerated() {
            let reader = try FeedReader(input: input, schema: schema)
            let hasType = reader.mapping.fileColumn[idTypeColumn] >= 0
            let defaultSource = Array(input.feed.utf8)
            var accepted = 0, blanked = 0
            try reader.forEachRecord { record in
                if let problem = record.problem {
                    rejects.append(Reject(record, input: input, column: problem.column, reason: problem.reason))
                    return
                }
                do throws(FieldProblem) {
                    let person = try Fields.personKey(idType: hasType ? record.field(idTypeColumn) : nil, idNo: record.field(idNoColumn))
                    let region: RegionCode
                    do throws(FieldProblem) { region = try Fields.regionCode(record.field(regionColumn)) } catch {
                        throw FieldProblem(error.reason, column: "region_code")
                    }
                    let first: Day
                    do throws(FieldProblem) { first = try Fields.date(record.field(arrivedColumn)) } catch {
                        throw FieldProblem(error.reason, column: "arrived_on")
                    }
                    var last = first
                    if !Fields.isBlank(record.field(leftColumn)) {
                        do throws(FieldProblem) { last = try Fields.date(record.field(leftColumn)) } catch {
                            throw FieldProblem(error.reason, column: "left_on")
                        }
                        guard last >= first else {
                            throw FieldProblem("left on \(last), before arriving on \(first)", column: "left_on")
                        }
                    }
                    var hasher = IdentityHasher()
                    let sourceField = Fields.trimmed(record.field(sourceColumn))
                    if sourceField.isEmpty {
                        defaultSource.withUnsafeBufferPointer { hasher.add($0) }
                    } else {
                        Fields.withNormalized(sourceField, fold: true) { hasher.add($0) }
                    }
                    let recordField = Fields.trimmed(record.field(recordIDColumn))
                    if recordField.isEmpty {
                        hasher.add(person.hi); hasher.add(person.lo); hasher.add(region.raw)
                        hasher.add(UInt64(UInt32(bitPattern: first.number)) << 32 | UInt64(UInt32(bitPattern: last.number)))
                    } else {
                        Fields.withNormalized(recordField, fold: true) { hasher.add($0) }
                        hasher.add(0x5245_4344)  // keeps "record id" identities apart from field-built ones
                    }
                    let phoneField = Fields.phone(record.field(phoneColumn))
                    if case .invalid = phoneField { blanked += 1 }
                    let nameField = Fields.trimmed(record.field(nameColumn))
                    var contact = Stay.noContact
                    if !nameField.isEmpty || phoneField.number != nil {
                        contact = contacts.append(name: nameField, phone: phoneField.number ?? PhoneNumber(value: 0, digitCount: 0))
                    }
                    stays.append(Stay(person: person, region: region, arrived: first, left: last, identity: hasher.value, contact: contact))
                    owners.append(Int32(fileIndex))
                    accepted += 1
                } catch {
                    rejects.append(Reject(record, input: input, column: error.column ?? "", reason: error.reason))
                }
            }
            var report = FeedReport(kind: "travel", input: input, stats: reader.stats)
            report.accepted = accepted
            report.rejected = report.read - accepted
            report.phonesBlanked = blanked
            reports.append(report)
        }
        // Later occurrences replace earlier ones: walk backwards keeping the first identity seen.
        var seen = IdentitySet(capacity: stays.count)
        var keep = [Bool](repeating: false, count: stays.count)
        for i in stays.indices.reversed() {
            if seen.insert(stays[i].identity) {
                keep[i] = true
            } else {
                reports[Int(owners[i])].duplicates += 1
                reports[Int(owners[i])].accepted -= 1
            }
        }
        if seen.count != stays.count {
            stays = stays.indices.compactMap { keep[$0] ? stays[$0] : nil }
        }
        return TravelBatch(stays: stays, contacts: contacts, rejects: rejects, reports: reports)
    }
}
