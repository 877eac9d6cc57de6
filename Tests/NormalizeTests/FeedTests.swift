import Foundation
import Ingest
import Normalize
import RiskModel
import Machinery
import Testing
import TestSupport

/// Record-level rules: identities, dedupe and counts that reconcile (SPEC 1.2–1.4).
@Suite struct FeedTests {
    let a = "330111198001011236", b = "33011119900202456X"

    func write(_ text: String, _ name: String, in dir: URL) throws -> FeedInput {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return FeedInput(feed: (name as NSString).deletingPathExtension, path: url.path)
    }

    @Test func laterStayWithTheSameRecordIDReplacesTheEarlier() throws {
        let dir = try makeTemporaryDirectory()
        let first = try write("record_id,id_no,region_code,arrived_on,left_on\nr1,\(a),330302,2020-01-20,2020-01-22\nr2,\(b),4201,2020-01-21,\n", "rail.csv", in: dir)
        let second = try write("record_id,source,id_no,region_code,arrived_on,left_on\nr1,rail,\(a),330302,2020-01-20,2020-01-25\n", "rail-fix.csv", in: dir)
        let batch = try TravelFeed.read([first, second], workers: Workers(2))
        #expect(batch.stays.stays.count == 2)
        let corrected = try #require(batch.stays.stays.first { $0.person.idNo == a })
        #expect(corrected.left == Day.of("2020-01-25"))
        #expect(batch.reports.map(\.duplicates) == [1, 0])
        for r in batch.reports { #expect(r.read == r.accepted + r.rejected + r.duplicates) }
    }

    /// A feed large enough to be read in chunks, where line breaks inside quoted names make guessed chunk
    /// boundaries fall inside quotes: every record must still be read once, with its own line number.
    @Test func quotedLineBreaksInALargeFeedKeepRecordsAndLineNumbers() throws {
        let dir = try makeTemporaryDirectory()
        var text = "record_id,id_no,name,region_code,arrived_on,note\n"
        var line = 2
        var badLines: [Int] = []
        let records = 90_000
        for i in 0..<records {
            let region = i % 997 == 0 ? "99999x" : "330302"
            if region != "330302" { badLines.append(line) }
            let name = i % 3 == 0 ? "\"张\n三 \(i)\n\"\"号\"\"\"" : "李四\(i)"
            text += "r\(i),\(a),\(name),\(region),2020-01-20,padding-to-make-the-file-large-enough-to-split-into-chunks\n"
            line += i % 3 == 0 ? 3 : 1
        }
        #expect(text.utf8.count > 8 << 20)
        let batch = try TravelFeed.read([try write(text, "rail.csv", in: dir)], workers: Workers(2))
        try #require(batch.rejects.count == badLines.count, "first reject: \(batch.rejects.first.map { "\($0.line) \($0.reason)" } ?? "none")")
        #expect(batch.rejects.map(\.line) == badLines)
        #expect(batch.rejects.allSatisfy { $0.column == "region_code" })
        #expect(batch.stays.count == records - badLines.count)
        let report = try #require(batch.reports.first)
        #expect(report.read == records && report.accepted == records - badLines.count)
        let part = try #require(batch.stays.parts.first)
        // Record 0 has the bad region; record 3 is the first accepted one with line breaks in its name, each now one
        // space (SPEC 1.1).
        #expect(part.contacts.entry(part.stays[2].contact)?.name == "张 三 3 \"号\"")
    }

    /// The snapshot holds residents' names and phones: their stays keep none (the travel feeds would otherwise keep
    /// a province's worth in memory and in the store), visitors' keep theirs, down to the last record of a file
    /// and one followed by a rejected row.
    @Test func residentsStaysKeepNoNameOrPhoneAndVisitorsKeepTheirs() throws {
        let dir = try makeTemporaryDirectory()
        let c = "11010519491231002X"
        let text = """
            record_id,id_no,name,phone,region_code,arrived_on
            r1,\(a),张三,13800000001,4201,2020-01-20
            r2,\(b),李四,13900000002,4201,2020-01-21
            r3,\(c),王五,,4201,2020-01-22
            r4,\(c),王五,,99999x,2020-01-22
            r5,\(b),,,4201,2020-01-23
            r6,\(a),,13800000001,4201,2020-01-24

            """
        let residents = FlatSet(digestsOf: [a, c].map { PersonKey.cn(String($0.prefix(17))) })
        let batch = try TravelFeed.read([try write(text, "rail.csv", in: dir)], residents: residents, workers: Workers(2))
        #expect(batch.rejects.map(\.line) == [5])
        let part = try #require(batch.stays.parts.first)
        let contacts = part.stays.map { stay in part.contacts.entry(stay.contact).map { "\($0.name) \($0.phone)" } }
        #expect(contacts == [nil, "李四 13900000002", nil, nil, nil])
        #expect(part.contacts.count == 1)
    }

    @Test func sameRecordIDFromAnotherSourceIsAnotherStay() throws {
        let dir = try makeTemporaryDirectory()
        let rail = try write("record_id,id_no,region_code,arrived_on\nr1,\(a),330302,2020-01-20\n", "rail.csv", in: dir)
        let telecom = try write("record_id,id_no,region_code,arrived_on\nr1,\(a),330302,2020-01-21\n", "telecom.csv", in: dir)
        #expect(try TravelFeed.read([rail, telecom], workers: Workers(2)).stays.count == 2)
    }

    @Test func withoutRecordIDIdentityIsThePersonRegionAndDays() throws {
        let dir = try makeTemporaryDirectory()
        let feed = try write("""
            身份证号,区划代码,到达日期,离开日期
            \(a),330302000000,2020-01-20,2020-01-22
            \(a),330302,2020/1/20,20200122
            \(a),330302,2020-01-20,2020-01-23
            """, "checkpoint.csv", in: dir)
        let batch = try TravelFeed.read([feed], workers: Workers(2))
        #expect(batch.stays.stays.count == 2)
        #expect(batch.reports[0].duplicates == 1)
    }

    @Test(arguments: [
        ("\(String(repeating: "1", count: 18)),330302,2020-01-20,", "id_no"),
        ("330111198001011236,3303021,2020-01-20,", "region_code"),
        ("330111198001011236,330302,2021-02-30,", "arrived_on"),
        ("330111198001011236,330302,2020-01-20,2020-01-19", "left_on"),
        ("330111198001011236,330302", ""),
    ])
    func rejectsNameTheColumn(row: String, column: String) throws {
        let dir = try makeTemporaryDirectory()
        let feed = try write("id_no,region_code,arrived_on,left_on\n\(row)\n", "t.csv", in: dir)
        let batch = try TravelFeed.read([feed], workers: Workers(2))
        #expect(batch.stays.stays.isEmpty)
        let reject = try #require(batch.rejects.first)
        #expect(reject.column == column)
        #expect(reject.line == 2)
        #expect(reject.raw == row)
        #expect(!reject.reason.isEmpty)
    }

    @Test func latestUpdatedAtWinsAndTiesGoToTheLaterRow() throws {
        let dir = try makeTemporaryDirectory()
        let header = "id_no,name,community_code,community_name,updated_at\n"
        let one = try write(header + "\(a),旧,330111004001,山水社区,2020-01-05\n\(b),甲,330111004001,山水社区,\n", "r1.csv", in: dir)
        let two = try write(header + "\(a),新,330111004002,富春社区,2020-01-06\n\(a),更旧,330111004003,某社区,2020-01-01\n\(b),乙,330111004001,山水社区,\n", "r2.csv", in: dir)
        let batch = try ResidentFeed.read([one, two], workers: Workers(2))
        #expect(batch.table.count == 2)
        let names = (0..<batch.table.count).map { batch.table.resident(at: $0) }.reduce(into: [String: String]()) { $0[$1.person.idNo] = $1.name }
        #expect(names[a] == "新")
        #expect(names[b] == "乙")
        #expect(batch.reports.map(\.duplicates) == [2, 1])
        for r in batch.reports { #expect(r.read == r.accepted + r.rejected + r.duplicates) }
        // The digests the travel feeds tell residents by (built beside the dedupe): the two people, once each.
        #expect(batch.people.count == 2)
        for i in 0..<batch.table.count { #expect(batch.people.contains(batch.table.resident(at: i).person.digest)) }
        #expect(!batch.people.contains(PersonKey.cn("33010619800101001").digest))
        // Not asked for them (as `check` does not), the reader leaves them out and reads the same snapshot.
        let bare = try ResidentFeed.read([one, two], digests: false, workers: Workers(2))
        #expect(bare.people.count == 0)
        #expect(bare.table.count == 2 && bare.reports.map(\.duplicates) == [2, 1])
    }

    @Test func ruleFileListsEveryBadLine() throws {
        let dir = try makeTemporaryDirectory()
        let rules = try write("""
            region_code,region_name,risk_level,from,to
            4201,武汉市,high,2020-01-01,
            42011,坏代码,high,2020-01-01,
            3303,温州市,extreme,2020-01-01,
            3304,嘉兴市,low,2020-02-30,
            """, "regions.csv", in: dir)
        #expect {
            try RuleFile.read(rules, gazetteer: try Gazetteer.national())
        } throws: { error in
            guard case let RuleFileError.invalidRows(_, problems) = error else { return false }
            return problems.map(\.line) == [3, 4, 5] && problems.map(\.column) == ["region_code", "risk_level", "from"]
        }
    }
}
