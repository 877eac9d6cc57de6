import Foundation
import Ingest
import RiskModel
import Testing
import TestSupport
@testable import Normalize

/// The rule file with names (SPEC 1.4 as SPEC 10 changes it): code, name or both, settled against the gazetteer.
@Suite struct RuleFileTests {
    /// Writes a rule file and returns its input.
    func rules(_ text: String) throws -> FeedInput {
        FeedInput(feed: "regions", path: try writeCSV(text, name: "regions.csv"))
    }

    /// The national table with one street and the community names a residents' snapshot would give.
    func gazetteer() throws -> Gazetteer {
        try Gazetteer.national().adding([.of("440305001", "南头街道")])
            .addingCommunities([.of("330106001001", "西溪社区")])
    }

    /// The (code, name) each row designates, or the problems as `line column: reason`.
    func read(_ text: String) throws -> Result<[String], RuleFileError> {
        let (input, gazetteer) = (try rules(text), try gazetteer())
        return Result { () throws(RuleFileError) in
            try RuleFile.read(input, gazetteer: gazetteer).designations.map { "\($0.region) \($0.regionName)" }
        }
    }

    func problems(_ text: String) throws -> [String] {
        guard case let .failure(.invalidRows(_, problems)) = try read(text) else { return [] }
        return problems.map { "\($0.line) \($0.column): \($0.reason)" }
    }

    @Test func aRegionIsNamedByItsCodeItsNameOrBoth() throws {
        let designations = try read("""
            区划代码,地区名称,风险等级,开始日期,结束日期
            3303,浙江省温州市,高,2020-01-28,
            3303,温州,高,2020-01-28,
            ,浙江温州乐清,中,2020-02-01,
            4209,,高,2020-02-07,
            ,西湖区西溪社区,低,2020-02-07,
            440305001,深圳南山南头街道,中,2020-02-07,
            440305001001,广东省深圳市南山区南头街道某社区,中,2020-02-07,
            """).get()
        #expect(designations == [
            "3303 浙江省温州市",
            // The gazetteer's full name, whatever the row's spelling: notices print this.
            "3303 浙江省温州市",
            "330382 浙江省温州市乐清市",
            "4209 湖北省孝感市",
            // A community named by the residents' snapshot (source 3).
            "330106001001 浙江省杭州市西湖区西溪社区",
            "440305001 广东省深圳市南山区南头街道",
            // Below what the gazetteer knows: its deepest known unit's full name and the unchecked rest.
            "440305001001 广东省深圳市南山区南头街道某社区",
        ])
    }

    @Test func aFileMayHaveOnlyTheNameColumnOrOnlyTheCodeColumn() throws {
        #expect(try read("地区名称,风险等级,开始日期\n福建鼓楼区,高,2020-02-01\n").get() == ["350102 福建省福州市鼓楼区"])
        #expect(try read("区划代码,风险等级,开始日期\n350102,高,2020-02-01\n").get() == ["350102 福建省福州市鼓楼区"])
        #expect {
            try read("风险等级,开始日期\n高,2020-02-01\n").get()
        } throws: { error in
            guard case RuleFileError.noRegionColumn = error else { return false }
            return "\(error)".contains("no column for region_code (区划代码) or region_name (地区名称) (found: 风险等级, 开始日期)")
        }
    }

    @Test func everyBadRowIsListedWithWhatItsNameResolvedTo() throws {
        let found = try problems("""
            region_code,region_name,risk_level,from,to
            4201,湖北省武汉市,high,2020-01-01,
            3303,湖北省武汉市,high,2020-01-01,
            浙江省温州市,,high,2020-01-01,
            ,鼓楼区,high,2020-01-01,
            ,北京市丰台区花乡地区,high,2020-01-01,
            440305002,,high,2020-01-01,
            ,,high,2020-01-01,
            4202,湖北省黄石市,extreme,2020-01-01,
            """)
        #expect(found.count == 7)
        #expect(found[0] == "3 region_name: region_name 湖北省武汉市 does not agree with region_code 3303 (浙江省温州市): it has 湖北省 (42) "
            + "where the code's province is 浙江省 (33); correct the code or the name (the name alone is 湖北省武汉市 (4201))")
        #expect(found[1] == "4 region_code: \"浙江省温州市\" is a region name, not a code: it names 浙江省温州市 (3303); "
            + "write 3303 here, or move the name to region_name and leave region_code empty")
        #expect(found[2].hasPrefix("5 region_name: 鼓楼区 is ambiguous: it names 4 regions, 江苏省南京市鼓楼区 (320106), 江苏省徐州市鼓楼区 (320302), "
            + "福建省福州市鼓楼区 (350102), 河南省开封市鼓楼区 (410204)"))
        // Never widened to the part that resolved.
        #expect(found[3].hasPrefix("6 region_name: 北京市丰台区花乡地区: 北京市丰台区 is 北京市丰台区 (110106), but nothing inside it is named 花乡地区"))
        #expect(found[4] == "7 region_name: is empty and the gazetteer has no name for 440305002 (it lies in 广东省深圳市南山区); "
            + "write the region's name, or add the code to a gazetteer file of the config")
        #expect(found[5] == "8 region_code: region_code and region_name are both empty; write the region's code, its name, or both")
        #expect(found[6].hasPrefix("9 risk_level: "))
    }

    @Test func digitsInTheCodeColumnKeepTheCharacterMessage() throws {
        #expect(try problems("region_code,region_name,risk_level,from\n33O3,浙江省温州市,high,2020-01-01\n")
            == ["2 region_code: character 3 is \"O\"; a region code has only digits"])
    }

    @Test func theFieldsAreReadBeforeTheNamesAreSettled() throws {
        // A run reads the file before it knows the residents' community names: the row is kept, its name unsettled.
        let parsed = try RuleFile.parse(try rules("地区名称,风险等级,开始日期\n西湖区西溪社区,低,2020-02-07\n"), gazetteer: try Gazetteer.national())
        #expect(parsed.problems.isEmpty && parsed.rows.map(\.name) == ["西湖区西溪社区"])
        #expect(throws: RuleFileError.self) { try parsed.designations(in: try Gazetteer.national()) }
        #expect(try parsed.designations(in: try gazetteer()).map(\.region) == [.of("330106001001")])
    }
}
