import Foundation
import Testing
import RiskModel
import TestSupport
@testable import Normalize

/// The example of SPEC 1.5, verbatim.
private let specExample = """
name = "示例政策 2020-02"
lookback_days = 14
[levels.high]
action = "centralized_quarantine"   # 集中隔离
days = 14
coarse = "low"      # level used when a stay is known only at a region that contains a high-risk one
[levels.medium]
action = "home_quarantine"          # 居家隔离
days = 14
coarse = "low"
[levels.low]
action = "health_monitoring"        # 健康监测
days = 7
coarse = "none"
"""

/// The SPEC example with `old` replaced by `new` (which may be empty to delete a line).
private func example(replacing old: String, with new: String) -> String {
    precondition(specExample.contains(old), "test setup: \(old) is not in the example")
    return specExample.replacingOccurrences(of: old, with: new)
}

/// Parses `text` and returns the error's description lines (the test fails when it parses).
private func problems(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    let error = #expect(throws: PolicyError.self, sourceLocation: sourceLocation) { try Policy.parse(text, file: "policy.toml") }
    return error.map { $0.description.components(separatedBy: "\n") } ?? []
}

@Suite struct PolicyLoaderTests {
    @Test func loadsTheSpecExample() throws {
        let policy = try Policy.parse(specExample, file: "policy.toml")
        #expect(policy == Policy(name: "示例政策 2020-02", lookbackDays: 14, levels: [
            .high: LevelRule(action: .centralizedQuarantine, days: 14, coarse: .low),
            .medium: LevelRule(action: .homeQuarantine, days: 14, coarse: .low),
            .low: LevelRule(action: .healthMonitoring, days: 7, coarse: nil),
        ]))
    }

    @Test func loadsAFileWithABOMAndNamesItAfterTheFileWhenUnnamed() throws {
        let dir = try makeTemporaryDirectory("normalize-policy")
        let file = dir.appendingPathComponent("district-7.toml")
        let text = example(replacing: "name = \"示例政策 2020-02\"\n", with: "")
        try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: file)

        let policy = try Policy.load(path: file.path)
        #expect(policy.name == "district-7")
        #expect(policy.rule(.low).days == 7)
        #expect(policy.lookbackDays == 14)
    }

    @Test func zeroLookbackAndActionNoneAreAllowed() throws {
        let text = example(replacing: "lookback_days = 14", with: "lookback_days = 0")
            .replacingOccurrences(of: "action = \"health_monitoring\"", with: "action = \"none\"")
        let policy = try Policy.parse(text, file: "policy.toml")
        #expect(policy.lookbackDays == 0)
        #expect(policy.rule(.low).action == Action.none)
    }

    @Test(arguments: [
        (example(replacing: "action = \"home_quarantine\"", with: "action = \"home\""),
         "policy.toml: levels.medium.action: \"home\" is not one of centralized_quarantine, home_quarantine, health_monitoring, none"),
        (example(replacing: "days = 7", with: "days = 0"),
         "policy.toml: levels.low.days: is 0; it must be 1 or more days"),
        (example(replacing: "days = 7", with: "days = -3"),
         "policy.toml: levels.low.days: is -3; it must be 1 or more days"),
        (example(replacing: "days = 7", with: "days = \"7\""),
         "policy.toml: levels.low.days: expected a whole number of days, found text \"7\""),
        (example(replacing: "days = 7", with: "days = 7.5"),
         "policy.toml: levels.low.days: expected a whole number of days, found floating-point number 7.5"),
        (example(replacing: "lookback_days = 14\n", with: ""),
         "policy.toml: lookback_days: missing; say how many days before the as-of date to screen, e.g. lookback_days = 14"),
        (example(replacing: "lookback_days = 14", with: "lookback_days = -1"),
         "policy.toml: lookback_days: is -1; it must be 0 or more days"),
        (example(replacing: "lookback_days = 14", with: "lookback_days = 100000"),
         "policy.toml: lookback_days: is 100000; it must be at most 3660 days"),
        (example(replacing: "coarse = \"none\"", with: "coarse = \"高\""),
         "policy.toml: levels.low.coarse: \"高\" is not one of high, medium, low, none"),
        (example(replacing: "coarse = \"none\"", with: ""),
         "policy.toml: levels.low.coarse: missing; the level used when a stay is known only at a containing region (high, medium, low or none)"),
        (example(replacing: "lookback_days = 14", with: "lookback_days = 14\nlookback = 14"),
         "policy.toml: lookback: unknown key; a policy has only name, lookback_days, [levels.high], [levels.medium], [levels.low] and [health_code]"),
        (example(replacing: "days = 7", with: "days = 7\nnote = \"x\""),
         "policy.toml: levels.low.note: unknown key; a level has only action, days and coarse"),
        // Keys that are not bare are named as TOML writes them: an empty key, a key with a space or a dot.
        (example(replacing: "lookback_days = 14", with: "lookback_days = 14\n'' = 1"),
         "policy.toml: \"\": unknown key; a policy has only name, lookback_days, [levels.high], [levels.medium], [levels.low] and [health_code]"),
        (example(replacing: "days = 7", with: "days = 7\n\"a.b c\" = 1"),
         "policy.toml: levels.low.\"a.b c\": unknown key; a level has only action, days and coarse"),
        (specExample + "\n[levels.critical]\naction = \"none\"\ndays = 1\ncoarse = \"none\"\n",
         "policy.toml: levels.critical: unknown level; the levels are high, medium and low"),
        (example(replacing: "[levels.medium]\naction = \"home_quarantine\"          # 居家隔离\ndays = 14\ncoarse = \"low\"\n", with: ""),
         "policy.toml: levels.medium: missing; every level needs action, days and coarse"),
        ("name = \"x\"\nlookback_days = 14\n",
         "policy.toml: levels: missing; add [levels.high], [levels.medium] and [levels.low]"),
        ("name = \"x\"\nlookback_days = 14\nlevels = 3\n",
         "policy.toml: levels: expected a table ([levels.high] …), found integer 3"),
        (example(replacing: "name = \"示例政策 2020-02\"", with: "name = 2020"),
         "policy.toml: name: expected text in quotes, found integer 2020"),
    ])
    func namesTheFileAndTheKeyOfEachMistake(text: String, expected: String) {
        #expect(problems(text) == [expected])
    }

    @Test func collectsEveryProblemNotJustTheFirst() {
        let text = example(replacing: "lookback_days = 14", with: "lookback_days = -1\ncolour = \"red\"")
            .replacingOccurrences(of: "action = \"home_quarantine\"", with: "action = \"home\"")
            .replacingOccurrences(of: "days = 7", with: "days = 0")
            .replacingOccurrences(of: "coarse = \"none\"", with: "coarse = \"lowest\"")
        #expect(problems(text) == [
            "policy.toml: colour: unknown key; a policy has only name, lookback_days, [levels.high], [levels.medium], [levels.low] and [health_code]",
            "policy.toml: lookback_days: is -1; it must be 0 or more days",
            "policy.toml: levels.medium.action: \"home\" is not one of centralized_quarantine, home_quarantine, health_monitoring, none",
            "policy.toml: levels.low.days: is 0; it must be 1 or more days",
            "policy.toml: levels.low.coarse: \"lowest\" is not one of high, medium, low, none",
        ])
    }

    @Test func healthCodesDefaultToRedForQuarantineAndYellowForMonitoring() throws {
        let policy = try Policy.parse(specExample, file: "policy.toml")
        #expect(policy.healthCodes.colour(.centralizedQuarantine) == .red)
        #expect(policy.healthCodes.colour(.homeQuarantine) == .red)
        #expect(policy.healthCodes.colour(.healthMonitoring) == .yellow)
    }

    @Test func aHealthCodeTableChangesOnlyTheActionsItNames() throws {
        let policy = try Policy.parse(specExample + "\n[health_code]\nhome_quarantine = \"yellow\"\n", file: "policy.toml")
        #expect(policy.healthCodes.colour(.homeQuarantine) == .yellow)
        #expect(policy.healthCodes.colour(.centralizedQuarantine) == .red)
        #expect(policy.healthCodes.colour(.healthMonitoring) == .yellow)
    }

    @Test(arguments: [
        ("[health_code]\nquarantine = \"red\"\n",
         "policy.toml: health_code.quarantine: unknown action; [health_code] maps centralized_quarantine, home_quarantine, health_monitoring to a colour"),
        ("[health_code]\nnone = \"green\"\n",
         "policy.toml: health_code.none: unknown action; [health_code] maps centralized_quarantine, home_quarantine, health_monitoring to a colour"),
        ("[health_code]\nhome_quarantine = \"orange\"\n",
         "policy.toml: health_code.home_quarantine: \"orange\" is not one of red, yellow, green"),
        ("[health_code]\nhealth_monitoring = 2\n",
         "policy.toml: health_code.health_monitoring: expected one of red, yellow, green in quotes, found integer 2"),
        ("health_code = \"red\"\n",
         "policy.toml: health_code: expected a table mapping actions to colours ([health_code] with lines like home_quarantine = \"red\"), found text \"red\""),
    ])
    func aHealthCodeMistakeNamesItsKey(table: String, expected: String) {
        // A top-level key must come before the first table, so the table is put first.
        #expect(problems(table.hasPrefix("[") ? specExample + "\n" + table : table + specExample) == [expected])
    }

    @Test func reportsWhereMalformedTOMLBreaks() {
        let text = example(replacing: "days = 7", with: "days = = 7")
        let error = #expect(throws: PolicyError.self) { try Policy.parse(text, file: "policy.toml") }
        guard case .malformed(let file, let line, _, _) = error else {
            Issue.record("expected a malformed-TOML error, got \(String(describing: error))")
            return
        }
        #expect(file == "policy.toml")
        #expect(line == 13)
        #expect(error?.description.hasPrefix("policy.toml:13:") == true)
    }

    @Test func reportsAMissingFile() {
        let error = #expect(throws: PolicyError.self) { try Policy.load(path: "/nonexistent/policy.toml") }
        guard case .unreadable(let file, _) = error else {
            Issue.record("expected an unreadable-file error, got \(String(describing: error))")
            return
        }
        #expect(file == "/nonexistent/policy.toml")
        #expect(error?.description.hasPrefix("/nonexistent/policy.toml: cannot read the policy file") == true)
    }

    @Test func refusesAFileThatIsNotUTF8() throws {
        let file = try makeTemporaryDirectory("normalize-gbk").appendingPathComponent("policy.toml")
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x20, 0x3D, 0x20, 0x22, 0xD5, 0xFE, 0x22, 0x0A]).write(to: file) // name = "政" in GBK
        let error = #expect(throws: PolicyError.self) { try Policy.load(path: file.path) }
        #expect(error?.description.contains("not UTF-8") == true)
    }
}
