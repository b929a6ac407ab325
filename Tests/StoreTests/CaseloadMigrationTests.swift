import Foundation
import GRDB
import Testing
@testable import VardeStore

/// v5-caseload keeps each alert's first claim and its resolution on the alert; a cache from before
/// it gets them from the history it already has.
struct CaseloadMigrationTests {
    @Test func anOlderCacheGetsTheFirstClaimAndTheResolutionFromItsHistory() throws {
        let queue = try DatabaseQueue()
        try CacheDatabase.migrator.migrate(queue, upTo: "v4-handling")
        try queue.write { db in
            for (id, key) in [(1, "p1--m1"), (2, "p2--m2")] {
                try db.execute(sql: """
                    INSERT INTO alert(id, patientID, zone, openedAt, raisedAt, triggerMeasurementID, status, key)
                    VALUES (?, ?, 2, 1000, 1000, ?, 'open', ?)
                    """, arguments: [id, "p\(id)", "m\(id)", key])
            }
            for (at, who, what) in [(1300.0, "ola", "claimed"), (1100.0, "kari", "claimed"), (1200.0, "kari", "released"),
                                    (1900.0, "ola", "resolved: contactedGP: ringte fastlegen")] {
                try db.execute(sql: "INSERT INTO alert_history(alertKey, patientID, at, who, what) VALUES ('p1--m1', 'p1', ?, ?, ?)",
                               arguments: [at, who, what])
            }
        }
        try CacheDatabase.migrator.migrate(queue)
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT claimedAt, claimedBy, resolvedAt, resolvedBy FROM alert ORDER BY id")
        }
        #expect(rows[0]["claimedAt"] as Double? == 1100 && rows[0]["claimedBy"] as String? == "kari", "the first claim, not the last")
        #expect(rows[0]["resolvedAt"] as Double? == 1900 && rows[0]["resolvedBy"] as String? == "ola")
        #expect(rows[1]["claimedAt"] as Double? == nil && rows[1]["resolvedBy"] as String? == nil, "never handled")
    }
}
