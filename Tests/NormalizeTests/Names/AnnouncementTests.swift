import Foundation
import RiskModel
import Testing
import TestSupport
@testable import Normalize

@Suite struct AnnouncementTests {
    /// The names of `text` as (level, name, line).
    func entries(_ text: String, _ gazetteer: Gazetteer) -> [Entry] {
        Announcement.parse(text, gazetteer: gazetteer).entries.map { Entry($0.level, $0.name, $0.line) }
    }

    struct Entry: Hashable, CustomStringConvertible {
        var level: RiskLevel, name: String, line: Int
        init(_ level: RiskLevel, _ name: String, _ line: Int) { self.level = level; self.name = name; self.line = line }
        var description: String { "\(level) \(name) :\(line)" }
    }

    @Test func readsTheBeijingListOfMay2022() throws {
        let text = try String(contentsOf: announcementFixtures.appendingPathComponent("beijing-2022-05-25.txt"), encoding: .utf8)
        let gazetteer = try beijingGazetteer()
        let parsed = Announcement.parse(text, gazetteer: gazetteer)
        #expect(parsed.entries.map { Entry($0.level, $0.name, $0.line) } == [
            Entry(.high, "朝阳区南磨房地区双龙南里小区", 8),
            Entry(.high, "朝阳区潘家园街道松榆东里社区", 9),
            Entry(.high, "丰台区花乡地区", 11),
            Entry(.high, "房山区长阳镇", 12),
            Entry(.medium, "朝阳区双井街道", 16),
            Entry(.medium, "朝阳区劲松街道", 16),
            Entry(.medium, "丰台区新村街道", 18),
            Entry(.medium, "丰台区卢沟桥街道", 19),
            Entry(.medium, "海淀区北太平庄街道(部分区域)", 21),
            Entry(.medium, "东城区东花市街道", 23),
        ])
        #expect(parsed.entries[0].written == "南磨房地区双龙南里小区")
        #expect(parsed.problems.isEmpty)
        #expect(parsed.ignored.map(\.line) == [1, 2, 4, 25, 27, 28])
        #expect(parsed.ignored.map(\.reason) == [.preamble, .preamble, .summary, .catchAll, .closing, .closing])

        // Resolved as `rules import` would: the district files give the streets; what they lack fails.
        let resolved = Announcement.resolve(parsed, in: gazetteer)
        #expect(resolved.regions.map(\.region.canonical)
            == ["110105018010", "110106018", "110111105", "110105016", "110105017", "110106010", "110106017"])
        #expect(resolved.regions.first?.name == "北京市朝阳区潘家园街道松榆东里社区")
        // A 小区 below the street, a part of a street, a district without its file.
        #expect(resolved.failures.map(\.entry.line) == [8, 21, 23])
        #expect(resolved.failures.last?.description.hasPrefix("line 23: 东城区东花市街道: 东城区 is 北京市东城区 (110101), "
            + "but nothing inside it is named 东花市街道;") == true)
        #expect(resolved.widened.isEmpty)

        let widened = Announcement.resolve(parsed, in: gazetteer, widen: true)
        #expect(widened.failures.isEmpty)
        #expect(widened.widened.map(\.resolved.code) == [.of("110105021"), .of("110108008"), .of("110101")])
        #expect(widened.widened.first?.description
            == "line 8: 朝阳区南磨房地区双龙南里小区 designated as 北京市朝阳区南磨房地区 (110105021), wider than written: nothing inside it is named 双龙南里小区")
    }

    @Test(arguments: [
        // Numbering of every kind, separators of every kind.
        ("高风险地区\n1.丰台区\n2、海淀区\n(3)房山区\n（4）大兴区\n5)通州区\n①东城区", ["丰台区", "海淀区", "房山区", "大兴区", "通州区", "东城区"]),
        ("高风险地区\n一、丰台区\n（二）海淀区\n十堰市\n三门峡市", ["丰台区", "海淀区", "十堰市", "三门峡市"]),
        ("高风险地区\n丰台区、海淀区，房山区,大兴区；通州区;东城区。", ["丰台区", "海淀区", "房山区", "大兴区", "通州区", "东城区"]),
        // Names on the heading's line.
        ("高风险地区（2个）：丰台区、海淀区", ["丰台区", "海淀区"]),
        // Counts and times in brackets go; other remarks stay with the name.
        ("高风险地区\n丰台区（截至5月25日15时）\n海淀区(共2个)\n房山区（部分区域）", ["丰台区", "海淀区", "房山区(部分区域)"]),
        // A prefix nests in the one before it when it lies inside it, else replaces it.
        ("高风险地区\n北京市：\n朝阳区：双井街道\n丰台区：\n新村街道\n上海市：\n浦东新区", ["北京市朝阳区双井街道", "北京市丰台区新村街道", "上海市浦东新区"]),
        // An item that repeats its prefix is not prefixed twice.
        ("高风险地区\n北京市：\n北京市丰台区、朝阳区", ["北京市丰台区", "北京市朝阳区"]),
        // A heading ends the prefixes.
        ("高风险地区\n北京市：丰台区\n中风险地区\n浙江省温州市", ["北京市丰台区", "浙江省温州市"]),
        // Not a gazetteer name before the colon: the line is a name as it stands, for resolution to judge.
        ("高风险地区\n某某小区：1号楼", ["某某小区:1号楼"]),
    ])
    func readsNamesUnderHeadingsAndPrefixes(text: String, names: [String]) throws {
        #expect(entries(text, try Gazetteer.national()).map(\.name) == names)
    }

    @Test func headingsSetTheLevelAndSummariesSetNone() throws {
        let text = """
            全市中高风险地区名单
            截至今日，全市共有高风险地区1个，中风险地区1个，低风险地区1个。
            一、高风险地区
            丰台区
            中风险区（1个）
            海淀区
            低风险地区
            房山区
            本市中高风险地区共2个
            大兴区
            """
        let parsed = Announcement.parse(text, gazetteer: try Gazetteer.national())
        #expect(parsed.entries.map { Entry($0.level, $0.name, $0.line) }
            == [Entry(.high, "丰台区", 4), Entry(.medium, "海淀区", 6), Entry(.low, "房山区", 8)])
        // 中高风险 names two levels: lines 1, 2 and 9 are summaries; the last one ends the low-risk list.
        #expect(parsed.ignored.map(\.line) == [1, 2, 9])
        #expect(parsed.ignored.allSatisfy { $0.reason == .summary })
        #expect(parsed.problems == [AnnouncementRemark(line: 10, text: "大兴区", reason: .noLevel)])
    }

    @Test func labelsAreSkippedAndUnknownPrefixesStopTheImport() throws {
        let text = "经研究，将丰台区调整为高风险地区。\n具体名单如下：\n花园街道：\n1.某某社区\n丰台区：\n新村街道"
        let parsed = Announcement.parse(text, gazetteer: try Gazetteer.national())
        #expect(parsed.ignored == [AnnouncementRemark(line: 2, text: "具体名单如下", reason: .label)])
        #expect(parsed.problems == [AnnouncementRemark(line: 3, text: "花园街道", reason: .unknownPrefix)])
        #expect(parsed.entries.map(\.name) == ["某某社区", "丰台区新村街道"])
    }

    @Test(arguments: [
        ("1.丰台区", "丰台区"), ("12、丰台区", "丰台区"), ("(3)丰台区", "丰台区"), ("①丰台区", "丰台区"),
        ("一、丰台区", "丰台区"), ("(十二)丰台区", "丰台区"), ("十堰市", "十堰市"), ("二七区", "二七区"),
        ("2022年5月25日", "2022年5月25日"), ("1号楼", "1号楼"),
    ])
    func numberingIsDroppedAndNothingElse(item: String, name: String) {
        #expect(Announcement.dropNumbering(Announcement.fold(item)) == name)
    }
}
