import Ingest
import RiskModel

/// The residence snapshot of this run after validation and dedupe (SPEC 1.2).
public struct ResidentBatch: Sendable {
    public var table: ResidentTable
    public var rejects: [Reject]
    public var reports: [FeedReport]
}

/// Reads residence feeds into a snapshot with one row per person.
public enum ResidentFeed {
    static let schema = FeedSchema.residents
    static let idNoColumn = schema.index(of: "id_no") ?? -1
    static let idTypeColumn = schema.index(of: "id_type") ?? -1
    static let nameColumn = schema.index(of: "name") ?? -1
    static let phoneColumn = schema.index(of: "phone") ?? -1
    static let communityColumn = schema.index(of: "community_code") ?? -1
    static let communityNameColumn = schema.index(of: "community_name") ?? -1
    static let gridColumn = schema.index(of: "grid_id") ?? -1
    static let addressColumn = schema.index(of: "address") ?? -1
    static let updatedColumn = schema.index(of: "updated_at") ?? -1

    /// Reads every input in order; when a person appears twice the latest `updated_at` wins, ties going to the later row.
    public static func read(_ inputs: [FeedInput]) throws -> ResidentBatch {
        var table = ResidentTable()
        var owners: [Int32] = []
        var rejects: [Reject] = []
        var reports: [FeedReport] = []
        for (fileIndex, input) in inputs.enumerated() {
            let reader = try FeedReader(input: input, schema: schema)
            let hasType = reader.mapping.fileColumn[idTypeColumn] >= 0
            var accepted = 0, blanked = 0
            try reader.forEachRecord { record in
                if let problem = record.problem {
                    rejects.append(Reject(record, input: input, column: problem.column, reason: problem.reason))
                    return
                }
                do throws(FieldProblem) {
                    let person = try Fields.personKey(idType: hasType ? record.field(idTypeColumn) : nil, idNo: record.field(idNoColumn))
                    let name = Fields.trimmed(record.field(nameColumn))
                    guard !name.isEmpty else { throw FieldProblem("name is empty; every resident needs a name", column: "name") }
                    let community: RegionCode
                    do throws(FieldProblem) { community = try Fields.regionCode(record.field(communityColumn)) } catch {
                        throw FieldProblem(error.reason, column: "community_code")
                    }
                    let communityName = Fields.trimmed(record.field(communityNameColumn))
                    guard !communityName.isEmpty else {
                        throw FieldProblem("community_name is empty", column: "community_name")
                    }
                    var updated: Day?
                    if !Fields.isBlank(record.field(updatedColumn)) {
                        do throws(FieldProblem) { updated = try Fields.date(record.field(updatedColumn)) } catch {
                            throw FieldProblem(error.reason, column: "updated_at")
                        }
                    }
                    let phone = Fields.phone(record.field(phoneColumn))
                    if case .invalid = phone { blanked += 1 }
                    Fields.withNormalized(record.field(gridColumn), fold: true) { grid in
                        table.append(person: person, community: community, updatedAt: updated, name: name,
                                     phone: phone.number ?? PhoneNumber(value: 0, digitCount: 0), communityName: communityName,
                                     gridID: grid, address: Fields.trimmed(record.field(addressColumn)))
                    }
                    owners.append(Int32(fileIndex))
                    accepted += 1
                } catch {
                    rejects.append(Reject(record, input: input, column: error.column ?? "", reason: error.reason))
                }
            }
            var report = FeedReport(kind: "residents", input: input, stats: reader.stats)
            report.accepted = accepted
            report.rejected = report.read - accepted
            report.phonesBlanked = blanked
            reports.append(report)
        }
        // Rows are in file-then-line order, so a later row wins a tie simply by coming later.
        var best: [PersonKey: Int] = [:]
        best.reserveCapacity(table.count)
        for (i, row) in table.rows.enumerated() {
            if let current = best[row.person] {
                let loser = row.updatedAt >= table.rows[current].updatedAt ? current : i
                reports[Int(owners[loser])].duplicates += 1
                reports[Int(owners[loser])].accepted -= 1
                if loser == current { best[row.person] = i }
            } else {
                best[row.person] = i
            }
        }
        if best.count != table.count {
            table = table.selecting(best.values.sorted())
        }
        return ResidentBatch(table: table, rejects: rejects, reports: reports)
    }
}
