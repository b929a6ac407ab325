import Foundation
import Testing
import VardeDomain
import VardeStore

/// Norwegian time on a day of November 2026 (20 is a Friday, 23 a Monday).
private func at(_ day: Int, _ hour: Int, _ minute: Int = 0, month: Int = 11) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Oslo")!
    return calendar.date(from: DateComponents(year: 2026, month: month, day: day, hour: hour, minute: minute))!
}

/// The caseload figures as the cache gives them: from alerts raised by triage and the steps nurses
/// took on them, here and on other workstations.
struct CaseloadStoreTests {
    let monday = at(23, 10)

    func patient(_ id: String, in municipality: String, diagnoses: [Diagnosis] = [.copd]) -> Patient {
        Patient(id: id, nationalID: "01815012345", givenName: "Test", familyName: "Pasient \(id)", birthDate: "1950-01-01",
                gender: "female", municipalityNumber: municipality, diagnoses: diagnoses, lastUpdated: at(1, 0))
    }

    /// Eight patients in Bodø, two in Tromsø; in memory (one connection) or in a file, as the console
    /// has it (patients and alerts read side by side on several connections).
    func seeded(onDisk: Bool) throws -> CacheDatabase {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("varde-caseload-\(UUID().uuidString).sqlite").path
        let cache = onDisk ? try CacheDatabase(path: path) : try CacheDatabase()
        try cache.storePatients((0..<8).map { patient("b\($0)", in: "1804") } + [patient("t0", in: "5501", diagnoses: [.heartFailure]),
                                                                                  patient("t1", in: "5501", diagnoses: [.copd, .diabetes])],
                                municipalities: [Municipality(number: "1804", name: "Bodø"), Municipality(number: "5501", name: "Tromsø")],
                                cursor: nil)
        return cache
    }

    /// A red pulse for the patient at `when`, triaged as it arrives; returns the alert it opened.
    func redAlert(_ cache: CacheDatabase, _ patientID: String, at when: Date) throws -> Int64 {
        let pulse = HomeMeasurement(id: "hr-\(patientID)-\(when.timeIntervalSince1970)", patientID: patientID, kind: .heartRate,
                                    code: "8867-4", value: 140, unit: "/min", effective: when, lastUpdated: when)
        try cache.storeMeasurements([pulse], triage: Triage(), now: when, cursor: nil)
        return try #require(try cache.queue().first { $0.patientID == patientID }?.alertID)
    }

    @Test(arguments: [false, true]) func responseTimesAndNurseCountsFollowTheStepsTakenInServiceHours(onDisk: Bool) throws {
        let cache = try seeded(onDisk: onDisk)
        // Friday 15:00, taken Monday 08:30 and resolved 09:00: 60 and 90 service minutes, not two and a half days.
        let weekend = try redAlert(cache, "b0", at: at(20, 15))
        _ = try cache.handle(alertID: weekend, .claim, by: "kari", at: at(23, 8, 30))
        _ = try cache.handle(alertID: weekend, .resolve(.contactedPatient, note: ""), by: "kari", at: at(23, 9))
        // Monday 09:10, taken by Ola at 09:15 and still his.
        let held = try redAlert(cache, "t0", at: at(23, 9, 10))
        _ = try cache.handle(alertID: held, .claim, by: "ola", at: at(23, 9, 15))
        // Monday 09:20, nobody has it. At 10:00 both open alerts are past the red target of 30 minutes.
        _ = try redAlert(cache, "b1", at: at(23, 9, 20))

        let report = try cache.caseload(since: monday.addingTimeInterval(-7 * 86_400), now: monday,
                                        staffing: Staffing(fte: ["kari": 1, "ola": 0.5]))
        #expect(report.total.patients == 10)
        #expect(report.total.byDiagnosis[.copd] == 9 && report.total.byDiagnosis[.diabetes] == 1)
        #expect(report.total.openRed == 2 && report.total.overdue == 2)
        let claim = try #require(report.total.toClaim[.week])
        #expect(claim.count == 2)
        #expect(claim.median?.rounded() == TimeInterval(5 * 60) && claim.p90?.rounded() == TimeInterval(60 * 60))
        #expect(report.total.toResolve[.week]?.median?.rounded() == TimeInterval(90 * 60))
        #expect(report.total.toClaim[.today]?.count == 1, "only the alert that opened today")
        let kari = try #require(report.nurses.first { $0.nurse == "kari" })
        let ola = try #require(report.nurses.first { $0.nurse == "ola" })
        #expect((kari.claimed, kari.resolved, kari.openClaims) == (1, 1, 0))
        #expect((ola.claimed, ola.resolved, ola.openClaims) == (1, 0, 1))
        #expect(report.patientsPerFTE == 10 / 1.5)
        let bodø = try #require(report.municipalities.first { $0.municipality == "1804" })
        #expect(bodø.patients == 8 && bodø.openRed == 1 && bodø.toClaim[.week]?.count == 1)
        #expect(report.name("1804") == "Bodø")
    }

