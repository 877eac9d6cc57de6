import Foundation
import Ingest
import RiskModel
import Testing
import TestSupport
@testable import Normalize

@Suite struct GazetteerTests {
    // MARK: The shipped table

    @Test(arguments: [
        ("33", "浙江省", "浙江省"),
        ("3303", "温州市", "浙江省温州市"),
        ("330382", "乐清市", "浙江省温州市乐清市"),
        ("330302", "鹿城区", "浙江省温州市鹿城区"),
        ("11", "北京市", "北京市"),
        ("110106", "丰台区", "北京市丰台区"),
        ("500229", "城口县", "重庆市城口县"),          // under 500200 县, a placeholder
        ("419001", "济源市", "河南省济源市"),          // under 4190 省直辖县级行政区划
        ("429004", "仙桃市", "湖北省仙桃市"),
        ("659001", "石河子市", "新疆维吾尔自治区石河子市"), // under 6590 自治区直辖县级行政区划
        ("4419", "东莞市", "广东省东莞市"),            // a prefecture without counties
        ("2224", "延边朝鲜族自治州", "吉林省延边朝鲜族自治州"),
        ("653132", "岑岭县", "新疆维吾尔自治区喀什地区岑岭县"), // set up in 2025: the table is current
        ("81", "香港特别行政区", "香港特别行政区"),
    ])
    func nationalTableNamesKnownCodes(code: String, unit: String, full: String) throws {
        let gazetteer = try Gazetteer.national()
        #expect(gazetteer.name(of: .of(code)) == unit)
        #expect(gazetteer.fullName(of: .of(code)) == full)
    }

    @Test func nationalTableHasEveryLevelAndNoPlaceholder() throws {
        let gazetteer = try Gazetteer.national()
        let entries = gazetteer.entries
        #expect(entries.filter { $0.code.length == 2 }.count == 34)
        #expect(entries.filter { $0.code.length == 4 }.count == 333)
        #expect(entries.filter { $0.code.length == 6 }.count == 2847)
        #expect(!entries.contains { PlaceName.isPlaceholder($0.name) })
        for placeholder in ["1101", "1102", "5001", "5002", "4190", "4290", "4690", "6590"] {
            #expect(!gazetteer.knows(.of(placeholder)), "\(placeholder) is a placeholder level")
        }
        // Each unit's nearest known ancestor is its province or prefecture.
        #expect(entries.allSatisfy { $0.code.length == 2 || gazetteer.parent(of: $0.code) != nil })
    }

    @Test func unknownCodesHaveNoFullName() throws {
        let gazetteer = try Gazetteer.national()
        #expect(gazetteer.fullName(of: .of("330302001")) == nil)
        #expect(gazetteer.knownAncestry(of: .of("330302001")) == [.of("33"), .of("3303"), .of("330302")])
    }

    // MARK: Forms of a name

    @Test(arguments: [
        ("乐清市", ["乐清市", "乐清"]),
        ("浙江省", ["浙江省", "浙江"]),
        ("赵县", ["赵县"]),                                   // one character would be left
        ("郊区", ["郊区"]),
        ("长阳土家族自治县", ["长阳土家族自治县", "长阳土家族", "长阳", "长阳县"]),
        ("新疆维吾尔自治区", ["新疆维吾尔自治区", "新疆维吾尔", "新疆", "新疆区"]),
        ("内蒙古自治区", ["内蒙古自治区", "内蒙古", "内蒙古区"]), // 蒙古 would leave one character
        ("西藏自治区", ["西藏自治区", "西藏", "西藏区"]),
        ("广西壮族自治区", ["广西壮族自治区", "广西壮族", "广西", "广西区"]),
        ("延边朝鲜族自治州", ["延边朝鲜族自治州", "延边朝鲜族", "延边", "延边州"]),
        ("恩施土家族苗族自治州", ["恩施土家族苗族自治州", "恩施土家族苗族", "恩施", "恩施州"]),
        ("博尔塔拉蒙古自治州", ["博尔塔拉蒙古自治州", "博尔塔拉蒙古", "博尔塔拉", "博尔塔拉州"]),
        ("管城回族区", ["管城回族区", "管城回族", "管城", "管城区"]),
        ("鄂伦春自治旗", ["鄂伦春自治旗", "鄂伦春", "鄂伦春旗"]),
        ("香港特别行政区", ["香港特别行政区", "香港"]),
        ("和田地区", ["和田地区", "和田"]),
        ("神农架林区", ["神农架林区", "神农架"]),
        ("北京市", ["北京市", "北京"]),                      // 京 is an ethnic group, but not before 自治
        ("花乡地区", ["花乡地区", "花乡"]),
        ("五马街道", ["五马街道", "五马"]),
        ("松榆东里社区居委会", ["松榆东里社区居委会", "松榆东里社区"]),
    ])
    func formsDropTheLongestGenericSuffixAndEthnicNames(name: String, forms: [String]) {
        #expect(PlaceName.forms(of: name) == forms)
    }

