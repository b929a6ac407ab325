import Foundation
import Testing
import VardeDomain
import VardeStore

/// The store under the nurse's day: finding any patient she may see, contacts with the fødselsnummer
/// shown only through the access log, the journal-note outbox, reopening and correcting, the handover.
struct DayStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    func seeded() throws -> CacheDatabase {
        let cache = try CacheDatabase()
        func patient(_ id: String, _ given: String, _ family: String, _ nationalID: String, _ municipality: String) -> Patient {
            Patient(id: id, nationalID: nationalID, givenName: given, familyName: family, birthDate: "1950-01-01",
                    gender: "female", municipalityNumber: municipality, diagnoses: [], lastUpdated: now)
        }
        try cache.storePatients([patient("p1", "Målfrid", "Grønli", "01815012345", "1804"),
                                 patient("p2", "Ola", "Åpenbakken", "02825054321", "5501"),
                                 patient("p3", "Kari", "Sperrevik", "03835011111", "1804"),
                                 patient("p4", "Per", "Utenfor", "04845022222", "0301")],
                                municipalities: [Municipality(number: "1804", name: "Bodø"), Municipality(number: "5501", name: "Tromsø"),
                                                 Municipality(number: "0301", name: "Oslo")], cursor: nil)
        let at = now.addingTimeInterval(-600)
        try cache.storeMeasurements([
            HomeMeasurement(id: "m1", patientID: "p2", kind: .oxygenSaturation, code: "c", value: 85, unit: "%", effective: at, lastUpdated: at),
            HomeMeasurement(id: "m2", patientID: "p3", kind: .heartRate, code: "c", value: 70, unit: "/min", effective: at, lastUpdated: at),
        ], triage: Triage(), now: now, cursor: nil)
        try cache.storeBlocks([PatientBlock(id: "consent-1", patientID: "p3", operatorID: "kari")], cursor: nil)
        try cache.storeContacts([PatientContacts(patientID: "p1", phone: "01 23 45 67",
                                                 nextOfKin: [NextOfKin(name: "Ola Grønli", relationship: "sønn", phone: "01 22 33 44")],
                                                 generalPractitioner: GeneralPractitioner(practitionerID: "gp-001", name: "Fastlege Per Berg", phone: nil))])
        return cache
    }

    @Test func aPatientOutsideTheQueueIsFoundByNameAccentBlindByFødselsnummerAndByKommunenummer() throws {
        let cache = try seeded()
        let kari = Viewer(operatorID: "kari", municipalities: ["1804", "5501"])
        #expect(try cache.queue(for: kari).allSatisfy { $0.patientID != "p1" }, "Grønli has no alert")
        #expect(try cache.findPatients("gronli", for: kari).map(\.patient.id) == ["p1"])
        #expect(try cache.findPatients("malfrid GRØN", for: kari).map(\.patient.id) == ["p1"])
        #expect(try cache.findPatients("018150 12345", for: kari).map(\.patient.id) == ["p1"])
        #expect(try cache.findPatients("1804", for: kari).map(\.patient.id) == ["p1"], "Sperrevik has blocked kari")
        #expect(try cache.findPatients("Sperrevik", for: kari).isEmpty)
        #expect(try cache.findPatients("Utenfor", for: kari).isEmpty, "outside kari's municipalities")
        #expect(try cache.findPatients("   ", for: kari).isEmpty)
    }

    @Test func thePatientListSortsByOpenAlertPlanAndLastMeasurement() throws {
        let cache = try seeded()
        let ola = Viewer(operatorID: "ola")
        let byAlert = try cache.patientList(for: ola, sortedBy: .openAlert)
        #expect(byAlert.first?.patient.id == "p2", "the red alert first")
        #expect(byAlert.first?.openAlert?.zone == .red)
        let byLast = try cache.patientList(for: ola, sortedBy: .lastMeasurement)
        #expect(byLast.prefix(2).allSatisfy { $0.lastMeasurement == nil }, "never measured first")
        #expect(try cache.patientList(for: ola, sortedBy: .municipality).map(\.municipalityName) == ["Bodø", "Bodø", "Oslo", "Tromsø"])
        #expect(try cache.patientList(for: Viewer(operatorID: "kari")).count == 3)
    }

    @Test func aWithdrawnMeasurementIsNotThePatientsLastOne() throws {
        let cache = try seeded()
        let earlier = now.addingTimeInterval(-7200), later = now.addingTimeInterval(-60)
        try cache.storeMeasurements([
            HomeMeasurement(id: "w1", patientID: "p1", kind: .heartRate, code: "c", value: 70, unit: "/min", effective: earlier, lastUpdated: earlier),
            HomeMeasurement(id: "w2", patientID: "p1", kind: .bodyWeight, code: "c", value: 80, unit: "kg", effective: later, lastUpdated: later),
        ], triage: Triage(), now: now, cursor: nil)
        #expect(try cache.patientList().first { $0.patient.id == "p1" }?.lastMeasurement == later)
        try cache.storeMeasurements([HomeMeasurement(id: "w2", patientID: "p1", kind: .bodyWeight, code: "c", value: 80, unit: "kg",
                                                     effective: later, lastUpdated: now, status: .enteredInError)],
                                    triage: Triage(), now: now, cursor: nil)
        #expect(try cache.patientList().first { $0.patient.id == "p1" }?.lastMeasurement == earlier)
        #expect(try cache.findPatients("gronli").first?.lastMeasurement == earlier)
    }

    @Test func contactsAreReadAndTheWholeFødselsnummerIsShownOnlyWithALogLine() throws {
        let cache = try seeded()
        #expect(try cache.unreadPractitionerIDs(now: now) == ["gp-001"])
        try cache.storePractitioner(id: "gp-001", name: nil, phone: nil, problem: "server answered 404", at: now)
        #expect(try cache.unreadPractitionerIDs(now: now.addingTimeInterval(600)).isEmpty)
        #expect(try cache.contacts(of: "p1")?.gpProblem == "server answered 404")
        #expect(try cache.unreadPractitionerIDs(now: now.addingTimeInterval(3700)) == ["gp-001"], "a problem is asked again after an hour")
        try cache.storePractitioner(id: "gp-001", name: "Per Berg", phone: "01 99 88 77", problem: nil, at: now)
        #expect(try cache.unreadPractitionerIDs(now: now.addingTimeInterval(6 * 86_400)).isEmpty)
        #expect(try cache.unreadPractitionerIDs(now: now.addingTimeInterval(8 * 86_400)) == ["gp-001"], "refreshed weekly")
        let card = try #require(try cache.contacts(of: "p1", for: Viewer(operatorID: "kari")))
        #expect(card.contacts.phone == "01 23 45 67")
        #expect(card.contacts.nextOfKin == [NextOfKin(name: "Ola Grønli", relationship: "sønn", phone: "01 22 33 44")])
        #expect(card.contacts.generalPractitioner?.name == "Per Berg")
        #expect(card.contacts.generalPractitioner?.phone == "01 99 88 77")
        #expect(try cache.accessLog().isEmpty)
        #expect(try cache.revealNationalID(of: "p1", for: Viewer(operatorID: "kari"), workstation: "ws1", at: now) == "01815012345")
        let log = try cache.accessLog(patientID: "p1")
        #expect(log.count == 1)
        #expect(log.first?.what == .nationalID && log.first?.operatorID == "kari")
        #expect(try cache.revealNationalID(of: "p3", for: Viewer(operatorID: "kari"), workstation: "ws1", at: now) == nil)
        #expect(try cache.contacts(of: "p3", for: Viewer(operatorID: "kari")) == nil)
        #expect(try cache.accessLog(patientID: "p3").isEmpty)
    }

    @Test func aJournalNoteWaitsInTheOutboxUntilDeliveredAndARefusalIsKept() throws {
        let cache = try seeded()
        let note = try #require(try cache.queueJournalNote(JournalNote(patientID: "p1", alertKey: nil, author: "kari",
                                                                       written: now, text: "Ringte, alt vel.")))
        #expect(try cache.journalOutbox().map(\.id) == [note.id])
        try cache.journalNoteDelayed(id: note.id, reason: "cannot reach server")
        #expect(try cache.journalOutbox().count == 1)
        try cache.journalNoteFailed(id: note.id, reason: "server answered 422")
        #expect(try cache.journalOutbox().isEmpty)
        #expect(try cache.journalNotes(of: "p1").first?.failure == "server answered 422")
        try cache.retryJournalNote(id: note.id)
        try cache.journalNoteDelivered(id: note.id, serverID: "doc-1")
        let delivered = try #require(try cache.journalNotes(of: "p1").first)
        #expect(delivered.status == .delivered && delivered.serverID == "doc-1")
        #expect(try cache.queueJournalNote(JournalNote(patientID: "p3", alertKey: nil, author: "kari", written: now, text: "x"),
                                           for: Viewer(operatorID: "kari")) == nil, "blocked")
    }

    @Test func aResolvedAlertIsReopenedAndCorrectedAsNewHistoryStepsWithTheTaskInTheOutbox() throws {
        let cache = try seeded()
        let alert = try #require(try cache.queue().first { $0.patientID == "p2" })
        _ = try cache.handle(alertID: alert.alertID, .resolve(.contactedPatient, note: "ringt"), by: "kari", at: now)
        let key = try #require(try cache.alert(id: alert.alertID)).key
        try cache.delivered(alertKey: key, taskVersion: "2")
        #expect(try cache.amend(alertID: alert.alertID, .correctNote("ringt, ny måling ok"), by: "ola", at: now) == .failure(.resolvedBy("kari")))
        guard case .success(let corrected) = try cache.amend(alertID: alert.alertID, .correctNote("ringt, ny måling ok"), by: "kari", at: now)
        else { Issue.record("correction refused"); return }
        #expect(corrected.note == "ringt, ny måling ok")
        guard case .success(let reopened) = try cache.amend(alertID: alert.alertID, .reopen(reason: "ny rød måling"), by: "ola",
                                                            at: now.addingTimeInterval(60)) else { Issue.record("reopen refused"); return }
        #expect(reopened.status == .open && reopened.owner == "ola")
        #expect(try cache.queue().contains { $0.alertID == alert.alertID })
        #expect(try cache.history(patientID: "p2").map(\.what) == ["resolved: contactedPatient: ringt", "note corrected: ringt, ny måling ok",
                                                                   "reopened: ny rød måling"])
        #expect(try cache.outbox().count == 1)
        #expect(try cache.amend(alertID: alert.alertID, .reopen(reason: ""), by: "ola", at: now.addingTimeInterval(120)) == .failure(.notResolved))
        _ = try cache.handle(alertID: alert.alertID, .resolve(.advisedPerPlan, note: ""), by: "ola", at: now.addingTimeInterval(180))
        #expect(try cache.amend(alertID: alert.alertID, .reopen(reason: ""), by: "ola", at: now.addingTimeInterval(86_400)) == .failure(.notSameDay))
    }

    @Test func theHandoverSaysWhatHappenedSinceAndWhatWaits() throws {
        let cache = try seeded()
        let alerts = try cache.queue()
        let red = try #require(alerts.first { $0.patientID == "p2" })
        _ = try cache.handle(alertID: red.alertID, .resolve(.contactedGP, note: "fastlege varslet"), by: "kari", at: now)
        try cache.queueJournalNote(JournalNote(patientID: "p1", alertKey: nil, author: "kari", written: now, text: "notat"))
        let report = try cache.handover(since: now.addingTimeInterval(-3600), until: now.addingTimeInterval(60), for: Viewer(operatorID: "per"))
        #expect(report.newAlerts.map(\.patientID) == ["p2"])
        #expect(report.newAlerts.first?.open == false)
        #expect(report.resolved.map(\.resolvedBy) == ["kari"])
        #expect(report.resolved.first?.outcome == .contactedGP)
        #expect(report.outboxWaiting == 2, "the resolution's Task and the note")
        let later = try cache.handover(since: now.addingTimeInterval(30), until: now.addingTimeInterval(60))
        #expect(later.newAlerts.isEmpty && later.resolved.isEmpty)
    }
}
