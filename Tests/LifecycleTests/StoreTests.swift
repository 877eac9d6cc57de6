import Foundation
import GRDB
@testable import Lifecycle
import RiskModel
import Screen
import Machinery
import Testing
import TestSupport

/// The state store keeps runs, notices and stays so the next night compares against exactly what was committed.
@Suite struct StoreTests {
    func record(_ id: Int64, asOf: String) -> RunRecord {
        RunRecord(id: id, asOf: asOf, startedAt: "", finishedAt: "", policyName: "p", policyFile: "policy.toml", policySHA256: "",
                  regionsFile: "regions.csv", regionsSHA256: "", folder: "00000\(id)-\(asOf)", measures: 0, newCount: 0, amendedCount: 0,
                  continuingCount: 0, rescindedCount: 0, rejects: 0, forced: false)
    }

    func stay(_ person: PersonKey, identity: UInt64, left: String) -> Stay {
        Stay(person: person, region: .of("420102"), arrived: .of("2020-01-25"), left: .of(left), identity: identity)
    }

    /// An empty store in a folder of its own.
    func freshStore() throws -> Store {
        try Store(path: try makeTemporaryDirectory("store").appendingPathComponent("s.sqlite").path)
    }

    /// Commits run `id` with stays or residents and no notices.
    func commitData(_ id: Int64, asOf: String, stays: StayParts? = nil, residents: ResidentTable? = nil, into store: Store) throws {
        let empty = Reconciler.reconcile([], previous: [], asOf: .of(asOf), lastSequence: { _ in 0 })
        _ = try store.commit(RunCommit(run: record(id, asOf: asOf), inputs: [], stays: stays, residents: residents, reconciliation: empty))
    }

    @Test func noticesInForceComeBackAsTheyWereCommitted() throws {
        let store = try freshStore()
        let resident = PersonKey.cn("33010619800101001")
        let visitor = try #require(PersonKey(type: .passport, text: Array("E12345678".utf8)))
        let findings = [
            finding(resident, Held(action: .homeQuarantine, until: "2020-02-15", community: "330106001")),  // a 9-digit canonical community
            finding(visitor, Held(action: .centralizedQuarantine, until: "2020-02-18", community: nil)),
        ]
        let r = try Reconciler.reconcile(findings, previous: [], asOf: .of("2020-02-06"), lastSequence: store.lastSequence)
        _ = try store.commit(RunCommit(run: record(1, asOf: "2020-02-06"), inputs: [], stays: nil, residents: nil, reconciliation: r))
        #expect(try store.noticesInForce() == r.notices.sorted { $0.serial < $1.serial })
        #expect(try store.lastSequence("330106001000-20200206-") == 1)

        // The next night against the stored notices: all continuing, nothing issued.
        let next = try Reconciler.reconcile(findings, previous: store.noticesInForce(), asOf: .of("2020-02-07"), lastSequence: store.lastSequence)
        #expect(next.notices.map(\.status) == [.continuing, .continuing])
        #expect(next.notices.map(\.serial) == r.notices.map(\.serial))
    }

