import Foundation
import RiskModel

extension NoticeDocumentWriter {
    func batchFields(_ batch: NoticeBatch) -> [String: Any] {
        var fields: [String: Any] = [:]
        for (key, value) in settings.wording.extra { fields[key] = value }
        fields["community_name"] = batch.communityName
        fields["community_code"] = batch.community?.twelveDigits ?? ""
        fields["issued_on"] = batch.asOf.chinese
        fields["run_id"] = batch.runID
        fields["notice_count"] = batch.notices.count
        fields["rescinded_count"] = batch.rescissions.count
        fields["authority"] = settings.wording.authorityText
        fields["hotline"] = settings.wording.hotlineText
        return fields
    }

    /// The values a notice's templates may name; empty optional values are left out so `{{#x}}` sections skip.
    func noticeFields(_ notice: Notice, batchFields: [String: Any], contact: GridContact?) -> [String: Any] {
        var fields = batchFields
        let m = notice.measure
        fields["name"] = notice.name
        if let male = notice.person.isMale { fields["sex"] = male ? "男" : "女" }
        fields["id_type"] = NoticeDocumentWriter.idTypeName(notice.person.type)
        fields["id_masked"] = notice.person.masked
        if !notice.phone.isEmpty { fields["phone"] = notice.phone }
        if !notice.assignment.address.isEmpty { fields["address"] = notice.assignment.address }
        fields["community_name"] = notice.assignment.communityName
        fields["community_code"] = notice.assignment.community?.twelveDigits ?? ""
        if !notice.assignment.gridID.isEmpty { fields["grid_id"] = notice.assignment.gridID }
        if let contact, !contact.name.isEmpty { fields["grid_worker"] = contact.name }
        if let contact, !contact.phone.isEmpty { fields["grid_phone"] = contact.phone }
        fields["region_name"] = m.regionName
        fields["region_code"] = m.region.twelveDigits
        fields["level"] = m.level.chinese
        fields["action"] = m.action.chinese
        fields["last_exposure"] = m.lastExposure.chinese
        fields["period_from"] = m.period.first.chinese
        fields["period_to"] = m.period.last.chinese
        fields["until"] = m.until.chinese
        fields["days"] = m.until - m.lastExposure
        fields["serial"] = notice.serial
        if let old = notice.supersedes { fields["supersedes"] = old }
        fields["amended"] = notice.status == .amended
        fields["centralized_quarantine"] = m.action == .centralizedQuarantine
        fields["home_quarantine"] = m.action == .homeQuarantine
        fields["health_monitoring"] = m.action == .healthMonitoring
        return fields
    }

    static func idTypeName(_ type: IDType) -> String {
        switch type {
        case .cnID: return "居民身份证"
        case .passport: return "护照"
        case .other: return "其他证件"
        }
    }
}
