import Foundation
import Testing
import VardeDomain
import VardeStore

/// The cache keeps what it was given, once, and turns findings into one alert per patient.
struct CacheTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    func patient(_ id: String, _ family: String, municipality: String, diagnoses: [Diagnosis] = []) -> Patient {
        Patient(id: id, nationalID: "01815012345", givenName: "Kari", familyName: family, birthDate: "1950-01-01",
                gender: "female", municipalityNumber: municipality, diagnoses: diagnoses, lastUpdated: now)
    }

    func measurement(_ id: String, _ patientID: String, _ kind: MeasurementKind, _ value: Double,
                     minutesAgo: Double, second: Double? = nil) -> HomeMeasurement {
        let at = now.addingTimeInterval(-minutesAgo * 60)
        return HomeMeasurement(id: id, patientID: patientID, kind: kind, code: "c", value: value, secondValue: second,
                               unit: kind.canonicalUnit, effective: at, lastUpdated: at)
    }

    func seeded() throws -> CacheDatabase {
        let cache = try CacheDatabase()
        try cache.storePatients([patient("p1", "Hansen", municipality: "1804"), patient("p2", "Ødegård", municipality: "5501"),
                                 patient("p3", "Berg", municipality: "5057", diagnoses: [.copd])],
                                municipalities: [Municipality(number: "1804", name: "Bodø"),
                                                 Municipality(number: "5501", name: "Tromsø"),
                                                 Municipality(number: "5057", name: "Ørland")],
                                cursor: nil)
        return cache
    }

    @Test func theQueueListsRedBeforeYellowAndLongestWaitingFirst() throws {
        let cache = try seeded()
        try cache.storeMeasurements([
            measurement("m1", "p1", .heartRate, 95, minutesAgo: 300),   // yellow, waited long
            measurement("m2", "p2", .oxygenSaturation, 88, minutesAgo: 10), // red, recent
            measurement("m3", "p3", .oxygenSaturation, 89, minutesAgo: 60), // COPD: green on scale 2
            measurement("m4", "p3", .respiratoryRate, 26, minutesAgo: 50),  // red, waited longer
        ], triage: Triage(), now: now, cursor: nil)
        let queue = try cache.queue()
        #expect(queue.map(\.patientID) == ["p3", "p2", "p1"])
        #expect(queue.map(\.zone) == [.red, .red, .yellow])
        #expect(queue[0].municipality.name == "Ørland")
        #expect(queue[0].trigger?.id == "m4")
    }

    @Test func aWorseFindingEscalatesTheSameAlertAndRedeliveryChangesNothing() throws {
        let cache = try seeded()
        let yellow = measurement("m1", "p1", .heartRate, 95, minutesAgo: 120)
        let red = measurement("m2", "p1", .heartRate, 140, minutesAgo: 5)
        var result = try cache.storeMeasurements([yellow], triage: Triage(), now: now, cursor: nil)
        #expect(result.alertsOpened == 1)
        result = try cache.storeMeasurements([red, yellow], triage: Triage(), now: now, cursor: nil)
        #expect(result.alertsEscalated == 1)
        #expect(result.alertsOpened == 0)
        let queue = try cache.queue()
        #expect(queue.count == 1)
        #expect(queue[0].zone == .red)
        #expect(queue[0].trigger?.value == 140)
        #expect(try cache.counts().measurements == 2)
    }

    /// The open alert's zone decides without reading the alert: no better finding, and no suspected
    /// error, changes an alert that already covers the patient.
    @Test func aFindingNoWorseThanTheOpenAlertOrASuspectedErrorChangesNothing() throws {
        let cache = try seeded()
        let red = measurement("m1", "p1", .heartRate, 140, minutesAgo: 60)
        try cache.storeMeasurements([red], triage: Triage(), now: now, cursor: nil)
        let result = try cache.storeMeasurements([
            measurement("m2", "p1", .heartRate, 95, minutesAgo: 30),   // yellow
            measurement("m3", "p1", .heartRate, 141, minutesAgo: 20),  // red again
            measurement("m4", "p1", .heartRate, 400, minutesAgo: 10),  // not believable: a suspected error
        ], triage: Triage(), now: now, cursor: nil)
        #expect(result.alertsOpened == 0 && result.alertsEscalated == 0 && result.stored == 3)
        let queue = try cache.queue()
        #expect(queue.count == 1)
        #expect(queue[0].zone == .red)
        #expect(queue[0].trigger?.value == 140)
    }

    @Test func theCursorMovesOnlyWithThePageItBelongsTo() throws {
        let cache = try seeded()
        let cursor = SyncCursor(server: "http://s", resource: "Observation", value: "2026-11-22T11:00:00.000Z")
        try cache.storeMeasurements([measurement("m1", "p1", .heartRate, 70, minutesAgo: 60)], triage: Triage(),
                                    now: now, cursor: cursor)
        #expect(try cache.cursor(server: "http://s", resource: "Observation") == cursor.value)
        #expect(try cache.cursor(server: "http://other", resource: "Observation") == nil)
    }

    @Test func bloodPressureAndOtherMeasurementsComeBackAsStored() throws {
        let cache = try seeded()
        var other = measurement("m9", "p2", .other, 310, minutesAgo: 1)
        other.codeDisplay = "Peak flow"
        other.unit = "L/min"
        let bp = measurement("m8", "p2", .bloodPressure, 225, minutesAgo: 2, second: 120)
        try cache.storeMeasurements([bp, other], triage: Triage(), now: now, cursor: nil)
        let trigger = try #require(try cache.queue().first?.trigger)
        #expect(trigger == bp)
        #expect(try cache.measurementChecksum() == MeasurementChecksum.of([bp, other]))
    }
}

/// The heart-failure weight trend, end to end through the cache.
struct WeightTrendInCacheTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    @Test func aHeartFailurePatientGainingOverTwoKilosInThreeDaysGetsAYellowAlertByTrend() throws {
        let cache = try CacheDatabase()
        try cache.storePatients([Patient(id: "hf", nationalID: "x", givenName: "Odd", familyName: "Berge", birthDate: "1940-01-01",
                                         gender: "male", municipalityNumber: "1804", diagnoses: [.heartFailure], lastUpdated: now)],
                                municipalities: [Municipality(number: "1804", name: "Bodø")], cursor: nil)
        func weight(_ id: String, _ value: Double, hoursAgo: Double) -> HomeMeasurement {
            let at = now.addingTimeInterval(-hoursAgo * 3600)
            return HomeMeasurement(id: id, patientID: "hf", kind: .bodyWeight, code: "c", value: value, unit: "kg",
                                   effective: at, lastUpdated: at)
        }
        try cache.storeMeasurements([weight("w1", 80, hoursAgo: 60), weight("w2", 81, hoursAgo: 30)], triage: Triage(), now: now, cursor: nil)
        #expect(try cache.queue().isEmpty)
        try cache.storeMeasurements([weight("w3", 82.4, hoursAgo: 1)], triage: Triage(), now: now, cursor: nil)
        let entry = try #require(try cache.queue().first)
        #expect(entry.zone == .yellow)
        #expect(entry.basis == .trend)
        #expect(entry.trigger?.id == "w3")
    }
}
