import Foundation
import Lifecycle
import Testing
import TestSupport

/// Run folders appear whole, `latest` only names committed runs, and recovery mends what a crash left.
@Suite struct PublisherTests {
    func staged(_ p: Publisher, _ name: String) throws -> URL {
        let s = try p.stage(name)
        try Data("serial\r\n".utf8).write(to: s.appendingPathComponent("measures.csv"))
        return s
    }

    func names(_ url: URL) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }

    @Test func publishingMovesTheStagedFolderAndLatestFollows() throws {
        let p = Publisher(root: try makeTemporaryDirectory("publisher"))
        let folder = try p.publish(try staged(p, "000001-2020-02-06"), name: "000001-2020-02-06", preview: false)
        #expect(folder.path == p.runs.appendingPathComponent("000001-2020-02-06").path)
        #expect(p.latestName() == nil, "latest moves only when told, after the commit")
        try p.pointLatest(to: "000001-2020-02-06")
        #expect(p.latestName() == "000001-2020-02-06")
        #expect(FileManager.default.fileExists(atPath: p.latest.appendingPathComponent("measures.csv").path))
        #expect(names(p.root) == ["latest", "runs"])
    }

    @Test func previewsNeverOverwriteEachOther() throws {
        let p = Publisher(root: try makeTemporaryDirectory("publisher"))
        let a = try p.publish(try staged(p, "000002-2020-02-07"), name: "000002-2020-02-07", preview: true)
        let b = try p.publish(try staged(p, "000002-2020-02-07"), name: "000002-2020-02-07", preview: true)
        #expect(a.lastPathComponent == "000002-2020-02-07" && b.lastPathComponent == "000002-2020-02-07-2")
        #expect(p.latestName() == nil)
    }

    @Test func recoveryPointsLatestAtACommittedRunWhoseSwapWasLost() throws {
        let p = Publisher(root: try makeTemporaryDirectory("publisher"))
        _ = try p.publish(try staged(p, "000001-2020-02-06"), name: "000001-2020-02-06", preview: false)
        try p.pointLatest(to: "000001-2020-02-06")
        _ = try p.publish(try staged(p, "000002-2020-02-07"), name: "000002-2020-02-07", preview: false)
        // Crashed after the commit of run 2, before the swap.
        try p.recover(committed: ["000001-2020-02-06", "000002-2020-02-07"])
        #expect(p.latestName() == "000002-2020-02-07")
        #expect(names(p.runs) == ["000001-2020-02-06", "000002-2020-02-07"])
    }

    @Test func recoveryMovesInTheStagedFolderOfACommittedRun() throws {
        let p = Publisher(root: try makeTemporaryDirectory("publisher"))
        _ = try p.publish(try staged(p, "000001-2020-02-06"), name: "000001-2020-02-06", preview: false)
        try p.pointLatest(to: "000001-2020-02-06")
        _ = try staged(p, "000002-2020-02-07")  // committed, then crashed before the rename
        try p.recover(committed: ["000001-2020-02-06", "000002-2020-02-07"])
        #expect(names(p.runs) == ["000001-2020-02-06", "000002-2020-02-07"])
        #expect(p.latestName() == "000002-2020-02-07")
        #expect(FileManager.default.fileExists(atPath: p.latest.appendingPathComponent("measures.csv").path))
        #expect(names(p.root) == ["latest", "runs"])
    }

    @Test func recoveryRemovesWhatNoCommittedRunOwns() throws {
        let p = Publisher(root: try makeTemporaryDirectory("publisher"))
        _ = try p.publish(try staged(p, "000001-2020-02-06"), name: "000001-2020-02-06", preview: false)
        try p.pointLatest(to: "000001-2020-02-06")
        _ = try staged(p, "000002-2020-02-07")  // crashed while writing
        _ = try p.publish(try staged(p, "000002-2020-02-07"), name: "000002-2020-02-07", preview: false)  // crashed before the commit
        try FileManager.default.createSymbolicLink(atPath: p.root.appendingPathComponent(".latest-99").path, withDestinationPath: "runs/000002-2020-02-07")
        try p.recover(committed: ["000001-2020-02-06"])
        #expect(names(p.root) == ["latest", "runs"])
        #expect(names(p.runs) == ["000001-2020-02-06"])
        #expect(p.latestName() == "000001-2020-02-06")
    }

    @Test func recoveryKeepsFoldersOfAnotherStoreSharingTheOutputFolder() throws {
        let p = Publisher(root: try makeTemporaryDirectory("publisher"))
        for name in ["000001-2020-02-06", "000002-2020-02-07", "000003-2020-02-08"] {
            _ = try p.publish(try staged(p, name), name: name, preview: false)
        }
        // A new store has committed run 1 only: the printed notices of the other store's runs 2 and 3 stay.
        try p.recover(committed: ["000001-2020-02-06"])
        #expect(names(p.runs) == ["000001-2020-02-06", "000003-2020-02-08"], "only the would-be run 2 can be a crash's leftover")
    }

    @Test func folderNamesSortInRunOrder() {
        #expect(Publisher.folderName(runID: 42, asOf: "2020-02-06") == "000042-2020-02-06")
        #expect(Publisher.folderName(runID: 9, asOf: "2020-03-01") < Publisher.folderName(runID: 10, asOf: "2020-02-01"))
    }
}
