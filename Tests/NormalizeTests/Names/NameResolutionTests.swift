import RiskModel
import Testing
import TestSupport
@testable import Normalize

@Suite struct NameResolutionTests {
    @Test(arguments: [
        // Full names, short forms, levels skipped, a start below the province.
        ("浙江省温州市乐清市", "330382"),
        ("浙江温州乐清", "330382"),
        ("温州市乐清市", "330382"),
        ("温州乐清", "330382"),
        ("乐清市", "330382"),
        ("乐清", "330382"),
        ("浙江省乐清市", "330382"),
        ("浙江省", "33"),
        ("浙江", "33"),
        // Municipalities: their placeholder levels (110100 市辖区, 500200 县) are not units.
        ("北京市丰台区", "110106"),
        ("北京丰台", "110106"),
        ("丰台区", "110106"),
        ("北京市", "11"),
        ("重庆市城口县", "500229"),
        // Counties directly under a province.
        ("河南省济源市", "419001"),
        ("济源市", "419001"),
        ("湖北仙桃", "429004"),
        ("湖北省神农架林区", "429021"),
        ("神农架", "429021"),
        ("新疆维吾尔自治区石河子市", "659001"),
        ("海南省五指山市", "469001"),
        // Autonomous regions and prefectures, written short.
        ("新疆", "65"),
        ("新疆维吾尔自治区", "65"),
        ("内蒙古", "15"),
        ("内蒙古自治区呼和浩特市", "1501"),
        ("广西南宁", "4501"),
        ("广西壮族自治区南宁市", "4501"),
        ("延边朝鲜族自治州", "2224"),
        ("吉林省延边州", "2224"),
        ("延边州延吉市", "222401"),
        ("恩施州", "4228"),
        ("香港", "81"),
        // Names found in several provinces, resolved by what comes before them.
        ("江苏省南京市鼓楼区", "320106"),
        ("福建鼓楼区", "350102"),
        ("河南省鼓楼区", "410204"),
        ("北京市朝阳区", "110105"),
        ("吉林省长春市朝阳区", "220104"),
        ("吉林市", "2202"),
        // SPEC 1.1 trimming and folding; spaces inside are dropped.
        ("\u{3000}浙江省温州市乐清市\u{3000}", "330382"),
        (" 浙江省 温州市 乐清市 ", "330382"),
    ])
    func resolvesFromTheNationalTable(name: String, code: String) throws {
        let resolved = try Gazetteer.national().resolve(name)
        #expect(resolved.code == .of(code))
        #expect(resolved.widening == nil)
    }