    /// A notice SQLite refuses (here a serial already issued) fails the whole commit with SQLite's reason, and the
    /// store keeps only what was committed before: alone, and in the middle of a statement of many rows.
    @Test(arguments: [1, 600])
    func aRefusedNoticeFailsTheCommitAndLeavesTheStoreAsItWas(count: Int) throws {
        let store = try freshStore()
        let first = PersonKey.cn("33010619800101001")
        let held = Held(action: .homeQuarantine, until: "2020-02-15", community: "330106001")
        let r = try Reconciler.reconcile([finding(first, held)], previous: [], asOf: .of("2020-02-06"), lastSequence: store.lastSequence)
        _ = try store.commit(RunCommit(run: record(1, asOf: "2020-02-06"), inputs: [], stays: nil, residents: nil, reconciliation: r))

        let others = (0..<count).map { PersonKey.cn(String(33010619900101000 + $0)) }
        var clash = Reconciler.reconcile(others.map { finding($0, held) }, previous: [], asOf: .of("2020-02-07"), lastSequence: { _ in 0 })
        clash.notices[count / 2].serial = r.notices[0].serial
        #expect {
            _ = try store.commit(RunCommit(run: record(2, asOf: "2020-02-07"), inputs: [], stays: nil, residents: nil, reconciliation: clash))
        } throws: { error in
            "\(error)".contains("UNIQUE constraint failed: notice.serial")
        }
        #expect(try store.runs().map(\.id) == [1])
        #expect(try store.noticesInForce() == r.notices)
    }

    /// Notices are inserted many rows per statement, the rest one by one: a night of 600 (new, amended with the
    /// serial they replace, continuing, unassigned) comes back whole and exact.
    @Test func aNightOfManyNoticesComesBackExact() throws {
        let store = try freshStore()
        let people = (0..<600).map { PersonKey.cn(String(33010619900101000 + $0)) }
        func held(_ i: Int, days: Int) -> Held {
            Held(action: i % 3 == 0 ? .centralizedQuarantine : .homeQuarantine, until: (Day.of("2020-02-15") + days).description,
                 community: i % 7 == 0 ? nil : "33010600\(i % 4 + 1)")
        }
        let first = try Reconciler.reconcile(people.indices.map { finding(people[$0], held($0, days: 0)) }, previous: [],
                                             asOf: .of("2020-02-06"), lastSequence: store.lastSequence)
        _ = try store.commit(RunCommit(run: record(1, asOf: "2020-02-06"), inputs: [], stays: nil, residents: nil, reconciliation: first))
        #expect(try store.noticesInForce() == first.notices.sorted { $0.serial < $1.serial })

        // Every fifth person's measure is extended (amended); the others continue.
        let second = try Reconciler.reconcile(people.indices.map { finding(people[$0], held($0, days: $0 % 5 == 0 ? 2 : 0)) },
                                              previous: store.noticesInForce(), asOf: .of("2020-02-07"), lastSequence: store.lastSequence)
        #expect(second.count(.amended) == 120 && second.count(.continuing) == 480)
        _ = try store.commit(RunCommit(run: record(2, asOf: "2020-02-07"), inputs: [], stays: nil, residents: nil, reconciliation: second))
        #expect(try store.noticesInForce() == second.notices.sorted { $0.serial < $1.serial })
        #expect(try store.noticesInForce(after: store.runs().first { $0.id == 1 }).count == 600)
        try store.db.read { try $0.checkForeignKeys() }
    }

    /// SPEC 7: a release notice names the last printed notice of a measure. An amended notice ending on its own
    /// night is never printed; the one it replaced, printed the night before, is the one the person holds.
    @Test func theLastPrintedNoticeIsFoundThroughWhatASerialSuperseded() throws {
        let store = try freshStore()
        let p = PersonKey.cn("33010619800101001")
        let first = try Reconciler.reconcile([finding(p, Held(action: .homeQuarantine, until: "2020-02-10", community: "330106001001"))],
                                         previous: [], asOf: .of("2020-02-06"), lastSequence: store.lastSequence)
        _ = try store.commit(RunCommit(run: record(1, asOf: "2020-02-06"), inputs: [], stays: nil, residents: nil, reconciliation: first))
        // Amended to end on the night it is issued: listed, not printed.
        let second = try Reconciler.reconcile([finding(p, Held(action: .homeQuarantine, until: "2020-02-07", community: "330106001001"))],
                                              previous: store.noticesInForce(), asOf: .of("2020-02-07"), lastSequence: store.lastSequence)
        _ = try store.commit(RunCommit(run: record(2, asOf: "2020-02-07"), inputs: [], stays: nil, residents: nil, reconciliation: second))
        let (printed, unprinted) = (first.notices[0].serial, second.notices[0].serial)
        #expect(second.notices[0].status == .amended && printed != unprinted)
        #expect(try store.lastPrinted(from: printed) == printed)
        #expect(try store.lastPrinted(from: unprinted) == printed)
        #expect(try store.lastPrinted(from: "no-such-serial") == nil)
        // What the amended notice replaced comes back with it.
        #expect(try store.notices(serials: [unprinted]).first?.replaced
                == ReplacedMeasure(serial: printed, action: .homeQuarantine, until: .of("2020-02-10"), community: .of("330106001001")))
    }

    /// A second run on the same as-of date (forced) numbers its new notices after the first run's in each
    /// community, and the store keeps one last number per serial prefix, raised.
    @Test func aRerunOnTheSameDayContinuesTheNumbering() throws {
        let store = try freshStore()
        let held = Held(action: .homeQuarantine, until: "2020-02-15", community: "330106001")
        let people = (0..<3).map { PersonKey.cn(String(33010619900101000 + $0)) }
        let first = try Reconciler.reconcile(people.prefix(2).map { finding($0, held) }, previous: [], asOf: .of("2020-02-06"),
                                             lastSequence: store.lastSequence)
        _ = try store.commit(RunCommit(run: record(1, asOf: "2020-02-06"), inputs: [], stays: nil, residents: nil, reconciliation: first))
        let second = try Reconciler.reconcile(people.map { finding($0, held) }, previous: store.noticesInForce(), asOf: .of("2020-02-06"),
                                              lastSequence: store.lastSequence)
        _ = try store.commit(RunCommit(run: record(2, asOf: "2020-02-06"), inputs: [], stays: nil, residents: nil, reconciliation: second))
        #expect(second.notices.filter { $0.status == .new }.map(\.serial) == ["330106001000-20200206-0003"])
        #expect(try store.lastSequence("330106001000-20200206-") == 3)
        #expect(try store.db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM serialSequence") } == 1)
    }

    /// A night reads five columns of each notice in force, then only the notices it rescinds whole: it reconciles
    /// as the whole notices in force would, and its rescissions keep their names and places across the batches
    /// they are read in.
    @Test func theNightsLightReadReconcilesAsTheWholeNoticesInForce() throws {
        let store = try freshStore()
        let people = (0..<1250).map { PersonKey.cn(String(33010619900101000 + $0)) }
        func held(_ i: Int, days: Int) -> Held {
            Held(action: i % 3 == 0 ? .centralizedQuarantine : .homeQuarantine, until: (Day.of("2020-02-15") + days).description,
                 community: i % 7 == 0 ? nil : "33010600\(i % 4 + 1)")
        }
        func named(_ i: Int, days: Int = 0) -> Finding {
            var f = finding(people[i], held(i, days: days))
            f.name = "居民\(i)"
            f.assignment.address = f.assignment.community == nil ? "" : "\(i)号"
            return f
        }
        let first = try Reconciler.reconcile((0..<1200).map { named($0) }, previous: [], asOf: .of("2020-02-06"), lastSequence: store.lastSequence)
        _ = try store.commit(RunCommit(run: record(1, asOf: "2020-02-06"), inputs: [], stays: nil, residents: nil, reconciliation: first))
        let run = try #require(try store.lastRun())
        #expect(try store.priorNotices(after: run) == store.noticesInForce(after: run).map(PriorNotice.init))

        // The first 700 people are no longer found (more rescissions than one batch reads), every fifth of the
        // others is extended, and fifty people are new.
        let tonight = (700..<1250).map { named($0, days: $0 % 5 == 0 ? 2 : 0) }
        let light = try Reconciler.reconcile(tonight, previous: store.priorNotices(after: run), asOf: .of("2020-02-07"), workers: Workers(2),
                                             lastSequence: store.lastSequence, notices: store.notices(serials:),
                                             lastPrinted: store.lastPrinted(from:))
        let whole = try Reconciler.reconcile(tonight, previous: store.noticesInForce(after: run), asOf: .of("2020-02-07"),
                                             lastSequence: store.lastSequence)
        #expect(light.count(.new) == 50 && light.count(.amended) == 100 && light.count(.continuing) == 400)
        #expect(light.notices == whole.notices)
        #expect(light.rescinded == whole.rescinded)
        #expect(light.rescinded.map(\.name).sorted() == (0..<700).map { "居民\($0)" }.sorted())
        #expect(light.rescinded.filter { $0.assignment.community != nil }.allSatisfy { $0.assignment.address == "\($0.name.dropFirst(2))号" })

        // Read by serial, a notice comes back whole with the status it was issued with; an unknown serial is skipped.
        let some = [first.notices[1].serial, "330106001000-20200206-9999", first.notices[0].serial]
        #expect(try store.notices(serials: some) == [first.notices[0], first.notices[1]].sorted { $0.serial < $1.serial })
    }

    /// A run's rows go in without SQLite enforcing their foreign keys (for speed); debug builds, which every test
    /// runs, check them before committing, so a reconciler that carried a notice the store lacks fails the tests.
    @Test func aCarriedNoticeTheStoreLacksIsCaughtInDebugBuilds() throws {
        #if DEBUG
        let store = try freshStore()
        let held = Held(action: .homeQuarantine, until: "2020-02-15", community: "330106001")
        var r = try Reconciler.reconcile([finding(PersonKey.cn("33010619800101001"), held)], previous: [], asOf: .of("2020-02-06"),
                                         lastSequence: store.lastSequence)
        r.notices[0].status = .continuing
        #expect {
            _ = try store.commit(RunCommit(run: record(1, asOf: "2020-02-06"), inputs: [], stays: nil, residents: nil, reconciliation: r))
        } throws: { error in
            "\(error)".contains("FOREIGN KEY constraint violation - from runNotice(serial) to notice(serial)")
        }
        #expect(try store.runs().isEmpty)
        #endif
    }

    /// A stored stays file whose size is not what the store recorded is refused as damaged, naming the file and
    /// telling the operator to restore from a backup; reading it again after the repair works.
    @Test func aStaysFileOfTheWrongSizeIsRefusedAsDamaged() throws {
        let store = try freshStore()
        try commitData(1, asOf: "2020-02-06", stays: StayParts(stays: [stay(.cn("33010619800101001"), identity: 1, left: "2020-01-26")]), into: store)
        let file = store.dataFolder.appendingPathComponent("stays-1.bin")
        let good = try Data(contentsOf: file)
        try (good + Data([0])).write(to: file)
        #expect {
            _ = try store.stays(with: nil, workers: Workers(2))
        } throws: { error in
            "\(error)".contains("stays-1.bin: stored data is damaged (size differs from what the store recorded); restore the state folder from a backup")
        }
        try good.write(to: file)
        #expect(try store.stays(with: nil, workers: Workers(2)).stays.map(\.identity) == [1])
    }

    /// A stays file whose counts or contacts were damaged where its size still matches is refused with its name, as
    /// a wrong size is, instead of stopping the program on a count it cannot hold.
    @Test(arguments: [
        (16, UInt64.max, "a count larger than the file"),  // the parts
        (24, UInt64.max, "a count larger than the file"),  // the first part's stays
        (24, 1000, "a count larger than the file"),
        (32, 1 << 40, "a count larger than the file"),  // its contacts
        (88, 0xFFFF_FFFF_0000_0000, "a contact outside the part's text"),  // the end of its one contact
    ])
    func aStaysFileDamagedInsideIsRefusedWithItsName(offset: Int, value: UInt64, reason: String) throws {
        let store = try freshStore()
        var book = ContactBook()
        let contact = book.append(name: Array("访客".utf8), phone: Array("13800000000".utf8))
        let visitor = Stay(person: .cn("33010619800101001"), region: .of("420102"), arrived: .of("2020-01-25"), left: .of("2020-01-26"),
                           identity: 1, contact: contact)
        try commitData(1, asOf: "2020-02-06", stays: StayParts(stays: [visitor], contacts: book), into: store)
        let file = store.dataFolder.appendingPathComponent("stays-1.bin")
        var bytes = try Data(contentsOf: file)
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<offset + 8, with: $0) }
        try bytes.write(to: file)
        #expect {
            _ = try store.stays(with: nil, workers: Workers(2))
        } throws: { error in
            "\(error)".contains("stays-1.bin: stored data is damaged (\(reason))")
        }
    }

    /// Commits run 1 with one resident and returns its residents file.
    func storeOneResident(in store: Store) throws -> URL {
        var table = ResidentTable()
        table.append(person: .cn("33010619800101001"), community: .of("330106001001"), updatedAt: nil, name: Array("张三".utf8),
                     phone: Array("13800000000".utf8), communityName: Array("西溪社区".utf8), gridID: Array("G1".utf8), address: Array("1号".utf8))
        try commitData(1, asOf: "2020-02-06", residents: table, into: store)
        #expect(try store.residents()?.count == 1)
        return store.dataFolder.appendingPathComponent("residents-1.bin")
    }

    @Test func aResidentsFileWithADamagedCountIsRefusedWithItsName() throws {
        let store = try freshStore()
        let file = try storeOneResident(in: store)
        var bytes = try Data(contentsOf: file)
        withUnsafeBytes(of: UInt64.max) { bytes.replaceSubrange(16..<24, with: $0) }
        try bytes.write(to: file)
        #expect {
            _ = try store.residents()
        } throws: { error in
            "\(error)".contains("residents-1.bin: stored data is damaged (a count larger than the file)")
        }
    }

    /// A stored resident whose text length was damaged reads the text that is there, never past the file's mapping.
    @Test func aResidentRowPointingPastItsTextReadsNoFurther() throws {
        let store = try freshStore()
        let file = try storeOneResident(in: store)
        var bytes = try Data(contentsOf: file)
        let at = 32 + MemoryLayout<ResidentTable.Row>.offset(of: \.length)!
        withUnsafeBytes(of: UInt32(1 << 30).littleEndian) { bytes.replaceSubrange(at..<at + 4, with: $0) }
        try bytes.write(to: file)
        // The checksum catches the damage first; with a checksum that matches, the reader must still stay in the file.
        #expect(throws: StoreError.self) { try store.residents() }
        try PackedFile.reseal(file)
        let stored = try #require(try store.residents())
        #expect(stored.resident(at: 0).address == "1号", "the text up to the end of the file")
    }

    @Test func laterStaysReplaceEarlierOnesWithTheSameIdentity() throws {
        let store = try freshStore()
        let p = PersonKey.cn("33010619800101001")
        let night1 = [stay(p, identity: 1, left: "2020-01-26"), stay(p, identity: 2, left: "2020-01-27")]
        try commitData(1, asOf: "2020-02-06", stays: StayParts(stays: night1), into: store)
        let incoming = [stay(p, identity: 1, left: "2020-02-01")]
        let merged = try store.stays(with: StayParts(stays: incoming), workers: Workers(2))
        #expect(merged.stays.map(\.identity).sorted() == [1, 2])
        #expect(merged.stays.first { $0.identity == 1 }?.left == .of("2020-02-01"))

        try commitData(2, asOf: "2020-02-07", stays: StayParts(stays: incoming), into: store)
        let stored = try store.stays(with: nil, workers: Workers(2)).stays
        #expect(stored.count == 2)
        #expect(stored.first { $0.identity == 1 }?.left == .of("2020-02-01"), "the later run's version wins")
    }

    /// Stored stays come back as views of the mapped file: every part (with contacts of odd lengths, so the
    /// file needs padding to keep each part's stays aligned) reads back as written, and a mapped block
    /// stays a view when a later run replaces one of its stays, skipping it.
    @Test func storedPartsComeBackMappedAndExact() throws {
        let store = try freshStore()
        var parts: [StayParts.Part] = []
        for p in 0..<3 {
            var book = ContactBook()
            var stays: [Stay] = []
            for i in 0..<(5 + p) {
                let person = PersonKey.cn("3301061980010100\(i)")
                let contact = i % 2 == 0 ? book.append(name: Array("访客\(p)-\(i)".utf8), phone: Array("1380000000\(i)".utf8)) : Stay.noContact
                stays.append(Stay(person: person, region: .of("420102"), arrived: .of("2020-01-25"), left: .of("2020-01-26"),
                                  identity: UInt64(100 * p + i + 1), contact: contact))
            }
            parts.append(StayParts.Part(stays: stays, contacts: book))
        }
        try commitData(1, asOf: "2020-02-06", stays: StayParts(parts: parts), into: store)

        let stored = try store.storedStays()
        try #require(stored.count == 1 && stored[0].count == 3)
        for (read, written) in zip(stored[0], parts) {
            #expect(read.stays.isMapped)
            #expect(Array(read.stays) == Array(written.stays))
            #expect(read.stays.map { read.contacts.entry($0.contact)?.name } == written.stays.map { written.contacts.entry($0.contact)?.name })
        }

        // A night that resends identity 102 (part 1): that part skips its old version and is still a view of the file.
        let night = StayParts(stays: [stay(PersonKey.cn("33010619800101009"), identity: 102, left: "2020-02-01")])
        let merged = Store.merge(try store.storedStays(), with: night, workers: Workers(2))
        #expect(merged.parts.map(\.stays.isMapped) == [true, true, true, false])
        #expect(merged.parts.map(\.stays.skipped) == [0, 1, 0, 0])
        #expect(merged.parts[1].stays.map(\.identity) == [101, 103, 104, 105, 106])
        #expect(merged.count == 18)
        #expect(merged.stays.filter { $0.identity == 102 }.map(\.left) == [.of("2020-02-01")])
    }

    /// A store written by a build whose stays took 48 bytes each still reads: its stays file is converted as it is
    /// read (not viewed in place), with every field, contact and part as written.
    @Test(arguments: [true, false])
    func aStaysFileOfTheFortyEightByteLayoutIsReadAndConverted(aligned: Bool) throws {
        let store = try freshStore()
        var book = ContactBook()
        let contact = book.append(name: Array("访客".utf8), phone: Array("13800000000".utf8))
        let stays = [
            Stay(person: .cn("33010619800101001"), region: .of("420102"), arrived: .of("0001-01-01"), left: .of("2020-01-26"), identity: 1,
                 contact: contact),
            Stay(person: PersonKey(type: .passport, text: Array("E12345678".utf8))!, region: .of("999999999999"), arrived: .of("2020-01-25"),
                 left: .of("9999-12-31"), identity: UInt64.max),
        ]
        try commitData(1, asOf: "2020-02-06", stays: StayParts(parts: [StayParts.Part(stays: stays, contacts: book)]), into: store)

        // The file as those builds wrote it: a header, then per part its counts, 48-byte stays, contacts, padding.
        var bytes: [UInt8] = []
        func put<T>(_ value: T) { withUnsafeBytes(of: value) { bytes += $0 } }
        put(UInt64(aligned ? 0x3359_4154_5352_5352 : 0x3259_4154_5352_5352)); put(UInt64(48)); put(UInt64(1))
        put(UInt64(stays.count)); put(UInt64(book.starts.count)); put(UInt64(book.bytes.count))
        for s in stays {
            put(s.person.hi); put(s.person.lo); put(s.region.raw); put(s.arrived.number); put(s.left.number); put(s.identity)
            put(s.contact); put(UInt32(0))
        }
        for start in book.starts { put(start) }
        bytes += book.bytes
        if aligned { bytes += [UInt8](repeating: 0, count: (8 - bytes.count % 8) % 8) }
        try Data(bytes).write(to: store.dataFolder.appendingPathComponent("stays-1.bin"))
        try DatabaseQueue(path: store.path).write { db in
            try db.execute(sql: "UPDATE segment SET bytes = ? WHERE file = 'stays-1.bin'", arguments: [bytes.count])
        }

        let read = try #require(try store.storedStays().first?.first)
        #expect(!read.stays.isMapped)
        #expect(Array(read.stays) == stays)
        #expect(read.contacts.entry(read.stays[0].contact)?.phone == "13800000000")
        #expect(read.stays[1].contact == Stay.noContact)
    }

    /// The stored residence snapshot comes back as a view of its file, with every resident's text intact,
    /// and still takes changes (it is copied out first).
    @Test func storedResidentsComeBackMappedAndExact() throws {
        let store = try freshStore()
        var table = ResidentTable()
        var written: [Resident] = []
        for i in 0..<7 {
            let r = Resident(person: .cn("3301061980010100\(i)"), name: "居民\(i)", phone: i % 3 == 0 ? "" : "1380000000\(i)",
                             community: .of("330106001"), communityName: "和平社区", gridID: "G-\(i)",
                             address: "杭州市西湖区和平社区\(i)幢", updatedAt: i % 2 == 0 ? nil : .of("2020-01-0\(i)"))
            table.append(person: r.person, community: r.community, updatedAt: r.updatedAt, name: Array(r.name.utf8), phone: Array(r.phone.utf8),
                         communityName: Array(r.communityName.utf8), gridID: Array(r.gridID.utf8), address: Array(r.address.utf8))
            written.append(r)
        }
        try commitData(1, asOf: "2020-02-06", residents: table, into: store)

        var stored = try #require(try store.residents())
        #expect(stored.count == written.count)
        #expect((0..<stored.count).map { stored.resident(at: $0) } == written)
        #expect(written.allSatisfy { stored.people().contains($0.person.digest) })
        #expect(stored.index(of: [written[4].person], workers: Workers(2)) == [written[4].person: 4])

        stored.append(person: .cn("33010619900101001"), community: .of("330106001"), updatedAt: nil, name: Array("新居民".utf8),
                      phone: [], communityName: Array("和平社区".utf8), gridID: [], address: [])
        #expect(stored.count == written.count + 1)
        #expect(stored.resident(at: 6) == written[6])
        #expect(stored.resident(at: 7).name == "新居民")
    }

    /// A run's transaction started early is invisible until finished; an abandoned one leaves the store as it was.
    /// A snapshot merged from the tables of its chunks keeps each chunk's text where it lies: every resident
    /// reads back whole (in memory, after later appends, and from the file it is stored as).
    @Test func residentsMergedFromChunksReadBackWholeInMemoryAndStored() throws {
        var written: [Resident] = []
        var chunks: [ResidentTable] = []
        for c in 0..<3 {
            var chunk = ResidentTable()
            for i in 0..<(c + 2) {
                let r = Resident(person: .cn("330106198001\(c)\(i)000"), name: "居民\(c)-\(i)", phone: "1390000\(c)\(i)00",
                                 community: .of("33010600\(c)"), communityName: "社区\(c)", gridID: "G-\(c)\(i)",
                                 address: String(repeating: "长", count: 3 * c + i), updatedAt: .of("2020-01-0\(i + 1)"))
                chunk.append(person: r.person, community: r.community, updatedAt: r.updatedAt, name: Array(r.name.utf8),
                             phone: Array(r.phone.utf8), communityName: Array(r.communityName.utf8), gridID: Array(r.gridID.utf8),
                             address: Array(r.address.utf8))
                written.append(r)
            }
            chunks.append(chunk)
        }
        var table = ResidentTable()
        for chunk in chunks { table.append(contentsOf: chunk) }
        #expect((0..<table.count).map { table.resident(at: $0) } == written)

        // Text appended after a merge goes after every chunk's.
        table.append(person: .cn("33010619900101001"), community: .of("330106001"), updatedAt: nil, name: Array("新居民".utf8),
                     phone: [], communityName: Array("和平社区".utf8), gridID: [], address: [])
        written.append(table.resident(at: table.count - 1))
        #expect(written.last?.name == "新居民")
        var twice = ResidentTable()
        twice.append(contentsOf: table)
        twice.append(contentsOf: chunks[0])
        #expect((0..<twice.count).map { twice.resident(at: $0) } == written + written.prefix(2))

        let store = try freshStore()
        try commitData(1, asOf: "2020-02-06", residents: twice, into: store)
        let stored = try #require(try store.residents())
        #expect(stored.arenaCount == twice.arenaCount)
        #expect((0..<stored.count).map { stored.resident(at: $0) } == written + written.prefix(2))
    }

    /// Tonight's snapshot keeps its rows in memory and reads its text back from the file just written: every
    /// resident reads back whole, the file it writes again is the same, a later append still works, and a file
    /// that is not the one written is refused with its name.
    @Test func residentsWrittenTonightReadTheirTextBackFromTheirFile() throws {
        var written: [Resident] = []
        var table = ResidentTable()
        for c in 0..<3 {
            var chunk = ResidentTable()
            for i in 0..<(c + 2) {
                let r = Resident(person: .cn("330106198002\(c)\(i)000"), name: "居民\(c)-\(i)", phone: i == 0 ? "" : "1390000\(c)\(i)00",
                                 community: .of("33010600\(c)"), communityName: "社区\(c)", gridID: "G-\(c)\(i)",
                                 address: String(repeating: "长", count: 5 * c + i), updatedAt: .of("2020-01-0\(i + 1)"))
                chunk.append(person: r.person, community: r.community, updatedAt: r.updatedAt, name: Array(r.name.utf8),
                             phone: Array(r.phone.utf8), communityName: Array(r.communityName.utf8), gridID: Array(r.gridID.utf8),
                             address: Array(r.address.utf8))
                written.append(r)
            }
            table.append(contentsOf: chunk)
        }
        let store = try freshStore()
        let segments = try store.writeFiles(runID: 1, stays: nil, residents: table, rules: nil)
        var filed = try store.residents(table, textOf: segments)
        #expect(filed.count == written.count)
        #expect(filed.arenaCount == table.arenaCount)
        #expect((0..<filed.count).map { filed.resident(at: $0) } == written)
        #expect(filed.index(of: [written[5].person], workers: Workers(2)) == [written[5].person: 5])

        let again = try store.writeFiles(runID: 2, stays: nil, residents: filed, rules: nil)
        let first = try Data(contentsOf: store.dataFolder.appendingPathComponent("residents-1.bin"))
        #expect(try Data(contentsOf: store.dataFolder.appendingPathComponent(#require(again.first).file)) == first)

        filed.append(person: .cn("33010619900101001"), community: .of("330106001"), updatedAt: nil, name: Array("新居民".utf8),
                     phone: [], communityName: Array("和平社区".utf8), gridID: [], address: [])
        #expect((0..<filed.count - 1).map { filed.resident(at: $0) } == written)
        #expect(filed.resident(at: filed.count - 1).name == "新居民")

        try first.prefix(first.count - 3).write(to: store.dataFolder.appendingPathComponent("residents-1.bin"))
        #expect {
            _ = try store.residents(table, textOf: segments)
        } throws: { error in
            "\(error)".contains("residents-1.bin: stored data is damaged (file ends early)")
        }
    }

    @Test func anAbandonedPendingCommitLeavesNothingAndAFinishedOneCommits() throws {
        let store = try freshStore()
        let findings = [finding(PersonKey.cn("33010619800101001"), Held(action: .homeQuarantine, until: "2020-02-15", community: "330106001"))]
        let r = try Reconciler.reconcile(findings, previous: [], asOf: .of("2020-02-06"), lastSequence: store.lastSequence)
        let commit = RunCommit(run: record(1, asOf: "2020-02-06"), inputs: [], stays: nil, residents: nil, reconciliation: r)

        store.beginCommit(commit).abandon()
        #expect(try store.lastRun() == nil)
        #expect(try store.noticesInForce().isEmpty)

        try store.beginCommit(commit).finish(files: [])
        #expect(try store.lastRun()?.id == 1)
        #expect(try store.noticesInForce().map(\.serial) == r.notices.map(\.serial))
    }

    /// `purge` leaves one stays file however many runs stored stays: each identity's latest stay once, ended stays
    /// gone, visitors' contacts kept; a night then merges that file with its own and screens what it would have.
    @Test func purgeMergesEveryRunsStaysIntoOneFileOfEachIdentitysLatestStay() throws {
        let store = try freshStore()
        let p = PersonKey.cn("33010619800101001")
        func visitor(_ id: UInt64, _ name: String, left: String) -> StayParts {
            var book = ContactBook()
            let contact = book.append(name: Array(name.utf8), phone: Array("13800000000".utf8))
            return StayParts(stays: [Stay(person: .cn("3301061980010100\(id)"), region: .of("420102"), arrived: .of("2020-01-25"),
                                          left: .of(left), identity: id, contact: contact)], contacts: book)
        }
        var first = visitor(3, "访客甲", left: "2020-02-04")
        first.parts.append(StayParts.Part(stays: [stay(p, identity: 1, left: "2020-02-02"), stay(p, identity: 2, left: "2020-02-03")],
                                          contacts: ContactBook()))
        try commitData(1, asOf: "2020-02-06", stays: first, into: store)
        try commitData(2, asOf: "2020-02-07", stays: StayParts(stays: [stay(p, identity: 1, left: "2020-02-01"), stay(p, identity: 4, left: "2020-01-20")]),
                       into: store)
        try commitData(3, asOf: "2020-02-08", stays: visitor(5, "访客乙", left: "2020-02-05"), into: store)
        let before = try store.stays(with: nil, workers: Workers(2))
        let oldFiles = try store.segments(kind: "stays").map(\.file)

        let report = try store.purge(before: .of("2020-01-28"), workers: Workers(2))
        #expect((report.staysReplaced, report.staysRemoved, report.staysKept, report.filesMerged) == (1, 1, 4, 3))
        let segments = try store.segments(kind: "stays")
        #expect(segments.map(\.runID) == [3] && segments.map(\.count) == [4], "one file, after the runs it merged")
        let stored = try store.storedStays()
        #expect(stored.map(\.count) == [1], "the runs' parts in one")
        let after = try store.stays(with: nil, workers: Workers(2))
        // Contacts are numbered afresh in the one book: compared by name below.
        func withoutContact(_ stays: [Stay]) -> [Stay] { stays.map { var s = $0; s.contact = 0; return s } }
        #expect(withoutContact(after.stays) == withoutContact(before.stays.filter { $0.identity != 4 }),
                "the same stays in the same order, the ended one gone")
        #expect(after.stays.filter { $0.identity == 1 }.map(\.left) == [.of("2020-02-01")], "the replaced version does not come back")
        let contacts = after.parts.flatMap { part in part.stays.compactMap { part.contacts.entry($0.contact)?.name } }
        #expect(contacts == ["访客甲", "访客乙"])
        let files = try FileManager.default.contentsOfDirectory(atPath: store.dataFolder.path)
        #expect(oldFiles.allSatisfy { !files.contains($0) } && files.contains(segments[0].file), "\(files)")

        // A night's merge reads the one file as it read the three.
        let night = StayParts(stays: [stay(p, identity: 2, left: "2020-02-06")])
        let merged = Store.merge(try store.storedStays(), with: night, workers: Workers(2)).stays
        #expect(merged.map(\.identity) == [3, 1, 5, 2] && merged.last?.left == .of("2020-02-06"))

        // Nothing left to merge or remove: the file stays as it is.
        let again = try store.purge(before: .of("2020-01-28"), workers: Workers(2))
        #expect(again.filesMerged == 0 && again.staysKept == 4)
        #expect(try store.segments(kind: "stays").map(\.file) == segments.map(\.file))
    }

    /// A run that merges the stored stays files commits every stay in force as its own file: the parts that view a
    /// stored file with replaced stays skipped are written span by span, and the stored runs' files leave the store.
    @Test func aRunsFileOfEveryStayInForceReplacesTheStoredOnes() throws {
        let store = try freshStore()
        var parts: [StayParts.Part] = []
        for p in 0..<2 {
            var book = ContactBook()
            let stays = (0..<4).map { i in
                Stay(person: .cn("3301061980010100\(i)"), region: .of("420102"), arrived: .of("2020-01-25"), left: .of("2020-01-26"),
                     identity: UInt64(10 * p + i + 1), contact: book.append(name: Array("访客\(p)-\(i)".utf8), phone: Array("13900000000".utf8)))
            }
            parts.append(StayParts.Part(stays: stays, contacts: book))
        }
        try commitData(1, asOf: "2020-02-06", stays: StayParts(parts: parts), into: store)
        try commitData(2, asOf: "2020-02-07", stays: StayParts(stays: [stay(.cn("33010619800101009"), identity: 12, left: "2020-02-01")]), into: store)
        let night = StayParts(stays: [stay(.cn("33010619800101008"), identity: 3, left: "2020-02-02")])
        let merged = Store.merge(try store.storedStays(), with: night, workers: Workers(2))
        #expect(merged.parts.map(\.stays.skipped) == [1, 1, 0, 0], "identities 3 and 12 replaced inside the first run's mapped parts")

        let empty = Reconciler.reconcile([], previous: [], asOf: .of("2020-02-08"), lastSequence: { _ in 0 })
        _ = try store.commit(RunCommit(run: record(3, asOf: "2020-02-08"), inputs: [], stays: merged, residents: nil, reconciliation: empty,
                                       replacesStoredStays: true))
        #expect(try store.segments(kind: "stays").map(\.runID) == [3])
        #expect(try store.removeOrphanFiles().sorted() == ["stays-1.bin", "stays-2.bin"])
        let read = try store.stays(with: nil, workers: Workers(2))
        #expect(read.stays == merged.stays)
        func names(_ stays: StayParts) -> [String?] { stays.parts.flatMap { part in part.stays.map { part.contacts.entry($0.contact)?.name } } }
        #expect(names(read) == names(merged))
    }

    @Test func filesNoCommittedRunOwnsAreRemoved() throws {
        let store = try freshStore()
        try commitData(1, asOf: "2020-02-06", stays: StayParts(stays: [stay(.cn("33010619800101001"), identity: 1, left: "2020-01-26")]), into: store)
        try Data("x".utf8).write(to: store.dataFolder.appendingPathComponent("stays-2.bin"))
        #expect(try store.removeOrphanFiles() == ["stays-2.bin"])
        #expect(try store.stays(with: nil, workers: Workers(2)).stays.count == 1)
    }
}

