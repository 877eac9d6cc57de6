import Foundation
import Ingest
import RiskModel
import TestSupport
@testable import Normalize

/// The repository's `fixtures/announcements/` folder.
let announcementFixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures/announcements")

/// The national table, then Beijing's streets of four districts (current vintage), then two 2022 names
/// (南磨房地区, 花乡地区), then one community name as a residents' snapshot would give it.
func beijingGazetteer() throws -> Gazetteer {
    let files = ["beijing-streets.csv", "beijing-2022-names.csv"].map {
        FeedInput(feed: "gazetteer", path: announcementFixtures.appendingPathComponent($0).path)
    }
    // A made-up community code under 潘家园街道 (110105018): the residents' snapshot names communities.
    return try Gazetteer.combined(files: files, communities: [.init(code: .of("110105018010"), name: "松榆东里社区")])
}

/// Writes `text` to a fresh CSV file and returns its path.
func writeCSV(_ text: String, name: String = "gazetteer.csv") throws -> String {
    let url = try makeTemporaryDirectory("names").appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

extension Gazetteer.Entry {
    /// An entry from the digits of its code.
    static func of(_ digits: String, _ name: String) -> Gazetteer.Entry {
        Gazetteer.Entry(code: .of(digits), name: name)
    }
}
