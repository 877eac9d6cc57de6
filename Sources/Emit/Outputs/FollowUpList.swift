import Lifecycle
import RiskModel

extension Outputs {
    public static let followUpHeader = ["serial", "id_type", "id_no", "name", "phone", "community_code", "community_name", "grid_id",
                                        "address", "issue", "outcome", "issued_on", "feedback_on"]

    /// `followup.csv` (SPEC 8): one row per notice in force the office has to act on, in `measures.csv` order.
    public static func followUp(_ notices: [Notice], _ followUp: FollowUp) -> CSVWriter {
        var csv = CSVWriter(header: followUpHeader, literalColumns: [5, 11, 12])
        for i in followUp.needingAction {
            guard let entry = followUp.entries[i] else { continue }
            let n = notices[i]
            csv.append([
                n.serial, n.person.type.code, n.person.idNo, n.name, n.phone, n.assignment.community?.twelveDigits ?? "",
                n.assignment.communityName, n.assignment.gridID, n.assignment.address, entry.state.rawValue, entry.state.worklistWord,
                entry.issuedOn.description, entry.delivery?.date?.description ?? "",
            ])
        }
        return csv
    }
}
