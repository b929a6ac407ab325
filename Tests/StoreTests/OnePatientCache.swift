import Foundation
import VardeDomain
import VardeStore

/// A cache with one patient, Kari Hansen (`p1`, Bodø, no plan), and her SpO2 readings: the fixture of the
/// store tests that follow one patient's alert.
enum OnePatientCache {
    static func make(now: Date) throws -> CacheDatabase {
        let cache = try CacheDatabase()
        try cache.storePatients([Patient(id: "p1", nationalID: "01815012345", givenName: "Kari", familyName: "Hansen",
                                         birthDate: "1950-01-01", gender: "female", municipalityNumber: "1804",
                                         diagnoses: [], lastUpdated: now)],
                                municipalities: [Municipality(number: "1804", name: "Bodø")], cursor: nil)
        return cache
    }

    static func spo2(_ id: String, _ value: Double, minutesAgo: Double, now: Date) -> HomeMeasurement {
        HomeMeasurement(id: id, patientID: "p1", kind: .oxygenSaturation, code: "c", value: value,
                        unit: MeasurementKind.oxygenSaturation.canonicalUnit,
                        effective: now.addingTimeInterval(-minutesAgo * 60), lastUpdated: now, status: .final)
    }
}
