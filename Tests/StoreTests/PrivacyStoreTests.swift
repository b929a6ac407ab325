import Foundation
import Testing
import VardeDomain
import VardeStore

/// Blocks and tenancy are enforced in the store's queries, by operator; every opened patient is logged.
struct PrivacyStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    func seeded() throws -> CacheDatabase {
        let cache = try CacheDatabase()
        func patient(_ id: String, _ family: String, _ nationalID: String, _ municipality: String) -> Patient {
            Patient(id: id, nationalID: nationalID, givenName: "Test", familyName: family, birthDate: "1950-01-01",
                    gender: "female", municipalityNumber: municipality, diagnoses: [], lastUpdated: now)
        }
        try cache.storePatients([patient("p1", "Sperrevik", "01815012345", "1804"),
                                 patient("p2", "Åpenbakken", "02825054321", "5501"),
                                 patient("p3", "Utenfor", "03835011111", "0301")],
                                municipalities: [Municipality(number: "1804", name: "Bodø"),
                                                 Municipality(number: "5501", name: "Tromsø"),
                                                 Municipality(number: "0301", name: "Oslo")], cursor: nil)
        let at = now.addingTimeInterval(-600)
        try cache.storeMeasurements([
            HomeMeasurement(id: "m1", patientID: "p1", kind: .oxygenSaturation, code: "c", value: 87.5, unit: "%",
                            effective: at, lastUpdated: at),
            HomeMeasurement(id: "m2", patientID: "p2", kind: .heartRate, code: "c", value: 131, unit: "/min",
                            effective: at, lastUpdated: at),
            HomeMeasurement(id: "m3", patientID: "p3", kind: .heartRate, code: "c", value: 132, unit: "/min",
                            effective: at, lastUpdated: at),
        ], triage: Triage(), now: now, cursor: nil)
        try cache.storeBlocks([PatientBlock(id: "consent-1", patientID: "p1", operatorID: "kari")], cursor: nil)
        return cache
    }

    @Test func aBlockedOperatorSeesAnAnonymousRowAndNothingElse() throws {
        let cache = try seeded()
        let kari = Viewer(operatorID: "kari")
        let queue = try cache.queue(for: kari)
        #expect(queue.count == 3)
        let blocked = try #require(queue.first { $0.isBlocked })
        #expect(blocked.patientID.isEmpty && blocked.patientName.isEmpty && blocked.municipality.number.isEmpty)
        #expect(blocked.trigger == nil && blocked.message == nil && blocked.unreadMessages == 0)
        #expect(blocked.zone == .red)
        #expect(!"\(queue)".contains("Sperrevik") && !"\(queue)".contains("01815012345") && !"\(queue)".contains("87.5"))
        #expect(try cache.patientRecord("p1", for: kari, since: .distantPast) == nil)
        #expect(try cache.measurements(of: "p1", for: kari, from: .distantPast, to: .distantFuture).isEmpty)
        #expect(try cache.isBlocked(patientID: "p1", for: "kari"))
        #expect(try cache.handle(alertID: blocked.alertID, .claim, by: "kari", at: now) == .failure(.blocked))
        #expect(try cache.openPatient("p1", for: kari, what: .trends, workstation: "ws", at: now, since: .distantPast) == nil)
        #expect(try cache.accessLog().isEmpty)

        // A colleague sees the patient as usual; a lifted block gives Kari the patient back.
        let ola = Viewer(operatorID: "ola")
        #expect(try cache.queue(for: ola).contains { $0.patientName.hasPrefix("Sperrevik") })
        #expect(try cache.patientRecord("p1", for: ola, since: .distantPast) != nil)
        try cache.storeBlocks([PatientBlock(id: "consent-1", patientID: "p1", operatorID: "kari", active: false)], cursor: nil)
        #expect(try cache.queue(for: kari).allSatisfy { !$0.isBlocked })
    }

    @Test func anOperatorLimitedToTwoMunicipalitiesSeesOnlyThose() throws {
        let cache = try seeded()
        let limited = Viewer(operatorID: "ola", municipalities: ["1804", "5501"])
        let queue = try cache.queue(for: limited)
        #expect(Set(queue.map(\.municipality.number)) == ["1804", "5501"])
        #expect(try cache.patientRecord("p3", for: limited, since: .distantPast) == nil)
        #expect(try cache.measurements(of: "p3", for: limited, from: .distantPast, to: .distantFuture).isEmpty)
        #expect(try cache.patientRecord("p2", for: limited, since: .distantPast) != nil)
    }

    @Test func openingAPatientWritesOneAccessInTheSameStepAndItWaitsForDelivery() throws {
        let cache = try seeded()
        let record = try cache.openPatient("p2", for: Viewer(operatorID: "ola"), what: .plan, workstation: "ws-3",
                                           at: now, since: .distantPast)
        #expect(record?.patient.familyName == "Åpenbakken")
        let log = try cache.accessLog()
        #expect(log.count == 1)
        let first = try #require(log.first)
        #expect(first.operatorID == "ola" && first.patientID == "p2" && first.what == .plan && first.workstation == "ws-3")
        #expect(try cache.undeliveredAccesses().count == 1)
        let identifier = try #require(log.first?.identifier)
        try cache.accessDelivered(identifier: identifier, at: now)
        #expect(try cache.undeliveredAccesses().isEmpty)
        #expect(try cache.accessLog(patientID: "p2").first?.deliveredAt == now)
        #expect(try cache.accessLog(patientID: "p1").isEmpty)
        #expect(try cache.accessLog(since: now.addingTimeInterval(1)).isEmpty)
    }
}