/// SPEC 8: outcomes are kept as history; the latest `送达日期` counts, then the later import.
@Suite struct StoreFeedbackTests {
    let store: Store
    let notices: [Notice]

    init() throws {
        store = try Store(path: try makeTemporaryDirectory("store-feedback").appendingPathComponent("s.sqlite").path)
        let findings = (1...3).map { finding(PersonKey.cn("3301061980010100\($0)"), Held(action: .homeQuarantine, until: "2020-02-15", community: "330106001001")) }
        let r = try Reconciler.reconcile(findings, previous: [], asOf: .of("2020-02-06"), lastSequence: store.lastSequence)
        _ = try store.commit(RunCommit(run: StoreTests().record(1, asOf: "2020-02-06"), inputs: [], stays: nil, residents: nil, reconciliation: r))
        notices = r.notices
    }

    func file(_ sha: String, _ outcomes: [(serial: String, outcome: DeliveryOutcome, on: String)]) -> FeedbackBatch {
        FeedbackBatch(file: FeedbackImportRecord(sha256: sha, path: "/returned/\(sha).xlsx", kind: "worklist", importedAt: "", importedOn: "2020-02-08",
                                                 rowsRead: outcomes.count, recorded: outcomes.count, blank: 0, duplicates: 0, history: 0, rejected: 0),
                      outcomes: outcomes.enumerated().map { i, o in
                          DeliveryOutcomeRecord(importID: 0, serial: o.serial, outcome: o.outcome.code, deliveredOn: o.on, note: "", line: i + 2)
                      })
    }