    @Test(arguments: [
        ("鼓楼区", ["320106", "320302", "350102", "410204"]),
        ("朝阳区", ["110105", "220104"]),
        ("吉林", ["22", "2202"]),
        ("恩施", ["4228", "422801"]),
        ("通州区", ["110112", "320612"]),
        ("河南", ["41", "632324"]),                         // 河南省, and 青海's 河南蒙古族自治县
    ])
    func ambiguousNamesListEveryCandidate(name: String, codes: [String]) throws {
        let gazetteer = try Gazetteer.national()
        #expect {
            try gazetteer.resolve(name)
        } throws: { error in
            guard case let .ambiguous(_, candidates) = error as? NameProblem else { return false }
            return candidates.map(\.code) == codes.map(RegionCode.of)
                && candidates.map(\.fullName) == codes.map { gazetteer.fullName(of: .of($0)) ?? "" }
        }
    }

    @Test func anAmbiguousNameSaysWhatToWrite() throws {
        let error = try #require(throws: NameProblem.self) { try Gazetteer.national().resolve("朝阳区") }
        #expect(error.description == "朝阳区 is ambiguous: it names 2 regions, 北京市朝阳区 (110105), 吉林省长春市朝阳区 (220104); "
            + "write the province or city before it (北京市朝阳区)")
        #expect(error.message.text(in: .chinese) == "“朝阳区”有歧义，可指 2 个地区：北京市朝阳区（110105）、吉林省长春市朝阳区（220104）；"
            + "请在前面写明所属省、市（如“北京市朝阳区”）")
    }

    @Test func aStreetMissingFromTheGazetteerIsNeverWidened() throws {
        let gazetteer = try Gazetteer.national()
        let error = try #require(throws: NameProblem.self) { try gazetteer.resolve("北京市丰台区花乡地区") }
        #expect(error == .unresolvedTail(name: "北京市丰台区花乡地区", resolved: "北京市丰台区",
                                         candidates: [NameCandidate(code: .of("110106"), fullName: "北京市丰台区")],
                                         tail: "花乡地区", suggestions: []))
        #expect(error.description.hasPrefix("北京市丰台区花乡地区: 北京市丰台区 is 北京市丰台区 (110106), but nothing inside it is named 花乡地区;"))
    }

    @Test func widenReturnsTheDeepestResolvedUnitWithAWarning() throws {
        let resolved = try Gazetteer.national().resolve("北京市丰台区花乡地区", widen: true)
        #expect(resolved.code == .of("110106"))
        #expect(resolved.fullName == "北京市丰台区")
        #expect(resolved.warning?.text(in: .english) == "北京市丰台区花乡地区 designated as 北京市丰台区 (110106), wider than written: nothing inside it is named 花乡地区")
        #expect(resolved.warning?.text(in: .chinese) == "“北京市丰台区花乡地区”按 北京市丰台区（110106）划定，范围大于原文：其中没有名为“花乡地区”的地区")
    }

    @Test func widenDoesNotPickBetweenAmbiguousStarts() throws {
        let gazetteer = try Gazetteer.national()
        #expect {
            try gazetteer.resolve("朝阳区双井街道", widen: true)
        } throws: { error in
            guard case let .unresolvedTail(_, resolved, candidates, tail, _) = error as? NameProblem else { return false }
            return resolved == "朝阳区" && tail == "双井街道" && candidates.map(\.code) == [.of("110105"), .of("220104")]
        }
    }

    @Test func aTypingErrorInTheTailGetsSuggestionsInsideTheResolvedUnit() throws {
        let error = try #require(throws: NameProblem.self) { try Gazetteer.national().resolve("浙江省温洲市乐清市") }
        guard case let .unresolvedTail(_, resolved, _, tail, suggestions) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(resolved == "浙江省")
        #expect(tail == "温洲市乐清市")
        #expect(suggestions.first?.code == .of("330382"))
    }

    @Test(arguments: [
        ("浙扛省温州市", "3303"),
        ("火星市乐清", "330382"),
    ])
    func aNameNothingMatchesListsTheClosestNames(name: String, closest: String) throws {
        let error = try #require(throws: NameProblem.self) { try Gazetteer.national().resolve(name) }
        guard case let .notFound(_, candidates) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(candidates.first?.code == .of(closest))
        #expect(candidates.count <= 5)
    }

    @Test func anEmptyNameIsAProblem() throws {
        #expect(throws: NameProblem.empty) { try Gazetteer.national().resolve(" \u{3000} ") }
    }

    // MARK: With a district's files

    @Test(arguments: [
        ("北京市丰台区新村街道", "110106010"),
        ("丰台区新村", "110106010"),
        ("北京丰台卢沟桥街道", "110106017"),
        ("北京市丰台区花乡地区", "110106018"),          // the 2022 name, from the later file
        ("朝阳区双井街道", "110105016"),                // only Beijing's 朝阳区 has this street
        ("房山区长阳镇", "110111105"),
        ("北京市朝阳区潘家园街道松榆东里社区", "110105018010"),
        ("潘家园街道松榆东里社区", "110105018010"),
        ("潘家园松榆东里", "110105018010"),
    ])
    func districtFilesResolveStreetsAndCommunities(name: String, code: String) throws {
        #expect(try beijingGazetteer().resolve(name).code == .of(code))
    }

    @Test func aRenamedStreetAnswersToItsNewNameOnly() throws {
        // The 2022 file renamed 花乡街道 to 花乡地区: 花乡 is its short form, and 街道 is left over.
        let gazetteer = try beijingGazetteer()
        #expect {
            try gazetteer.resolve("北京市丰台区花乡街道")
        } throws: { error in
            guard case let .unresolvedTail(_, resolved, candidates, tail, _) = error as? NameProblem else { return false }
            return resolved == "北京市丰台区花乡" && candidates.map(\.code) == [.of("110106018")] && tail == "街道"
        }
    }

    @Test func fullWidthTextInADistrictNameIsFolded() throws {
        let gazetteer = try Gazetteer.national().addingCommunities([.of("110106018001", "张郭庄(一)社区")])
        #expect(try gazetteer.resolve("丰台区张郭庄（一）社区").code == .of("110106018001"))
        #expect(try gazetteer.resolve("丰台区张郭庄（一）").code == .of("110106018001"))
    }
}
