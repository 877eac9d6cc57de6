import Foundation
import Ingest
import Normalize
import RiskModel
import Testing
import TestSupport

/// The grid contacts file goes through the same CSV reader as the feeds; bad rows are skipped, not fatal.
@Suite struct GridContactFeedTests {
    func write(_ text: String) throws -> FeedInput {
        let url = try makeTemporaryDirectory().appendingPathComponent("grid_contacts.csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return FeedInput(feed: "grid_contacts", path: url.path)
    }

    @Test func readsContactsAndSkipsABadRowNamingItsLine() throws {
        let input = try write("\u{FEFF}community_code,grid_id,name,phone\r\n330302001001,G2,陈晓燕,13905770002\r\n3303020010,G9,坏行,1\r\n")
        let (contacts, skipped) = try GridContactFeed.read(input)
        #expect(contacts == [GridContact(community: .of("330302001001"), gridID: "G2", name: "陈晓燕", phone: "13905770002")])
        #expect(skipped.count == 1)
        #expect(skipped.first?.line == 3)
        #expect(skipped.first?.column == "community_code")
        #expect(skipped.first?.raw == "3303020010,G9,坏行,1")
    }

    @Test func chineseHeadersAndQuotedFieldsAreRead() throws {
        let input = try write("社区代码,网格,网格员,联系电话\n330111004002,\"LS-SS-01\",\"张, 杰\",0571-63361234\n")
        let (contacts, skipped) = try GridContactFeed.read(input)
        #expect(skipped.isEmpty)
        #expect(contacts.first?.name == "张, 杰")
        #expect(contacts.first?.phone == "057163361234")
    }

    @Test func aFileWithoutANameColumnIsAnError() throws {
        let input = try write("community_code,grid_id,phone\n")
        #expect(throws: IngestError.self) { try GridContactFeed.read(input) }
    }
}
