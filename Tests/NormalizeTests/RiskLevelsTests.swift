import Testing
import RiskModel
@testable import Normalize

@Suite struct RiskLevelsTests {
    @Test(arguments: [
        ("high", RiskLevel.high), ("High", .high), ("高", .high), ("高风险", .high), (" 高风险\u{3000}", .high),
        ("medium", .medium), ("MEDIUM", .medium), ("中", .medium), ("中风险", .medium),
        ("low", .low), ("低", .low), ("低风险", .low), ("ｌｏｗ", .low),
    ])
    func readsEveryAcceptedSpelling(raw: String, expected: RiskLevel) throws {
        #expect(try Fields.riskLevel(raw.utf8) == expected)
    }

    @Test(arguments: [
        ("高危", "\"高危\" is not a risk level; write high (高, 高风险), medium (中, 中风险) or low (低, 低风险)"),
        ("hi", "\"hi\" is not a risk level; write high (高, 高风险), medium (中, 中风险) or low (低, 低风险)"),
        ("", "is empty; a risk level is required"),
    ])
    func rejectsOtherWords(raw: String, reason: String) {
        let problem = #expect(throws: FieldProblem.self) { try Fields.riskLevel(raw.utf8) }
        #expect(problem?.reason.text(in: .english) == reason)
    }
}
