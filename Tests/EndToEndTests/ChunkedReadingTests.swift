import Foundation
import Testing
import TestSupport

/// Feeds of 8 MiB and more are read in chunks on all cores; the results must be those of one sequential pass.
@Suite struct ChunkedReadingTests {
    @Test func chunkedReadingGivesWhatOnePassGives() throws {
        let dir = try makeTemporaryDirectory("chunked")
        // About 12 MB per travel file, with corrections (same record id resent) and bad rows spread through them.
        let made = try riskscreen(["generate", "--residents", "60000", "--stays", "420000", "--bad-rows", "0.002", "--seed", "11", "--out", "in"], in: dir)
        try #require(made.status == 0, "\(made)")
        let size = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("in/travel_rail.csv").path)[.size] as? Int ?? 0
        #expect(size > 8 << 20, "the feed must be large enough to be split")
        var folders: [URL] = []
        for threads in ["1", "3"] {
            let result = try riskscreen(["run", "--as-of", "2020-02-06", "--policy", "in/policy.toml", "--regions", "in/regions.csv",
                                         "--residents", "in/residents.csv", "--travel", "in/travel_rail.csv", "--travel", "in/travel_telecom.csv",
                                         "--travel", "in/travel_checkpoint.csv", "--out", "out\(threads)", "--state", "state\(threads)/s.sqlite",
                                         "--no-render"], in: dir, environment: ["RISKSCREEN_THREADS": threads])
            try #require(result.status == 0, "\(result)")
            folders.append(URL(fileURLWithPath: result.lastLine))
        }
        for file in ["measures.csv", "rejects.csv"] {
            let one = try String(contentsOf: folders[0].appendingPathComponent(file), encoding: .utf8)
            let chunked = try String(contentsOf: folders[1].appendingPathComponent(file), encoding: .utf8)
            #expect(one == chunked, "\(file) differs between one pass and chunks")
            #expect(one.count > 200, "\(file) has content")
        }
        func inputs(_ folder: URL) throws -> [[String: AnyHashable]] {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any]
            return (json?["inputs"] as? [[String: AnyHashable]]) ?? []
        }
        let (a, b) = (try inputs(folders[0]), try inputs(folders[1]))
        #expect(a == b, "per-file counts and hashes agree")
        // SPEC 4: the manifest's SHA-256 is the file's, whether it was hashed alongside chunks or in one pass.
        for input in a {
            let path = try #require(input["file"] as? String)
            let digest = try runProgram("/usr/bin/sha256sum", [path], in: dir)
            #expect(digest.stdout.split(separator: " ").first.map(String.init) == input["sha256"] as? String, "\(path)")
        }
        #expect(a.count == 4, "residents and three travel feeds")
        #expect(a.contains { ($0["duplicates"] as? Int ?? 0) > 0 }, "the corrections were counted as duplicates")

        // SPEC 1.2 and 1.3: the snapshot and stays read in chunks are stored as one, and a night without feeds
        // re-screens them to the same measures, every name, phone, grid and address as the feeds gave them.
        let night = try riskscreen(["run", "--as-of", "2020-02-06", "--policy", "in/policy.toml", "--regions", "in/regions.csv",
                                    "--out", "out3", "--state", "state3/s.sqlite", "--no-render"], in: dir)
        try #require(night.status == 0, "\(night)")
        let again = withoutStatus(try Workspace.measures(at: URL(fileURLWithPath: night.lastLine)))
        #expect(again == withoutStatus(try Workspace.measures(at: folders[1])), "the stored snapshot and stays give the first night's measures")
        #expect(again.count > 100)
    }

    /// SPEC 1.1 on a feed read in chunks whose guessed boundaries fall inside quoted names with line breaks:
    /// every bad row is in rejects.csv once, with the line it starts on, as a one-pass read gives it.
    @Test func quotedLineBreaksInAChunkedFeedKeepEachRejectsLine() throws {
        let dir = try freshCopy(ofFixture: "cases/coarse")
        var text = "record_id,id_no,name,region_code,arrived_on,note\n"
        var line = 2
        var badLines: [String] = []
        for i in 0..<90_000 {
            let bad = i % 997 == 0
            if bad { badLines.append(String(line)) }
            let name = i % 3 == 0 ? "\"张\n三 \(i)\n\"\"号\"\"\"" : "李四\(i)"
            text += "r\(i),330183196001101007,\(name),\(bad ? "99999x" : "330302"),2020-01-20,padding-to-make-the-feed-large-enough-to-split\n"
            line += i % 3 == 0 ? 3 : 1
        }
        try text.write(to: dir.appendingPathComponent("rail.csv"), atomically: true, encoding: .utf8)
        #expect(text.utf8.count > 8 << 20, "the feed must be large enough to be split")
        var rejects: [[[String]]] = []
        for threads in ["1", "3"] {
            let result = try riskscreen(["run", "--as-of", "2020-02-06", "--policy", "policy.toml", "--regions", "regions.csv",
                                         "--travel", "rail.csv", "--out", "out\(threads)", "--state", "state\(threads)/s.sqlite", "--no-render"],
                                        in: dir, environment: ["RISKSCREEN_THREADS": threads])
            try #require(result.status == 0, "\(result)")
            rejects.append(try csvLines(URL(fileURLWithPath: result.lastLine).appendingPathComponent("rejects.csv")).dropFirst().map {
                $0.components(separatedBy: ",")
            })
        }
        // feed,file,line,column,...
        #expect(rejects[1].map { $0[2] } == badLines, "lines of the chunked read")
        #expect(rejects[0].map { $0[2] } == badLines, "lines of the one-pass read")
        #expect(rejects[1].allSatisfy { $0[3] == "region_code" })
    }
}
