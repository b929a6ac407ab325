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
        // The follow-up calendar: a trial period, an open-ended pause with a reason, one without, an end.
        plans[0].calendar = FollowUpCalendar(trialPeriod: DateInterval(start: now.addingTimeInterval(-5 * 86_400.5), duration: 21 * 86_400),
                                             pauses: [.init(period: DateInterval(start: now, end: .distantFuture), reason: "innlagt «sykehus»"),
                                                      .init(period: DateInterval(start: now.addingTimeInterval(-0.25), duration: 3600))],
                                             ended: now.addingTimeInterval(86_400.75))
        plans[1].calendar = FollowUpCalendar(pauses: [])
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

/// Ingest remembers decoded plans and checks them against the hash stored with each plan: a plan
/// changed by another writer (another process, or a cache from before the hash) is still the one used.
struct RememberedPlanTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    func plan(greenHigh: Double, yellowHigh: Double) -> SelfCarePlan {
        SelfCarePlan(id: "plan-p1", patientID: "p1", goals: [], schedule: [],
                     limits: [MeasurementLimits(kind: .heartRate, greenLow: 40, greenHigh: greenHigh, yellowLow: 30,
                                                yellowHigh: yellowHigh)],
                     actions: [], approval: PlanApproval(approvedBy: "Dr. Lege", approvedOn: now), revised: now,
                     lastUpdated: now)
    }

    func pulse(_ id: String, _ value: Double, minutesAgo: Double) -> HomeMeasurement {
        HomeMeasurement(id: id, patientID: "p1", kind: .heartRate, code: "8867-4", value: value, secondValue: nil,
                        unit: "/min", effective: now.addingTimeInterval(-minutesAgo * 60), lastUpdated: now)
    }

    @Test(arguments: [false, true])
    func aPlanChangedBehindTheIngestsBackIsTheOneTriageUses(withHash: Bool) throws {
        let cache = try CacheDatabase()
        try cache.storePatients([Patient(id: "p1", nationalID: "01815012345", givenName: "Kari", familyName: "Berg",
                                         birthDate: "1950-01-01", gender: "female", municipalityNumber: "1804",
                                         diagnoses: [], lastUpdated: now)],
                                municipalities: [Municipality(number: "1804", name: "Bodø")], cursor: nil)
        try cache.storePlans([plan(greenHigh: 100, yellowHigh: 120)], cursor: nil)
        #expect(try cache.storeMeasurements([pulse("m1", 90, minutesAgo: 20)], triage: Triage(), now: now, cursor: nil).alertsOpened == 0)
        // Another writer replaces the plan: pulse 90 is now red.
        let stricter = try StoredPlanJSON.encode(plan(greenHigh: 60, yellowHigh: 70))
        try cache.writer.write { db in
            try db.execute(sql: "UPDATE care_plan SET plan = ?, planHash = ? WHERE patientID = 'p1'",
                           arguments: [String(decoding: stricter, as: UTF8.self),
                                       withHash ? Int64(bitPattern: stricter.withUnsafeBytes(IngestMemo.planHash)) : nil])
        }
        let result = try cache.storeMeasurements([pulse("m2", 90, minutesAgo: 10)], triage: Triage(), now: now, cursor: nil)
        #expect(result.alertsOpened == 1)
        let zone = try cache.reader.read { db in try Int.fetchOne(db, sql: "SELECT zone FROM alert WHERE status = 'open'") }
        #expect(zone == Zone.red.rawValue)
    }

    /// Facts are remembered under `triage_facts_stamp`. A batch that changed the plan and was rolled back puts
    /// the old stamp back; the next change must not be mistaken for the abandoned one (as a count would be).
    @Test func aPlanWhoseWriteWasRolledBackIsNotTheOneTriageUses() throws {
        let cache = try CacheDatabase()
        var patient = Patient(id: "p1", nationalID: "01815012345", givenName: "Kari", familyName: "Berg",
                              birthDate: "1950-01-01", gender: "female", municipalityNumber: "1804",
                              diagnoses: [], lastUpdated: now)
        try cache.storePatients([patient], municipalities: [Municipality(number: "1804", name: "Bodø")], cursor: nil)
        try cache.storePlans([plan(greenHigh: 100, yellowHigh: 120)], cursor: nil)
        #expect(try cache.storeMeasurements([pulse("m1", 90, minutesAgo: 30)], triage: Triage(), now: now, cursor: nil).alertsOpened == 0)
        struct Abandoned: Error {}
        #expect(throws: Abandoned.self) {
            try cache.storeInOneTransaction { batch in
                let stricter = try StoredPlanJSON.encode(plan(greenHigh: 60, yellowHigh: 70))
                try batch.db.execute(sql: "UPDATE care_plan SET plan = ?, planHash = ? WHERE patientID = 'p1'",
                                     arguments: [String(decoding: stricter, as: UTF8.self),
                                                 Int64(bitPattern: stricter.withUnsafeBytes(IngestMemo.planHash))])
                // Judged under the stricter plan inside the batch: red, then abandoned with the batch.
                #expect(try batch.storeMeasurements([pulse("m2", 90, minutesAgo: 20)], triage: Triage(), now: now,
                                                    cursor: nil).alertsOpened == 1)
                throw Abandoned()
            }
        }
        // Another change after the rollback: the patient's diagnoses, which do not touch her pulse limits.
        patient.diagnoses = [.copd]
        try cache.storePatients([patient], municipalities: [Municipality(number: "1804", name: "Bodø")], cursor: nil)
        #expect(try cache.storeMeasurements([pulse("m3", 90, minutesAgo: 10)], triage: Triage(), now: now, cursor: nil).alertsOpened == 0)
        #expect(try cache.reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert") } == 0)
    }

    /// The triage facts ingest remembers for a patient are made again when the stored diagnoses change.
    @Test func diagnosesChangedBehindTheIngestsBackAreTheOnesTriageUses() throws {
        let cache = try CacheDatabase()
        try cache.storePatients([Patient(id: "p1", nationalID: "01815012345", givenName: "Kari", familyName: "Berg",
                                         birthDate: "1950-01-01", gender: "female", municipalityNumber: "1804",
                                         diagnoses: [], lastUpdated: now)],
                                municipalities: [Municipality(number: "1804", name: "Bodø")], cursor: nil)
        func saturation(_ id: String, _ value: Double, minutesAgo: Double) -> HomeMeasurement {
            HomeMeasurement(id: id, patientID: "p1", kind: .oxygenSaturation, code: "59408-5", value: value,
                            unit: "%", effective: now.addingTimeInterval(-minutesAgo * 60), lastUpdated: now)
        }
        #expect(try cache.storeMeasurements([saturation("m1", 97, minutesAgo: 20)], triage: Triage(), now: now, cursor: nil)
            .alertsOpened == 0)
        // Another writer gives her COPD: SpO2 89 is then green (scale 2), not red.
        try cache.writer.write { db in try db.execute(sql: "UPDATE patient SET diagnoses = '[\"copd\"]' WHERE id = 'p1'") }
        #expect(try cache.storeMeasurements([saturation("m2", 89, minutesAgo: 10)], triage: Triage(), now: now, cursor: nil)
            .alertsOpened == 0)
        // And back: the same value is red again.
        try cache.writer.write { db in try db.execute(sql: "UPDATE patient SET diagnoses = '[]' WHERE id = 'p1'") }
        #expect(try cache.storeMeasurements([saturation("m3", 89, minutesAgo: 5)], triage: Triage(), now: now, cursor: nil)
            .alertsOpened == 1)
    }
}
