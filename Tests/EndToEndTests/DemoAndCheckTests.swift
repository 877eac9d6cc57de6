import Foundation
import Testing
import TestSupport

/// The demo district through the binary, and `check` on bad policies and rule files.
@Suite struct DemoAndCheckTests {
    @Test func demoDistrictGivesTheWenzhouVisitorHomeQuarantine() throws {
        let dir = try freshCopy(ofFixture: "demo")
        let result = try riskscreen(["run", "--config", "riskscreen.toml", "--out", "out", "--state", "state/s.sqlite"], in: dir)
        #expect(result.status == 0, "\(result)")
        let folder = URL(fileURLWithPath: result.lastLine)
        let measures = try csvLines(folder.appendingPathComponent("measures.csv"))
        let story = try #require(measures.first { $0.contains("张建国") }, "\(measures)")
        #expect(story.contains(",330111004002,山水社区,LS-SS-01,"))
        #expect(story.hasSuffix(",home_quarantine,medium,330300000000,浙江省温州市,2020-01-24,2020-02-07,direct,330302000000,浙江省温州市鹿城区"))
        let golden = fixtures.appendingPathComponent("golden/demo/measures.csv")
        let actual = try String(contentsOf: folder.appendingPathComponent("measures.csv"), encoding: .utf8)
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(golden.path)")
        } else {
            #expect(actual == (try String(contentsOf: golden, encoding: .utf8)))
        }
        // One batch per community with new notices, and worklists beside them.
        let batches = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("batches").path)
        #expect(batches.contains("notices-330111004002.pdf"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("worklists/worklist-330111004002.xlsx").path))
    }

    @Test func theSameNightInAnotherFolderPrintsTheSameBytes() throws {
        // Two offices (or a rerun from a restored backup) running the same inputs on fresh stores must hand the
        // printer and the grid workers the same files: PDFs, worklists and CSVs, byte for byte.
        var folders: [(dir: URL, run: URL)] = []
        for i in 0..<2 {
            // A second apart, so a wall-clock stamp (PDF and XLSX metadata keep whole seconds) would show.
            if i == 1 { Thread.sleep(forTimeInterval: 1.1) }
            let dir = try freshCopy(ofFixture: "demo")
            let result = try riskscreen(["run", "--config", "riskscreen.toml", "--out", "out", "--state", "state/s.sqlite"], in: dir)
            try #require(result.status == 0, "\(result)")
            folders.append((dir, URL(fileURLWithPath: result.lastLine)))
        }
        func files(_ run: URL) -> [String] {
            (FileManager.default.enumerator(atPath: run.path)?.allObjects as? [String] ?? []).filter {
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: run.appendingPathComponent($0).path, isDirectory: &isFolder) && !isFolder.boolValue
            }.sorted()
        }
        let names = files(folders[0].run)
        #expect(names == files(folders[1].run))
        try #require(names.contains { $0.hasSuffix(".pdf") } && names.contains { $0.hasSuffix(".xlsx") }, "\(names)")
        // The manifest and the report also hold timings; rejects.csv names each input by its path, which differs.
        for name in names where !["manifest.json", "report.html"].contains(name) {
            var bytes = try [folders[0], folders[1]].map { try Data(contentsOf: $0.run.appendingPathComponent(name)) }
            if name == "rejects.csv" {
                bytes = zip(bytes, folders).map { Data(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: $1.dir.path, with: "DIR").utf8) }
            }
            #expect(bytes[0] == bytes[1], "\(name) differs between the two folders")
        }
    }

    @Test func manifestCountsReconcileWithTheRowsRead() throws {
        let dir = try freshCopy(ofFixture: "demo")
        let result = try riskscreen(["run", "--config", "riskscreen.toml", "--out", "out", "--state", "state/s.sqlite", "--no-render"], in: dir)
        #expect(result.status == 0, "\(result)")
        let data = try Data(contentsOf: URL(fileURLWithPath: result.lastLine).appendingPathComponent("manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.count == 4)
        var rejected = 0
        for input in inputs {
            let n = { (k: String) in input[k] as? Int ?? -1 }
            #expect(n("read") == n("accepted") + n("rejected") + n("duplicates"), "\(input)")
            #expect((input["sha256"] as? String)?.count == 64)
            rejected += n("rejected")
        }
        let rejects = try csvLines(URL(fileURLWithPath: result.lastLine).appendingPathComponent("rejects.csv"))
        #expect(rejects.count - 1 == rejected)
        #expect((manifest["policy"] as? [String: Any])?["sha256"] as? String != nil)
        #expect((inputs.first { ($0["file"] as? String)?.hasSuffix("travel_telecom.csv") == true })?["encoding"] as? String == "gb18030")
    }

    @Test(arguments: [
        ("policy_unknown_key.toml", "lookback_dayz"), ("policy_missing_level.toml", "levels.low"),
        ("policy_bad_action.toml", "levels.medium.action"), ("policy_bad_coarse.toml", "levels.high.coarse"),
        ("policy_bad_days.toml", "levels.low.days"), ("policy_negative_lookback.toml", "lookback_days"),
        ("policy_not_toml.toml", ":3"),
    ])
    func badPolicyIsAConfigurationError(file: String, names: String) throws {
        let dir = try freshCopy(ofFixture: "cases/bad-policy")
        let result = try riskscreen(["check", "--policy", file, "--regions", "regions.csv"], in: dir)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains(file) && result.stderr.contains(names), "\(result)")
    }

    @Test func checkListsRejectsAndWritesNothing() throws {
        let dir = try freshCopy(ofFixture: "cases/reject-rate")
        let over = try riskscreen(["check", "--policy", "policy.toml", "--regions", "regions.csv", "--travel", "travel_over.csv"], in: dir)
        #expect(over.status == 2, "\(over)")
        #expect(over.stdout.contains("travel_over.csv:11: id_no:") && over.stdout.contains("travel_over.csv:61: id_no:"), "\(over)")
        let fine = try riskscreen(["check", "--policy", "policy.toml", "--regions", "regions.csv", "--travel", "travel_at_limit.csv"], in: dir)
        #expect(fine.status == 0, "\(fine)")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == ["README.md", "case.md", "policy.toml", "regions.csv", "travel_at_limit.csv", "travel_over.csv"])
    }

    @Test func badRuleFileStopsCheckWithEveryLine() throws {
        let dir = try freshCopy(ofFixture: "cases/bad-rule-file")
        let result = try riskscreen(["check", "--policy", "policy.toml", "--regions", "regions.csv"], in: dir)
        #expect(result.status == 2, "\(result)")
        for line in [3, 4, 5, 6, 7, 8, 9, 11] { #expect(result.stderr.contains("regions.csv:\(line):"), "\(result)") }
    }

    @Test(arguments: ["", "\u{FEFF}", "\n\n"])
    func aFeedFileWithoutEvenAHeaderIsAnEmptyFeed(content: String) throws {
        let dir = try freshCopy(ofFixture: "cases/reject-rate")
        try content.write(to: dir.appendingPathComponent("empty.csv"), atomically: true, encoding: .utf8)
        let args = ["run", "--as-of", "2020-02-06", "--policy", "policy.toml", "--regions", "regions.csv", "--travel", "empty.csv",
                    "--out", "out", "--state", "state/s.sqlite", "--no-render"]
        let refused = try riskscreen(args, in: dir)
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("empty.csv: no records; pass --allow-empty"), "\(refused)")
        let allowed = try riskscreen(args + ["--allow-empty"], in: dir)
        #expect(allowed.status == 0, "\(allowed)")
    }
}
