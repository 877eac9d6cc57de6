import Foundation
import Testing
import TestSupport

/// Every packed store file carries a checksum, verified when it is read; files of earlier builds get one on first use.
@Suite struct StoreChecksumTests {
    /// Overwrites `count` bytes in the middle of a store file, keeping its size (as a disk fault or a stray write would).
    static func damage(_ url: URL, count: Int = 5000) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        let start = max(64, bytes.count / 2 - count / 2)
        for i in start..<min(bytes.count - 8, start + count) { bytes[i] = 0x41 }
        try Data(bytes).write(to: url)
    }

    /// Issue 27, case 3: 5,000 bytes of residents-1.bin overwritten, and a night without a residence feed exited 0
    /// with two people moved out of their community as "amended", unassigned.
    @Test func aDamagedResidentsSnapshotStopsTheNightNamingTheFileAndWhatToDo() throws {
        let ws = try Workspace("checksum-residents")
        try CrashTests.bigInput(ws, people: 400)
        try ws.night(asOf: "2020-02-06", residents: ["big-res.csv"], travel: ["big-travel.csv"])
        let file = try #require(try ws.storeFiles().first { $0.hasPrefix("residents-") })
        let url = URL(fileURLWithPath: ws.state + ".d").appendingPathComponent(file)
        try Self.damage(url)
        let history = try ws.history()
        let previous = try ws.committedFolders()

        let damaged = try ws.run(asOf: "2020-02-07")
        #expect(damaged.status == 4, "\(damaged)")
        #expect(damaged.stderr.contains("\(url.path): stored data is damaged (its checksum does not match"), "\(damaged)")
        #expect(damaged.stderr.contains("restore the state folder from a backup") && damaged.stderr.contains("--residents"), "\(damaged)")
        #expect(try ws.history() == history)
        #expect(ws.latestName() == previous.last)
        // Tonight's residence feed replaces the damaged snapshot, which is then not read.
        #expect(try ws.run(asOf: "2020-02-07", residents: ["big-res.csv"]).status == 0)
    }

    @Test func aDamagedStaysFileIsCaughtByItsChecksumToo() throws {
        let ws = try Workspace("checksum-stays")
        try CrashTests.bigInput(ws, people: 400)
        try ws.night(asOf: "2020-02-06", travel: ["big-travel.csv"])
        let file = try #require(try ws.staysFiles().first)
        try Self.damage(URL(fileURLWithPath: ws.state + ".d").appendingPathComponent(file), count: 200)
        let damaged = try ws.run(asOf: "2020-02-07")
        #expect(damaged.status == 4 && damaged.stderr.contains("\(file): stored data is damaged (its checksum does not match"), "\(damaged)")
    }

    /// A store whose files an earlier build wrote (the same layout, no checksum) is read as it is and its files are
    /// rewritten with a checksum on the first run, never refused for their age.
    @Test func filesOfAnEarlierBuildAreUpgradedWithAChecksumOnFirstUse() throws {
        let ws = try Workspace("checksum-upgrade")
        try CrashTests.bigInput(ws, people: 300)
        try ws.night(asOf: "2020-02-06", residents: ["big-res.csv"], travel: ["big-travel.csv"])
        let first = try ws.measures()
        // As the earlier build wrote them: magic "RSRSTAY4" / "RSRSRES1" and no checksum at the end.
        for (file, version) in [("stays-1.bin", UInt8(ascii: "4")), ("residents-1.bin", UInt8(ascii: "1"))] {
            let url = URL(fileURLWithPath: ws.state + ".d").appendingPathComponent(file)
            var bytes = [UInt8](try Data(contentsOf: url))
            bytes.removeLast(8)
            bytes[7] = version
            try Data(bytes).write(to: url)
            let update = "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.execute('UPDATE segment SET bytes = ? WHERE file = ?', (int(sys.argv[2]), sys.argv[3]))\nc.commit()"
            let r = try runProgram("/usr/bin/python3", ["-c", update, ws.state, "\(bytes.count)", file], in: ws.dir)
            try #require(r.status == 0, "\(r)")
        }

        let upgraded = try ws.run(asOf: "2020-02-06", extra: ["--no-render", "--force"])
        try #require(upgraded.status == 0, "\(upgraded)")
        for file in ["stays-1.bin", "residents-1.bin"] {
            #expect(upgraded.stderr.contains("store file of an earlier build rewritten with a checksum") && upgraded.stderr.contains("file=\(file)"),
                    "\(upgraded)")
        }
        #expect(try ws.sql("SELECT file FROM segment WHERE runID = 1 AND kind IN ('stays', 'residents') ORDER BY kind")
                == ["residents-1-c.bin", "stays-1-c.bin"])
        #expect(withoutStatus(try ws.measures()) == withoutStatus(first), "the same stays and residents")
        try CrashTests.expectRecovered(ws)

        // The rewritten file is checked like a new one.
        try Self.damage(URL(fileURLWithPath: ws.state + ".d").appendingPathComponent("residents-1-c.bin"))
        let damaged = try ws.run(asOf: "2020-02-07")
        #expect(damaged.status == 4 && damaged.stderr.contains("residents-1-c.bin: stored data is damaged"), "\(damaged)")
    }
}
