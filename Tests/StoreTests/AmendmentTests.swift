import Foundation
import Testing
import VardeDomain
import VardeStore

/// Every version of a measurement is judged; an alert whose finding is amended or withdrawn shows the
/// worst finding that still stands.
struct AmendmentTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    func measurement(_ id: String, _ kind: MeasurementKind, _ value: Double, minutesAgo: Double,
                     status: MeasurementStatus = .final, code: String = "c") -> HomeMeasurement {
        let at = now.addingTimeInterval(-minutesAgo * 60)
        return HomeMeasurement(id: id, patientID: "p1", kind: kind, code: code, value: value, unit: kind.canonicalUnit,
                               effective: at, lastUpdated: now.addingTimeInterval(-minutesAgo * 30), status: status)
    }

    func cache() throws -> CacheDatabase { try OnePatientCache.make(now: now) }

    func store(_ cache: CacheDatabase, _ measurements: HomeMeasurement...) throws -> IngestResult {
        try cache.storeMeasurements(measurements, triage: Triage(), now: now, cursor: nil)
    }

    @Test func anAmendedValueIsJudgedAgain() throws {
        let cache = try cache()
        _ = try store(cache, measurement("m1", .oxygenSaturation, 96, minutesAgo: 30))
        #expect(try cache.queue().isEmpty)
        var amended = measurement("m1", .oxygenSaturation, 85, minutesAgo: 30)
        amended.status = .amended
        _ = try store(cache, amended)
        #expect(try cache.queue().map(\.zone) == [.red])
        #expect(try cache.queue().first?.trigger?.value == 85)
    }

    @Test func theSameVersionSentAgainOpensNothingNewAfterANurseResolvedIt() throws {
        let cache = try cache()
        let red = measurement("m1", .oxygenSaturation, 85, minutesAgo: 30)
        _ = try store(cache, red)
        let alert = try #require(try cache.queue().first)
        _ = try cache.handle(alertID: alert.alertID, .claim, by: "sykepleier", at: now)
        _ = try cache.handle(alertID: alert.alertID, .resolve(.contactedPatient, note: ""), by: "sykepleier", at: now)
        #expect(try cache.queue().isEmpty)
        _ = try store(cache, red)
        #expect(try cache.queue().isEmpty)
        // A correction to an equally red value of the handled finding opens nothing either; a worse one does.
        _ = try store(cache, measurement("m1", .oxygenSaturation, 84, minutesAgo: 30))
        #expect(try cache.queue().isEmpty)
    }

    @Test func withdrawingTheEscalatingMeasurementLeavesTheEarlierYellowStanding() throws {
        let cache = try cache()
        _ = try store(cache, measurement("m1", .oxygenSaturation, 94, minutesAgo: 120)) // yellow
        _ = try store(cache, measurement("m2", .oxygenSaturation, 85, minutesAgo: 60))  // red
        #expect(try cache.queue().map(\.zone) == [.red])
        let result = try store(cache, measurement("m2", .oxygenSaturation, 85, minutesAgo: 60, status: .enteredInError))
        let queue = try cache.queue()
        #expect(queue.map(\.zone) == [.yellow])
        #expect(queue.first?.trigger?.id == "m1")
        #expect(result.alertsWithdrawn == 0)
    }

    @Test func anAmendmentBackToNormalOfTheOnlyFindingWithdrawsTheAlert() throws {
        let cache = try cache()
        _ = try store(cache, measurement("m1", .oxygenSaturation, 85, minutesAgo: 60))
        #expect(try cache.queue().map(\.zone) == [.red])
        let result = try store(cache, measurement("m1", .oxygenSaturation, 97, minutesAgo: 60))
        #expect(try cache.queue().isEmpty)
        #expect(result.alertsWithdrawn == 1)
    }

    @Test func distinctOtherMeasurementsAtTheSameTimeAndValueAreBothKept() throws {
        let cache = try cache()
        let result = try store(cache, measurement("o1", .other, 5, minutesAgo: 10, code: "http://loinc.org|1111-1"),
                               measurement("o2", .other, 5, minutesAgo: 10, code: "http://loinc.org|2222-2"))
        #expect(result.stored == 2)
        #expect(result.duplicates == 0)
    }

    @Test func anImpossibleValueGivesTheDeviceCheckOnceAndNotOverAnOpenAlert() throws {
        let cache = try cache()
        let check = ImpossibleValue(patientID: "p1", resourceID: "obs-9", measuredAt: now.addingTimeInterval(-600))
        let row = QuarantinedResource(server: "s", resourceType: "Observation", resourceID: "obs-9", reason: "umulig", receivedAt: now)
        #expect(try cache.quarantine([row], deviceChecks: [check], now: now) == 1)
        #expect(try cache.quarantine([row], deviceChecks: [check], now: now) == 0)
        let queue = try cache.queue()
        #expect(queue.map(\.basis) == [.impossibleValue])
        #expect(queue.first?.zone == .green)
        // A red finding afterwards escalates the routine item into a clinical alert.
        _ = try store(cache, measurement("m1", .oxygenSaturation, 85, minutesAgo: 5))
        #expect(try cache.queue().map(\.zone) == [.red])
    }

    @Test func aSuspectRedIsRedWithItsMarkInTheQueue() throws {
        let cache = try cache()
        _ = try store(cache, measurement("m1", .oxygenSaturation, 69, minutesAgo: 5))
        let entry = try #require(try cache.queue().first)
        #expect(entry.zone == .red)
        #expect(entry.marks == [.suspectedError])
    }
}
