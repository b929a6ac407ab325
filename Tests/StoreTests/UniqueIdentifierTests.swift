import Foundation
import GRDB
import Testing
import VardeDomain
@testable import VardeStore

/// v6 makes a measurement's business identifier unique: copies from a second source are still
/// counted and skipped, redeliveries still update, and an older cache holding a copy keeps the first.
struct UniqueIdentifierTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    func measurement(_ id: String, identifier: String?, value: Double, minutesAgo: Double = 30) -> HomeMeasurement {
        let at = now.addingTimeInterval(-minutesAgo * 60)
        return HomeMeasurement(id: id, patientID: "p1", kind: .heartRate, code: "8867-4", value: value, secondValue: nil,
                               unit: "/min", effective: at, lastUpdated: at, sourceIdentifier: identifier)
    }

    @Test func anOlderCacheWithACopyKeepsTheFirstAndGetsTheUniqueIndex() throws {
        let queue = try DatabaseQueue()
        try CacheDatabase.migrator.migrate(queue, upTo: "v5-audit-blocks")
        try queue.write { db in
            for (id, identifier) in [("a", "urn:x|1"), ("b", "urn:x|1"), ("c", "urn:x|2"), ("d", nil), ("e", nil)] {
                try db.execute(sql: """
                    INSERT INTO observation(id, patientID, kind, code, value, unit, effective, lastUpdated, status, sourceIdentifier)
                    VALUES (?, 'p1', 'heartRate', '8867-4', 70, '/min', 0, 0, 'final', ?)
                    """, arguments: [id, identifier])
            }
        }
        try CacheDatabase.migrator.migrate(queue)
        try queue.read { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM observation ORDER BY id")
            #expect(ids == ["a", "c", "d", "e"])
            let unique = try Bool.fetchOne(db, sql: "SELECT \"unique\" FROM pragma_index_list('observation') WHERE name = 'observation_by_identifier'")
            #expect(unique == true)
        }
    }

    @Test func copiesAreSkippedAndRedeliveriesUpdateAsBefore() throws {
        let cache = try CacheDatabase()
        var result = try cache.storeMeasurements([measurement("m1", identifier: "urn:x|1", value: 70)],
                                                 triage: Triage(), now: now, cursor: nil)
        #expect(result.stored == 1 && result.duplicates == 0)
        // The same measurement from the second source, under its own id, then a redelivery with a new value.
        result = try cache.storeMeasurements([measurement("pmd-1", identifier: "urn:x|1", value: 70),
                                              measurement("m1", identifier: "urn:x|1", value: 72)],
                                             triage: Triage(), now: now, cursor: nil)
        #expect(result.duplicates == 1 && result.stored == 1)
        // A redelivery whose identifier now names another stored measurement is a copy, not an error.
        try cache.storeMeasurements([measurement("m2", identifier: "urn:x|2", value: 80, minutesAgo: 20)],
                                    triage: Triage(), now: now, cursor: nil)
        result = try cache.storeMeasurements([measurement("m2", identifier: "urn:x|1", value: 81, minutesAgo: 20)],
                                             triage: Triage(), now: now, cursor: nil)
        #expect(result.duplicates == 1)
        try cache.reader.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, value, sourceIdentifier FROM observation ORDER BY id")
            #expect(rows.map { $0["id"] as String } == ["m1", "m2"])
            #expect(rows.map { $0["value"] as Double } == [72, 80])
        }
    }
}
