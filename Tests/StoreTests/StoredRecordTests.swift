import Foundation
import GRDB
import Testing
import VardeDomain
@testable import VardeStore

/// Patients and plans are written with hand-bound statements and hand-written plan JSON (for speed):
/// what comes back must be exactly what was stored, in the form the rest of the cache reads.
struct StoredRecordTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    func plans() -> [SelfCarePlan] {
        var plans = Diagnosis.allCases.enumerated().map { index, diagnosis in
            PlanTemplates.draft(patientID: "p\(index)", diagnoses: [diagnosis, .heartFailure], shift: Double(index) / 7 - 0.5,
                                approval: PlanApproval(approvedBy: "Dr. Lege", approvedOn: now.addingTimeInterval(-86_400.125)),
                                revised: now.addingTimeInterval(-1.001))
        }
        var hostile = PlanTemplates.draft(patientID: "p-hostile", diagnoses: [], shift: 0, approval: nil, revised: now)
        hostile.id = "plan \"quoted\" \\ back/slash"
        hostile.goals = ["Gå tur med «Bamse» 🐕", "tab\there, newline\nthere, bell \u{7}, nul \u{0}, esc \u{1B}[31m", "", "\u{202E}rtl"]
        hostile.limits = [MeasurementLimits(kind: .bodyWeight, greenLow: 1e-7, greenHigh: 123_456.789, yellowLow: -0.0,
                                            yellowHigh: 0.1 + 0.2),
                          MeasurementLimits(kind: .bloodPressure, part: .diastolic, greenLow: nil, greenHigh: 90,
                                            yellowLow: nil, yellowHigh: 1.7976931348623157e308)]
        hostile.actions = [ZoneAction(zone: .red, forPatient: ["Ring 113"], forCentre: [])]
        hostile.lastUpdated = now.addingTimeInterval(0.000_123)
        plans.append(hostile)
        return plans
    }

    @Test func plansComeBackExactlyAsStoredAndAsJSONDecoderReadsThem() throws {
        let cache = try CacheDatabase()
        let plans = plans()
        try cache.storePlans(plans, cursor: nil)
        for plan in plans {
            #expect(try cache.plan(patientID: plan.patientID) == plan)
            #expect(try JSONDecoder().decode(SelfCarePlan.self, from: Data(StoredPlanJSON.encode(plan))) == plan)
        }
    }

    @Test func aPlanWrittenByJSONEncoderInAnOlderCacheStillReads() throws {
        let cache = try CacheDatabase()
        let plan = plans()[0]
        try cache.writer.write { db in
            try db.execute(sql: "INSERT INTO care_plan(patientID, id, plan, lastUpdated) VALUES (?, ?, ?, 0)",
                           arguments: [plan.patientID, plan.id, String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)])
        }
        #expect(try cache.plan(patientID: plan.patientID) == plan)
    }

    @Test func aPlanThatCannotBeWrittenFailsItsPageAndKeepsTheOldOne() throws {
        let cache = try CacheDatabase()
        var plan = plans()[0]
        try cache.storePlans([plan], cursor: nil)
        plan.limits[0].greenLow = .nan
        plan.lastUpdated = now.addingTimeInterval(60)
        #expect(throws: (any Error).self) { try cache.storePlans([plan], cursor: nil) }
        #expect(try cache.plan(patientID: plan.patientID) == plans()[0])
    }

    @Test func patientsComeBackAsGRDBReadsThemWithDiagnosesAsGRDBWritesThem() throws {
        let cache = try CacheDatabase()
        var patient = Patient(id: "p1", nationalID: "01815012345", givenName: "Kåre \"K\"", familyName: "Ødegård",
                              birthDate: "1950-01-01", gender: "male", municipalityNumber: "5501",
                              diagnoses: [.copd, .heartFailure], lastUpdated: now)
        try cache.storePatients([patient], municipalities: [Municipality(number: "5501", name: "Tromsø"),
                                                            Municipality(number: "5501", name: "Tromsø kommune")], cursor: nil)
        patient.familyName = "Berg"
        patient.municipalityNumber = "1804"
        patient.diagnoses = [.diabetes]
        try cache.storePatients([patient], municipalities: [Municipality(number: "1804", name: "Bodø")], cursor: nil)
        try cache.reader.read { db in
            #expect(try Patient.fetchOne(db, key: "p1") == patient)
            let stored = try String.fetchOne(db, sql: "SELECT diagnoses FROM patient WHERE id = 'p1'")
            #expect(stored == String(decoding: try JSONEncoder().encode(patient.diagnoses), as: UTF8.self))
            #expect(try String.fetchOne(db, sql: "SELECT name FROM municipality WHERE number = '5501'") == "Tromsø kommune")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM patient") == 1)
        }
    }
}