    @Test func theLatestDeliveryDayCountsThenTheLaterImport() throws {
        let (a, b, c) = (notices[0].serial, notices[1].serial, notices[2].serial)
        try store.recordFeedback([file("f1", [(a, .refused, "2020-02-07"), (b, .notFound, "2020-02-07"), (c, .refused, "2020-02-07")])])
        // A later import with an earlier day loses; with the same day it wins; with a later day it wins.
        try store.recordFeedback([file("f2", [(a, .delivered, "2020-02-06"), (b, .delivered, "2020-02-07"), (c, .left, "2020-02-08")])])
        let deliveries = try store.noticeDeliveries(after: store.lastRun())
        #expect(deliveries[a] == NoticeDelivery(issuedOn: .of("2020-02-06"), delivery: RecordedDelivery(outcome: .refused, date: .of("2020-02-07"))))
        #expect(deliveries[b]?.delivery == RecordedDelivery(outcome: .delivered, date: .of("2020-02-07")))
        #expect(deliveries[c]?.delivery == RecordedDelivery(outcome: .left, date: .of("2020-02-08")))
        #expect(try store.recordedOutcomes(serials: [a])[a] == ["refused 2020-02-07", "delivered 2020-02-06"])
    }

    @Test func anImportedFileIsFoundByItsHashAndItsSerialsFacts() throws {
        try store.recordFeedback([file("f1", [(notices[0].serial, .delivered, "2020-02-06")])])
        #expect(try store.feedbackImport(sha256: "f1")?.path == "/returned/f1.xlsx")
        #expect(try store.feedbackImport(sha256: "f2") == nil)
        let facts = try store.serialFacts([notices[0].serial, "330106001001-20200206-9999"])
        #expect(facts.count == 1)
        #expect(facts[notices[0].serial] == SerialFacts(issuedOn: .of("2020-02-06"), community: .of("330106001001"), communityName: "社区", standing: .inForce))
    }

    @Test func aSupersededOrRescindedSerialIsKnownButNoLongerInForce() throws {
        let first = notices[0], second = notices[1]
        let findings = [finding(first.person, Held(action: .centralizedQuarantine, until: "2020-02-20", community: "330106001001")),
                        finding(notices[2].person, Held(action: .homeQuarantine, until: "2020-02-15", community: "330106001001"))]
        let r = try Reconciler.reconcile(findings, previous: store.noticesInForce(), asOf: .of("2020-02-07"), lastSequence: store.lastSequence)
        _ = try store.commit(RunCommit(run: StoreTests().record(2, asOf: "2020-02-07"), inputs: [], stays: nil, residents: nil, reconciliation: r))
        let facts = try store.serialFacts([first.serial, second.serial, notices[2].serial])
        #expect(facts[first.serial]?.standing == .superseded)
        #expect(facts[second.serial]?.standing == .rescinded)
        #expect(facts[notices[2].serial]?.standing == .inForce)
    }
}
