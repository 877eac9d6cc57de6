import RiskModel
import Testing
import TestSupport
@testable import Normalize

@Suite struct NameAgreementTests {
    @Test(arguments: [
        ("330302", "浙江省温州市鹿城区", nil),
        ("330302", "浙江温州鹿城", nil),
        ("330302", "温州市鹿城区", nil),
        ("330302", "鹿城区", nil),
        ("330302", "浙江省鹿城区", nil),
        ("3303", "浙江省温州市", nil),
        ("3303", "温州", nil),
        ("110106", "北京丰台", nil),
        ("419001", "河南省济源市", nil),
        ("659001", "新疆石河子市", nil),
        ("2224", "吉林省延边州", nil),
        // Below what the gazetteer knows: not checked.
        ("330302001", "浙江省温州市鹿城区五马街道", "五马街道"),
        ("330302001001", "浙江省温州市鹿城区五马街道某社区", "五马街道某社区"),
        ("330302001", "浙江省温州市鹿城区", nil),
        ("99", "火星", "火星"),
    ])
    func agreesWhenEachKnownUnitIsTheCodesAncestor(code: String, name: String, unchecked: String?) throws {
        #expect(try Gazetteer.national().agreement(code: .of(code), name: name) == .agrees(unchecked: unchecked))
    }

    @Test(arguments: [
        // code, name, kind, the unit at fault as written, what it is, what the code has there
        ("3303", "湖北省武汉市", NameDisagreement.Kind.differentUnit, "湖北省", "42", "33"),
        ("330302", "浙江省温州市乐清市", .differentUnit, "乐清市", "330382", "330302"),
        ("330302", "浙江省杭州市鹿城区", .differentUnit, "杭州市", "3301", "3303"),
        ("330302", "浙江乐清", .differentUnit, "乐清", "330382", "330302"),
        ("330302001", "浙江省温州市乐清市五马街道", .differentUnit, "乐清市", "330382", "330302"),
        ("419001", "河南省郑州市济源市", .differentUnit, "郑州市", "4101", "419001"),
        ("110106", "天津市丰台区", .differentUnit, "天津市", "12", "11"),
        ("3303", "浙江省温州市乐清市", .goesBelow, "乐清市", "330382", nil),
        ("330302", "浙江省温州市", .stopsAbove, "", nil, "330302"),
        ("330302", "温州市", .stopsAbove, "", nil, "330302"),
    ] as [(String, String, NameDisagreement.Kind, String, String?, String?)])
    func disagreesNamingTheUnitAtFault(code: String, name: String, kind: NameDisagreement.Kind,
                                       written: String, writtenCode: String?, expected: String?) throws {
        let agreement = try Gazetteer.national().agreement(code: .of(code), name: name)
        guard case let .disagrees(problem) = agreement else {
            Issue.record("\(code),\(name) agrees")
            return
        }
        #expect(problem.kind == kind)
        #expect(problem.written == written)
        #expect(problem.writtenUnit?.code == writtenCode.map(RegionCode.of))
        #expect(problem.expected?.code == expected.map(RegionCode.of))
    }

    @Test func aDisagreementSaysWhatTheCodeIs() throws {
        let agreement = try Gazetteer.national().agreement(code: .of("3303"), name: "湖北省武汉市")
        guard case let .disagrees(problem) = agreement else {
            Issue.record("agrees")
            return
        }
        #expect(problem.description == "region_name 湖北省武汉市 does not agree with region_code 3303 (浙江省温州市): "
            + "it has 湖北省 (42) where the code's province is 浙江省 (33); correct the code or the name")
        #expect(problem.message.text(in: .chinese) == "地区名称“湖北省武汉市”与区划代码 3303（浙江省温州市）不一致："
            + "名称中的“湖北省”（42）处，该代码的省级地区是 浙江省（33）；请更正代码或名称")
    }

    @Test(arguments: [
        ("110106010", "北京市丰台区新村街道", true),
        ("110106010", "丰台区新村", true),
        ("110106010", "北京市丰台区卢沟桥街道", false),  // another street the district file knows
        ("110106099", "北京市丰台区新村街道", false),    // an unknown code, but the name is a known street
        ("110106099", "北京市丰台区某某街道", true),     // unknown code, unknown street: not checked
        ("110105018010", "北京市朝阳区潘家园街道松榆东里社区", true),
    ])
    func districtFilesCheckStreetsToo(code: String, name: String, agrees: Bool) throws {
        let agreement = try beijingGazetteer().agreement(code: .of(code), name: name)
        if case .agrees = agreement { #expect(agrees) } else { #expect(!agrees, "\(agreement)") }
    }
}
