import Foundation
import Ingest
import Machinery
@testable import Normalize
import RiskModel
import Testing
import TestSupport

/// Feeds of 8 MiB and more are read in chunks, eight per worker; whatever the number of workers (on any machine),
/// the stays, rejects and counts are those of one sequential pass.
@Suite(.serialized) struct ChunkedFeedTests {
    /// About 12 MB of travel records with corrections (a record id sent again), bad rows, and names quoted with a
    /// line break inside, so that guessed chunk boundaries fall inside quotes too.
    static let feed: URL = {
        let dir = (try? makeTemporaryDirectory("chunked-feed")) ?? URL(fileURLWithPath: NSTemporaryDirectory())
        var text = "record_id,source,id_no,name,region_code,arrived_on,left_on\n"
        var random = SplitMix64(seed: 5)
        let ids = ["330183196001101007", "11010519491231002X", "330111198001011236", "420106198507090550"]
        for i in 0..<150_000 {
            let record = random.below(10) == 0 ? random.below(max(i, 1)) : i  // a correction resends an earlier id
            let name = i % 50 == 0 ? "\"张\n三 \(i)\"" : "李四\(i)"
            let region = i % 997 == 0 ? "99999x" : ["330302", "420102", "3303", "110105001"][random.below(4)]
            text += "R\(record),rail,\(ids[random.below(4)]),\(name),\(region),2020-01-\(10 + random.below(15)),\n"
        }
        let url = dir.appendingPathComponent("rail.csv")
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }()

    static var input: FeedInput { FeedInput(feed: "rail", path: feed.path) }

    /// Every stay with its name and phone (a contact's index counts within its part, which chunks number apart).
    static func described(_ stays: StayParts) -> [String] {
        stays.parts.flatMap { part in
            part.stays.map { stay in
                let contact = part.contacts.entry(stay.contact)
                return "\(stay.person) \(stay.identity) \(stay.region) \(stay.days) \(contact?.name ?? "-") \(contact?.phone ?? "-")"
            }
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func aLargeFeedIsCutIntoEightChunksPerWorker(workers: Int) throws {
        let size = try FileManager.default.attributesOfItem(atPath: Self.feed.path)[.size] as? Int ?? 0
        try #require(size >= ChunkedFeed.minimumParallelBytes)
        let plan = try ChunkedFeed.plan([Self.input], schema: .travel, workers: Workers(workers))
        #expect(plan.chunkCount == (workers == 1 ? 0 : workers * ChunkedFeed.chunksPerWorker))
    }

    @Test(arguments: [2, 4])
    func chunkedReadingGivesWhatOnePassGives(workers: Int) throws {
        let one = try TravelFeed.read([Self.input], workers: .one)
        let chunked = try TravelFeed.read([Self.input], workers: Workers(workers))
        #expect(one.stays.count > 50_000)
        #expect(chunked.stays.parts.count > 1, "read in chunks")
        #expect(Self.described(chunked.stays) == Self.described(one.stays), "the same stays and contacts in the same order")
        #expect(chunked.rejects == one.rejects, "the same rejects with the same lines")
        #expect(one.rejects.count == 151, "every bad region code, once")
        #expect(chunked.reports == one.reports, "the same counts and hash")
        let report = try #require(one.reports.first)
        #expect(report.read == report.accepted + report.rejected + report.duplicates, "every record accounted for")
        #expect(report.duplicates > 1_000)
    }
}
