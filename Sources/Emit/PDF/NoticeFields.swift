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
        fields["release_count"] = batch.releases.count
        fields["rescinded_count"] = batch.rescissions.count
        fields["ending_today_count"] = batch.endingToday.count
        fields["authority"] = settings.wording.authorityText
        fields["hotline"] = settings.wording.hotlineText
        return fields
    }

    /// The person's and place's values every paper's templates may name; empty optional values are left out so
    /// `{{#x}}` sections skip.
    func personFields(_ person: PersonKey, name: String, phone: String, assignment: Assignment, batchFields: [String: Any],
                      contact: GridContact?) -> [String: Any] {
        var fields = batchFields
        fields["name"] = name
        if let male = person.isMale { fields["sex"] = male ? "男" : "女" }
        fields["id_type"] = NoticeDocumentWriter.idTypeName(person.type)
        fields["id_masked"] = person.masked
        if !phone.isEmpty { fields["phone"] = phone }
        if !assignment.address.isEmpty { fields["address"] = assignment.address }
        fields["community_name"] = assignment.communityName
        fields["community_code"] = assignment.community?.twelveDigits ?? ""
        if !assignment.gridID.isEmpty { fields["grid_id"] = assignment.gridID }
        if let contact, !contact.name.isEmpty { fields["grid_worker"] = contact.name }
        if let contact, !contact.phone.isEmpty { fields["grid_phone"] = contact.phone }
        return fields
    }

    /// The booleans that choose a template's section for an action.
    static func actionFields(_ action: Action, into fields: inout [String: Any]) {
        fields["centralized_quarantine"] = action == .centralizedQuarantine
        fields["home_quarantine"] = action == .homeQuarantine
        fields["health_monitoring"] = action == .healthMonitoring
        fields["quarantine"] = action == .centralizedQuarantine || action == .homeQuarantine
    }

    /// The values a measure notice's templates may name.
    func noticeFields(_ notice: Notice, batchFields: [String: Any], contact: GridContact?) -> [String: Any] {
        var fields = personFields(notice.person, name: notice.name, phone: notice.phone, assignment: notice.assignment,
                                  batchFields: batchFields, contact: contact)
        let m = notice.measure
        fields["region_name"] = m.regionName.isEmpty ? m.region.twelveDigits : m.regionName
        fields["region_code"] = m.region.twelveDigits
        fields["level"] = m.level.chinese
        fields["designated_level"] = m.designatedLevel.chinese
        // SPEC 6: what the stay shows and no more. A direct stay in a named region smaller than the designated one
        // is named; otherwise the notice names the designated area. A coarse stay is named as the region it is known
        // at, or by its code when no source names it.
        fields["direct"] = m.exposure == .direct
        fields["coarse"] = m.exposure == .coarse
        fields["stay_region_code"] = m.stayRegion.twelveDigits
        if !m.stayRegionName.isEmpty { fields["stay_region_name"] = m.stayRegionName }
        fields["stay_within"] = m.exposure == .direct && m.stayRegion != m.region && !m.stayRegionName.isEmpty
        fields["stay_place"] = m.stayRegionName.isEmpty ? "区划代码为\(m.stayRegion.canonical)的地区" : m.stayRegionName
        fields["action"] = m.action.chinese
        fields["last_exposure"] = m.lastExposure.chinese
        fields["period_from"] = m.period.first.chinese
        fields["period_to"] = m.period.last.chinese
        fields["until"] = m.until.chinese
        fields["days"] = m.until - m.lastExposure
        fields["serial"] = notice.serial
        if let old = notice.supersedes { fields["supersedes"] = old }
        fields["amended"] = notice.status == .amended
        if let old = notice.replaced {
            fields["old_action"] = old.action.chinese
            fields["old_until"] = old.until.chinese
            fields["change_reason"] = notice.changes.amendmentReason
        }
        NoticeDocumentWriter.actionFields(m.action, into: &fields)
        return fields
    }

    /// The values a release notice's template may name: the measure that ended and the notice it was printed on.
    func releaseFields(_ release: Release, batch: NoticeBatch, batchFields: [String: Any], contact: GridContact?) -> [String: Any] {
        let n = release.ended
        var fields = personFields(n.person, name: n.name, phone: n.phone, assignment: n.assignment, batchFields: batchFields, contact: contact)
        fields["serial"] = release.releaseSerial ?? n.serial
        fields["ended_serial"] = release.lastPrinted ?? n.serial
        fields["action"] = n.measure.action.chinese
        fields["notice_title"] = noticeTitle(n.measure.action)
        fields["period_from"] = n.measure.period.first.chinese
        fields["period_to"] = n.measure.period.last.chinese
        fields["until"] = n.measure.until.chinese
        fields["released_on"] = (n.measure.until + 1).chinese
        NoticeDocumentWriter.actionFields(n.measure.action, into: &fields)
        return fields
    }

    /// The values a rescission notice's template may name: the notice that no longer holds, and why.
    func rescissionFields(_ r: Rescission, batchFields: [String: Any], contact: GridContact?) -> [String: Any] {
        var fields = personFields(r.person, name: r.name, phone: r.phone, assignment: r.assignment, batchFields: batchFields, contact: contact)
        fields["serial"] = r.serial
        fields["action"] = r.action.chinese
        fields["notice_title"] = noticeTitle(r.action)
        fields["until"] = r.until.chinese
        fields["reason"] = r.reason
        NoticeDocumentWriter.actionFields(r.action, into: &fields)
        return fields
    }

    /// The title a measure notice of `action` was printed with, from the district's title template.
    func noticeTitle(_ action: Action) -> String {
        var fields: [String: Any] = [:]
        NoticeDocumentWriter.actionFields(action, into: &fields)
        return NoticeDocumentWriter.trimmed(settings.templates.title.render(fields)[...])
    }

    static func idTypeName(_ type: IDType) -> String {
        switch type {
        case .cnID: return "居民身份证"
        case .passport: return "护照"
        case .other: return "其他证件"
        }
    }
}
