import Foundation
import GRDB
@testable import Lifecycle
import RiskModel
import Screen
import Testing
import TestSupport

/// A store written by an earlier build opens in this one with its committed notices intact.
@Suite struct MigrationTests {
    /// A store left by the first schema, where `runNotice` kept each person beside the serial, still gives the
    /// notices in force with their statuses, and the next night continues them.
    @Test func runNoticesOfTheFirstSchemaSurviveTheMigration() throws {
        let path = try makeTemporaryDirectory("migration").appendingPathComponent("s.sqlite").path
        let resident = PersonKey.cn("33010619800101001"), visitor = PersonKey.cn("33010619800101002")
        let findings = [
            finding(resident, Held(action: .homeQuarantine, until: "2020-02-15", community: "330106001")),
            finding(visitor, Held(action: .centralizedQuarantine, until: "2020-02-18", community: nil)),
        ]
        let issued = Reconciler.reconcile(findings, previous: [], asOf: .of("2020-02-06"), lastSequence: { _ in 0 })
        do {
            let old = try DatabaseQueue(path: path)
            try Store.migrator.migrate(old, upTo: "create runs, inputs, segments, notices")
            try old.write { db in
                try db.execute(sql: """
                    INSERT INTO run VALUES (1, '2020-02-06', '', '', 'p', 'policy.toml', '', 'regions.csv', '', '000001-2020-02-06',
                      2, 2, 0, 0, 0, 0, 0)
                    """)
                for notice in issued.notices {
                    try NoticeRecord(notice, runID: 1).insert(db)
                    try db.execute(sql: "INSERT INTO runNotice (runID, serial, person, status) VALUES (1, ?, ?, 'new')",
                                   arguments: [notice.serial, notice.person.description])
                }
            }
        }

        let store = try Store(path: path)
        let inForce = try store.noticesInForce()
        #expect(inForce == issued.notices.sorted { $0.serial < $1.serial })
        #expect(try store.noticesInForce(after: store.runs().first { $0.id == 1 }).map(\.status) == [.new, .new])
        let next = try Reconciler.reconcile(findings, previous: inForce, asOf: .of("2020-02-07"), lastSequence: store.lastSequence)
        #expect(next.notices.map(\.status) == [.continuing, .continuing])
        #expect(next.notices.map(\.serial) == issued.notices.map(\.serial))
    }
}
