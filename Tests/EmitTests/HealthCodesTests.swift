@testable import Emit
import Lifecycle
import RiskModel
import Testing
import TestSupport

/// `health_codes.csv`'s reason (SPEC 9, stated as SPEC 6 allows) and its rows.
@Suite struct HealthCodesTests {
    static let asOf = Day.of("2020-02-07")

    static func notice(_ exposure: ExposureKind, stay: String, stayName: String, level: RiskLevel = .medium, designated: RiskLevel = .medium,
                       action: Action = .homeQuarantine, status: NoticeStatus = .new, supersedes: String? = nil) -> Notice {
        let m = Measure(person: .cn("33010619800101001"), action: action, level: level, region: .of("3303"), regionName: "浙江省温州市",
                        lastExposure: .of("2020-02-01"), until: .of("2020-02-15"), exposure: exposure, stayRegion: .of(stay),
                        stayRegionName: stayName, designatedLevel: designated)
        return Notice(serial: "330106001001-20200207-0001", status: status, supersedes: supersedes, measure: m, name: "张三", phone: "13800000000",
                      assignment: Assignment(community: .of("330106001001"), communityName: "西溪社区", gridID: "G1", address: ""),
                      changes: supersedes == nil ? [] : [.stays])
    }

    @Test(arguments: [
        (notice(.direct, stay: "330302", stayName: "浙江省温州市鹿城区"),
         "曾在浙江省温州市鹿城区停留（末次暴露日2020-02-01），该地属中风险地区浙江省温州市，按政策居家隔离至2020-02-15。"),
        // A stay region the gazetteer does not name is stated as the designated area it lies in, never as a code.
        (notice(.direct, stay: "330302001", stayName: ""),
         "曾在中风险地区浙江省温州市停留（末次暴露日2020-02-01），按政策居家隔离至2020-02-15。"),
        (notice(.direct, stay: "3303", stayName: "浙江省温州市"),
         "曾在中风险地区浙江省温州市停留（末次暴露日2020-02-01），按政策居家隔离至2020-02-15。"),
        // Coarse: the stay is known only at the province; the designated city keeps its own level, the measure the coarse one.
        (notice(.coarse, stay: "33", stayName: "浙江省", level: .low, designated: .high, action: .healthMonitoring),
         "行程仅知到过浙江省（末次相关日2020-02-01），该地区含高风险地区浙江省温州市，按低风险管控要求健康监测至2020-02-15。"),
        (notice(.coarse, stay: "33", stayName: "", level: .low, designated: .high, action: .healthMonitoring),
         "行程仅知到过区划代码33（末次相关日2020-02-01），该地区含高风险地区浙江省温州市，按低风险管控要求健康监测至2020-02-15。"),
        (notice(.direct, stay: "330302", stayName: "浙江省温州市鹿城区", status: .amended, supersedes: "330106001001-20200206-0003"),
         "曾在浙江省温州市鹿城区停留（末次暴露日2020-02-01），该地属中风险地区浙江省温州市，按政策居家隔离至2020-02-15（替代通知书330106001001-20200206-0003，行程记录更正或补充）。"),
    ])
    func aMeasuresReasonIsOneSentenceOfWhatIsKnown(notice: Notice, expected: String) {
        #expect(HealthCodeReason.measure(notice) == expected)
    }

    @Test func continuingMeasuresAreLeftOutAndEndedOnesTurnGreen() {
        var continuing = Self.notice(.direct, stay: "330302", stayName: "浙江省温州市鹿城区")
        continuing.status = .continuing
        let new = Self.notice(.direct, stay: "330302", stayName: "浙江省温州市鹿城区", action: .centralizedQuarantine)
        var ended = Self.notice(.direct, stay: "330302", stayName: "浙江省温州市鹿城区", action: .healthMonitoring)
        ended.serial = "330106001001-20200201-0009"
        ended.measure.until = .of("2020-02-06")
        let rescinded = Rescission(of: Self.notice(.direct, stay: "330302", stayName: ""), causes: [.regions])
        let reconciliation = Reconciliation(notices: [continuing, new], rescinded: [rescinded],
                                            released: [Release(ended: ended, lastPrinted: ended.serial, releaseSerial: nil)], sequences: [:])
        let changes = HealthCodes.changes(reconciliation, asOf: Self.asOf, colours: .defaults)
        #expect(changes.map(\.colour) == [.red, .green, .green])
        #expect(changes.map(\.until) == [.of("2020-02-15"), nil, nil])
        #expect(changes.allSatisfy { $0.from == Self.asOf })
        #expect(changes[1].reason == "因风险地区名单调整，按现行规则已不再符合管控条件，通知书330106001001-20200207-0001撤销，恢复绿码。")
        #expect(changes[2].reason == "健康监测已于2020-02-06期满（通知书330106001001-20200201-0009），解除管控，恢复绿码。")
        #expect(changes[2].serial == "330106001001-20200201-0009")
        let lines = String(decoding: HealthCodes.csv(changes).bytes, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[0] == "\u{FEFF}id_type,id_no,name,phone,colour,from,until,reason,serial")
        #expect(lines[2].hasPrefix("cn_id,3301061980010100") && lines[2].contains(",张三,13800000000,green,2020-02-07,,因风险地区名单调整"))
    }
}
