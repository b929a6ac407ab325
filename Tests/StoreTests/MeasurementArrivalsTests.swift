import Foundation
import GRDB
import Testing
import VardeDomain
import VardeStore

/// What the console reads once a second about arrived measurements: the newest row, its stamp, and
/// the measurements kept as "other", counted from the new rows only.
struct MeasurementArrivalsTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    func measurement(_ id: String, _ kind: MeasurementKind, minutesAgo: Double) -> HomeMeasurement {
        let at = now.addingTimeInterval(-minutesAgo * 60)
        return HomeMeasurement(id: id, patientID: "p1", kind: kind, code: kind == .other ? "19935-6" : "c",
                               value: 300, unit: kind == .other ? "L/min" : kind.canonicalUnit, effective: at, lastUpdated: at)
    }

    func store(_ cache: CacheDatabase, _ measurements: [HomeMeasurement]) throws {
        try cache.storeMeasurements(measurements, triage: Triage(), now: now, cursor: nil)
    }

    @Test func anEmptyCacheHasNoArrivals() throws {
        #expect(try CacheDatabase().measurementArrivals() == MeasurementArrivals())
    }

    @Test func newRowsAreFoundAndOnlyTheyAreCounted() throws {
        let cache = try CacheDatabase()
        try store(cache, [measurement("a", .heartRate, minutesAgo: 30), measurement("b", .other, minutesAgo: 20)])
        let first = try cache.measurementArrivals()
        #expect(first.otherCount == 1)
        #expect(first.newestStamp == now.addingTimeInterval(-20 * 60))
        #expect(try cache.measurementArrivals(after: first) == first)

        try store(cache, [measurement("c", .other, minutesAgo: 5), measurement("d", .other, minutesAgo: 4),
                          measurement("e", .heartRate, minutesAgo: 3)])
        let second = try cache.measurementArrivals(after: first)
        #expect(second.newestRow > first.newestRow)
        #expect(second.otherCount == 3)
        #expect(second.newestStamp == now.addingTimeInterval(-3 * 60))
        // Counting afresh gives the same: the running count does not drift.
        #expect(try cache.measurementArrivals() == second)
        // The same measurement again is no arrival.
        try store(cache, [measurement("c", .other, minutesAgo: 5)])
        #expect(try cache.measurementArrivals(after: second) == second)
    }

    @Test func aQueueThatCannotBeReadIsFoundWithoutRunningIt() throws {
        let cache = try CacheDatabase()
        try cache.checkQueueReadable(for: .unrestricted)
        try cache.writer.write { try $0.execute(sql: "ALTER TABLE patient RENAME TO patient_hidden") }
        do {
            try cache.checkQueueReadable(for: .unrestricted)
            Issue.record("a queue without its patients' table was taken as readable")
        } catch {
            #expect(CacheDatabase.reason(error) == "no such table: patient")
        }
    }
}
