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

    /// v7 keeps the caseload's numbers for each alert in a table of their own; a cache from before it
    /// gets them for the alerts it already has, and its figures stay as they were.
    @Test func anOlderCachesAlertsAreCountedAfterTheUpgrade() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("varde-v7-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let now = 1_795_420_800.0
        do {
            let queue = try DatabaseQueue(path: path)
            try CacheDatabase.migrator.migrate(queue, upTo: "v6-plan-hash")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO municipality(number, name) VALUES ('1804', 'Bodø')")
                try db.execute(sql: """
                    INSERT INTO patient(id, nationalID, givenName, familyName, birthDate, gender, municipalityNumber, diagnoses, lastUpdated)
                    VALUES ('p1', '01815012345', 'Test', 'Pasient', '1950-01-01', 'female', '1804', '["copd"]', 0)
                    """)
                try db.execute(sql: """
                    INSERT INTO alert(patientID, zone, openedAt, raisedAt, triggerMeasurementID, status, basis, key,
                                      claimedAt, claimedBy, resolvedAt, resolvedBy)
                    VALUES ('p1', 2, ?, ?, 'm1', 'resolved', 'plan', 'p1--m1', ?, 'kari', ?, 'ola'),
                           ('p1', 0, ?, ?, '', 'open', 'missingMeasurement', 'p1--missing', NULL, NULL, NULL, NULL)
                    """, arguments: [now - 7200, now - 7200, now - 6600, now - 6000, now - 600, now - 600])
            }
        }
        let cache = try CacheDatabase(path: path)
        let report = try cache.caseload(since: Date(timeIntervalSince1970: now - 86_400), now: Date(timeIntervalSince1970: now))
        #expect(report.total.openRoutine == 1 && report.total.missedPatients == 1)
        #expect(report.total.toResolve[.month]?.count == 1)
        #expect(report.nurses.first { $0.nurse == "kari" }?.claimed == 1)
        #expect(report.nurses.first { $0.nurse == "ola" }?.resolved == 1)
        #expect(report.municipalities.first?.municipality == "1804")
    }
}