    @Test(arguments: [false, true]) func theFirstClaimCountsEvenAfterAReleaseAndAColleaguesClaimFromTheServer(onDisk: Bool) throws {
        let cache = try seeded(onDisk: onDisk)
        let id = try redAlert(cache, "b0", at: at(23, 9))
        _ = try cache.handle(alertID: id, .claim, by: "kari", at: at(23, 9, 10))
        _ = try cache.handle(alertID: id, .release, by: "kari", at: at(23, 9, 12))
        let key = try #require(try cache.alert(id: id)?.key)
        try cache.applyRemote(alertKey: key, owner: "ola", resolved: false, outcome: nil, note: nil, taskVersion: "3",
                              at: at(23, 9, 30))
        let report = try cache.caseload(since: at(16, 10), now: monday)
        #expect(report.total.toClaim[.today]?.median?.rounded() == TimeInterval(10 * 60), "from the first claim")
        #expect(report.nurses.first { $0.nurse == "kari" }?.claimed == 1)
        #expect(report.nurses.first { $0.nurse == "ola" }?.openClaims == 1, "holding the colleague's claim from the server")
    }

    @Test(arguments: [false, true]) func anAlertOpenedLongBeforeThePeriodButResolvedInItCountsForTheNurse(onDisk: Bool) throws {
        let cache = try seeded(onDisk: onDisk)
        let old = try redAlert(cache, "b2", at: at(20, 10, month: 10))
        _ = try cache.handle(alertID: old, .claim, by: "kari", at: at(20, 10, 5, month: 10))
        _ = try cache.handle(alertID: old, .resolve(.advisedPerPlan, note: ""), by: "kari", at: at(22, 12))
        let report = try cache.caseload(since: monday.addingTimeInterval(-7 * 86_400), now: monday)
        let kari = try #require(report.nurses.first { $0.nurse == "kari" })
        #expect(kari.resolved == 1 && kari.claimed == 0, "resolved in the period, taken before it")
        #expect(report.total.toResolve[.month]?.count == 0, "response times belong to the window the alert opened in")
    }

    @Test(arguments: [false, true]) func messagesWaitingAreThePatientsMessagesNobodyHasOpened(onDisk: Bool) throws {
        let cache = try seeded(onDisk: onDisk)
        let message = PatientMessage(id: "m1", serverID: "com-1", patientID: "t1", direction: .fromPatient, text: "Hei",
                                     author: "Test", written: at(23, 9), status: .received)
        _ = try cache.storeMessages([message], cursor: nil)
        var report = try cache.caseload(since: at(16, 10), now: monday)
        #expect(report.municipalities.first { $0.municipality == "5501" }?.messagesWaiting == 1)
        #expect(report.total.messagesWaiting == 1 && report.total.openRoutine == 1)
        try cache.markMessagesSeen(of: "t1", at: at(23, 9, 30))
        report = try cache.caseload(since: at(16, 10), now: monday)
        #expect(report.total.messagesWaiting == 0)
    }

    @Test(arguments: [false, true]) func aWorkstationLimitedToSomeMunicipalitiesSeesOnlyTheirFigures(onDisk: Bool) throws {
        let cache = try seeded(onDisk: onDisk)
        _ = try redAlert(cache, "b0", at: at(23, 9))
        _ = try redAlert(cache, "t0", at: at(23, 9))
        let report = try cache.caseload(since: at(16, 10), now: monday, municipalities: ["5501"])
        #expect(report.municipalities.map(\.municipality) == ["5501"])
        #expect(report.total.patients == 2 && report.total.openRed == 1)
    }

    @Test(arguments: [false, true]) func anAlertWrittenBeforeItsPatientArrivedCountsForThePatientsMunicipality(onDisk: Bool) throws {
        let cache = try seeded(onDisk: onDisk)
        _ = try redAlert(cache, "b0", at: at(23, 9))
        // Written as another workstation's sync could leave it: the patient is not in this cache yet.
        try cache.writer.write { db in
            try db.execute(sql: """
                INSERT INTO alert(patientID, zone, openedAt, raisedAt, triggerMeasurementID, status, basis, key)
                VALUES ('late', 2, ?, ?, 'hr-late', 'open', 'plan', 'late--hr-late')
                """, arguments: [at(23, 9, 5).timeIntervalSince1970, at(23, 9, 5).timeIntervalSince1970])
        }
        var report = try cache.caseload(since: at(16, 10), now: monday)
        #expect(report.total.openRed == 1, "an alert of a patient the cache does not have is left out")
        try cache.storePatients([patient("late", in: "5501")], municipalities: [], cursor: nil)
        report = try cache.caseload(since: at(16, 10), now: monday)
        #expect(report.total.openRed == 2)
        #expect(report.municipalities.first { $0.municipality == "5501" }?.openRed == 1)
    }
}