    @Test(arguments: [
        ("　浙江省温州市乐清市\u{3000}", "浙江省温州市乐清市"),
        (" 浙江省 温州市\t乐清市 ", "浙江省温州市乐清市"),
        ("张郭庄（一）社区", "张郭庄(一)社区"),
        ("第１社区", "第1社区"),
    ])
    func namesAreComparedTrimmedFoldedAndWithoutSpaces(written: String, comparable: String) {
        #expect(PlaceName.comparable(written) == comparable)
    }

    // MARK: Sources in order

    @Test func districtFilesAddStreetsAndALaterSourceWins() throws {
        let gazetteer = try beijingGazetteer()
        #expect(gazetteer.fullName(of: .of("110106010")) == "北京市丰台区新村街道")
        // beijing-streets.csv says 花乡街道 (today's name); beijing-2022-names.csv, read later, says 花乡地区.
        #expect(gazetteer.name(of: .of("110106018")) == "花乡地区")
        #expect(gazetteer.fullName(of: .of("110105018010")) == "北京市朝阳区潘家园街道松榆东里社区")
        #expect(gazetteer.descendants(of: .of("110105018")) == [.of("110105018010")])
        #expect(gazetteer.parent(of: .of("110105018010")) == .of("110105018"))
        #expect(gazetteer.count == 3214 + 126 + 1)
    }

    @Test func communityNamesAreTakenForTwelveDigitCodesOnly() throws {
        let gazetteer = try Gazetteer.national().addingCommunities([
            .of("110106018001", "张郭庄社区"), .of("110106", "一个居民的粗略社区名"), .of("110106018", "花乡"),
        ])
        #expect(gazetteer.name(of: .of("110106018001")) == "张郭庄社区")
        #expect(gazetteer.name(of: .of("110106")) == "丰台区")
        #expect(!gazetteer.knows(.of("110106018")))
        #expect(gazetteer.fullName(of: .of("110106018001")) == "北京市丰台区张郭庄社区")
    }

    @Test func anOlderVintageRenamesAndItsPlaceholdersAreLeftOut() throws {
        let path = try writeCSV("""
            区划代码,名称
            110100,市辖区
            4190,省直辖县级行政区划
            330382,乐清县
            500200,县

            """)
        let entries = try GazetteerFile.read(FeedInput(feed: "gazetteer", path: path))
        #expect(entries.count == 4)
        let gazetteer = try Gazetteer.national().adding(entries)
        #expect(gazetteer.name(of: .of("330382")) == "乐清县")
        #expect(!gazetteer.knows(.of("1101")) && !gazetteer.knows(.of("4190")) && !gazetteer.knows(.of("5002")))
        #expect(gazetteer.fullName(of: .of("419001")) == "河南省济源市")
        #expect(throws: NameProblem.self) { try gazetteer.resolve("市辖区") }
    }

    @Test func aDistrictFileIsReadLikeAnyFeedInGB18030() throws {
        let url = try makeTemporaryDirectory("names").appendingPathComponent("streets.csv")
        // "code,name", then 110106010000,"新村街道" in GB18030.
        let bytes = Array("code,name\r\n110106010000,\"".utf8) + [0xD0, 0xC2, 0xB4, 0xE5, 0xBD, 0xD6, 0xB5, 0xC0] + Array("\"\r\n".utf8)
        try Data(bytes).write(to: url)
        let entries = try GazetteerFile.read(FeedInput(feed: "gazetteer", path: url.path))
        #expect(entries == [.of("110106010", "新村街道")])
    }

    @Test func everyBadRowOfAGazetteerFileIsListed() throws {
        let path = try writeCSV("code,name\n110106010,新村街道\n11010601,某街道\n110106011,\n")
        do {
            _ = try GazetteerFile.read(FeedInput(feed: "gazetteer", path: path))
            Issue.record("a file with bad rows was read")
        } catch {
            guard case let .invalidRows(_, problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.map(\.line) == [3, 4])
            #expect(problems.map(\.column) == ["code", "name"])
            #expect(error.description.contains(":3: code: has 8 digits"))
        }
    }
}
