import Ingest
import RiskModel

/// Reads the grid contacts file: rows that cannot be used are skipped and returned, never a reason to stop the run.
public enum GridContactFeed {
    static let schema = FeedSchema.gridContacts
    static let communityColumn = schema.index(of: "community_code") ?? -1
    static let gridColumn = schema.index(of: "grid_id") ?? -1
    static let nameColumn = schema.index(of: "name") ?? -1
    static let phoneColumn = schema.index(of: "phone") ?? -1

    /// The contacts, and the rows skipped; a missing column or an unreadable file throws.
    public static func read(_ input: FeedInput) throws -> (contacts: [GridContact], skipped: [Reject]) {
        let reader = try FeedReader(input: input, schema: schema)
        var contacts: [GridContact] = []
        var skipped: [Reject] = []
        try reader.forEachRecord { record in
            if let problem = record.problem {
                skipped.append(Reject(record, input: input, column: problem.column, reason: problem.reason))
                return
            }
            do throws(FieldProblem) {
                let community = try Fields.regionCode(record.field(communityColumn))
                // A phone that is not a number is still what the grid worker wrote: print it as given.
                let phone = Fields.phone(record.field(phoneColumn)).number?.description ?? Fields.text(record.field(phoneColumn))
                contacts.append(GridContact(community: community, gridID: Fields.identifier(record.field(gridColumn)),
                                            name: Fields.text(record.field(nameColumn)), phone: phone))
            } catch {
                skipped.append(Reject(record, input: input, column: "community_code", reason: error.reason))
            }
        }
        return (contacts, skipped)
    }
}
