import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// The day's screens drawn from plain values must match `Screens/day-*` exactly, at 80×24 and 160×48,
/// in bokmål and English. Regenerate deliberately with VARDE_UPDATE_SCREENS=1, then read the diff.
@Suite(.serialized)
struct DayScreenTests {
    static let now = Date(timeIntervalSince1970: 1_795_348_800) // 22.11.2026 13:00 in Oslo

    static func patient(_ id: String, _ given: String, _ family: String, _ number: String, _ municipality: String) -> Patient {
        Patient(id: id, nationalID: number, givenName: given, familyName: family, birthDate: "1948-03-02", gender: "female",
                municipalityNumber: municipality, diagnoses: [.copd], lastUpdated: now)
    }

    static let rows: [PatientListRow] = [
        PatientListRow(patient: patient("p1", "Målfrid", "Grønli", "02834812345", "1804"), municipalityName: "Bodø",
                       lastMeasurement: now.addingTimeInterval(-1800), plan: .approved, missing: [],
                       openAlert: OpenAlertSummary(alertID: 1, zone: .red, basis: .plan, owner: nil)),
        PatientListRow(patient: patient("p2", "Ola", "Åpenbakken", "11905554321", "5501"), municipalityName: "Tromsø",
                       lastMeasurement: now.addingTimeInterval(-26 * 3600), plan: .notApproved, missing: [.oxygenSaturation, .bodyWeight],
                       openAlert: OpenAlertSummary(alertID: 2, zone: .green, basis: .missingMeasurement, owner: "kari")),
        PatientListRow(patient: patient("p3", "明", "李", "21874011111", "0301"), municipalityName: "Oslo",
                       lastMeasurement: nil, plan: .none, missing: [], openAlert: nil),
        PatientListRow(patient: patient("p4", "Kari 🌻", "Østerbø-Åsland", "30916622222", "4203"), municipalityName: "Arendal",
                       lastMeasurement: now.addingTimeInterval(-3 * 3600), plan: .approved, missing: [],
                       openAlert: OpenAlertSummary(alertID: 4, zone: .yellow, basis: .defaultLimits, owner: nil)),
    ]

    static let card = ContactCard(
        patient: patient("p1", "Målfrid", "Grønli", "02834812345", "1804"),
        contacts: PatientContacts(patientID: "p1", phone: "01 23 45 67",
                                  nextOfKin: [NextOfKin(name: "Ola Grønli", relationship: "sønn", phone: "01 22 33 44"),
                                              NextOfKin(name: "Åse Nabo", relationship: "nabo", phone: nil)],
                                  generalPractitioner: GeneralPractitioner(practitionerID: "gp-003", name: "Per Berg", phone: "01 99 88 77")))

    static let trigger = HomeMeasurement(id: "m1", patientID: "p1", kind: .oxygenSaturation, code: "59408-5", value: 86, unit: "%",
                                         effective: now.addingTimeInterval(-7200), lastUpdated: now.addingTimeInterval(-7200))

    static let handover = HandoverReport(
        since: now.addingTimeInterval(-29 * 3600), until: now,
        newAlerts: [HandoverAlert(patientID: "p1", patientName: "Grønli, Målfrid", municipality: "Bodø", zone: .red,
                                  raisedAt: now.addingTimeInterval(-7200), trigger: trigger, open: true, owner: "kari"),
                    HandoverAlert(patientID: "p4", patientName: "Østerbø-Åsland, Kari 🌻", municipality: "Arendal", zone: .yellow,
                                  raisedAt: now.addingTimeInterval(-5000), trigger: trigger, open: false, owner: nil)],
        resolved: [HandoverResolution(patientName: "Østerbø-Åsland, Kari 🌻", zone: .yellow, resolvedAt: now.addingTimeInterval(-1200),
                                      resolvedBy: "ola", outcome: .advisedPerPlan, note: "Rådet etter planen; ny måling i kveld")],
        claims: [HandoverClaims(nurse: "kari", patients: ["Grønli, Målfrid"])],
        unreadMessages: 3, outboxWaiting: 1,
        missingMeasurements: [HandoverAlert(patientID: "p2", patientName: "Åpenbakken, Ola", municipality: "Tromsø", zone: .green,
                                            raisedAt: now.addingTimeInterval(-14_400), trigger: nil,
                                            missing: [.oxygenSaturation, .bodyWeight], open: true, owner: "kari")],
        unclaimedRed: 1, unclaimedYellow: 2)

    static func note(_ language: Language) -> String {
        JournalNoteComposer.compose(NoteFacts(written: now, nurse: "kari", zone: .red, basis: .plan, measurements: [trigger],
                                              planApprovedBy: "Fastlege Per Berg", actions: [language == .nb ? "Ringte pasienten" : "Called the patient"],
                                              outcome: .contactedPatient,
                                              freeText: language == .nb ? "Pasienten hadde glemt oksygenet. Ny måling 93 %." : "The patient had forgotten the oxygen. New reading 93 %."),
                                    language: language)
    }

    static func screens(_ width: Int, _ height: Int, _ language: Language) -> [(String, ScreenBuffer)] {
        [("day-patients", PatientListScreen.render(rows, sort: .openAlert, selected: 1, scroll: 0, search: nil, width: width, height: height,
                                                   language: language, now: now)),
         ("day-contacts", ContactPanel.render(card, municipality: "Bodø", revealedNationalID: nil, width: width, height: height,
                                              language: language, now: now)),
         ("day-handover", HandoverScreen.render(handover, scroll: 0, width: width, height: height, language: language, now: now)),
         ("day-note", JournalNoteView.render(text: note(language), patientName: "Grønli, Målfrid", freeNote: false,
                                             delivery: .saved(.queued, failure: nil), notice: nil, scroll: 0, width: width, height: height,
                                             language: language, now: now))]
    }

    @Test func theDaysScreensMatchTheirGoldenRenders() throws {
        for (width, height) in [(80, 24), (160, 48)] {
            for language in Language.allCases {
                for (screen, buffer) in Self.screens(width, height, language) {
                    try matchGolden(buffer, "\(screen)-\(width)x\(height).\(language.rawValue).txt")
                }
            }
        }
    }

    @Test func theContactPanelMasksTheFødselsnummerUntilItIsShown() {
        let masked = ContactPanel.render(Self.card, municipality: nil, revealedNationalID: nil, width: 80, height: 24, language: .nb, now: Self.now)
        #expect(masked.plainText.contains("028348 •••••"))
        #expect(!masked.plainText.contains("12345"))
        let shown = ContactPanel.render(Self.card, municipality: nil, revealedNationalID: "02834812345", width: 80, height: 24,
                                        language: .nb, now: Self.now)
        #expect(shown.plainText.contains("028348 12345"))
        #expect(shown.plainText.contains("logget"))
        #expect(ContactPanel.headerLine(Self.card.contacts, width: 200, language: .nb)
                == "☎ 01 23 45 67 · Pårørende: Ola Grønli (sønn) 01 22 33 44 · Fastlege: Per Berg 01 99 88 77")
    }

    @Test func theNoteIsWrittenAsTheMunicipalRecordExpects() {
        let nb = Self.note(.nb)
        #expect(nb.hasPrefix("Journalnotat – digital hjemmeoppfølging\nDato: 22.11.2026  Kl.: 13:00\nSkrevet av: kari, oppfølgingssenteret"))
        #expect(nb.contains("Bakgrunn: Rødt varsel fra hjemmemåling."))
        #expect(nb.contains("- 22.11 11:00 SpO2 86 % – rødt, vurdert etter pasientens egenbehandlingsplan, godkjent av Fastlege Per Berg"))
        #expect(nb.contains("Tiltak: Ringte pasienten."))
        #expect(nb.contains("Utfall: Kontaktet pasienten."))
        #expect(nb.hasSuffix("Merknad: Pasienten hadde glemt oksygenet. Ny måling 93 %."))
        let en = Self.note(.en)
        #expect(en.contains("Background: Red alert from a home measurement."))
        #expect(en.contains("Outcome: Contacted the patient."))
        let free = JournalNoteComposer.compose(NoteFacts(written: Self.now, nurse: "ola", freeText: "Pasienten ringte om\u{1B}[2J reise."),
                                               language: .nb)
        #expect(free.contains("Bakgrunn: Notat uten varsel."))
        #expect(!free.contains("Målinger"))
    }

    @Test func osc52CarriesTheNoteBase64AndNothingCanBreakOutOfIt() throws {
        let sequence = try #require(Clipboard.osc52("Notat\nSpO2 86 %\u{1B}]0;tittel\u{07}"))
        #expect(sequence.hasPrefix("\u{1B}]52;c;"))
        #expect(sequence.hasSuffix("\u{07}"))
        let payload = String(sequence.dropFirst(7).dropLast())
        #expect(!payload.contains("\u{1B}") && !payload.contains("\u{07}"))
        let decoded = String(decoding: try #require(Data(base64Encoded: payload)), as: UTF8.self)
        #expect(decoded == "Notat\nSpO2 86 % ]0;tittel ")
        #expect(Clipboard.osc52("") == nil)
        #expect(Clipboard.osc52(String(repeating: "x", count: 200), maximumBytes: 100) == nil, "too long: nothing half-copied")
        let terminal = HeadlessTerminal(width: 80, height: 24)
        terminal.send(controlSequence: sequence)
        #expect(terminal.controlSequences == [sequence])
    }

    func red(_ id: Int64) -> QueueEntry {
        QueueEntry(alertID: id, zone: .red, patientID: "p\(id)", patientName: "Grønli, Målfrid \(id)",
                   municipality: Municipality(number: "1804", name: "Bodø"), trigger: Self.trigger, raisedAt: Self.now)
    }

    @Test func theBellRingsOnceForEachNewUnseenRedAndAcknowledgingAllClearsTheBanner() {
        var watch = RedAlertWatch(startedAt: Self.now)
        var bell = RedAlertBell()
        let terminal = HeadlessTerminal(width: 80, height: 24)
        func pass(_ entries: [QueueEntry]) {
            watch.observe(entries)
            if bell.shouldRing(unseen: watch.unseen) { terminal.bell() }
        }
        pass([red(1)])
        #expect(terminal.bells == 1)
        pass([red(1)])
        #expect(terminal.bells == 1, "the same red rings once")
        pass([red(1), red(2), red(3)])
        #expect(terminal.bells == 2, "two arriving together ring once")
        watch.seen(alertID: 2)
        #expect(watch.unseen.map(\.alertID) == [1, 3])
        watch.seenAll()
        #expect(watch.unseen.isEmpty)
        pass([red(1), red(2), red(3)])
        #expect(terminal.bells == 2, "acknowledged ones stay quiet")
        var quiet = RedAlertBell(enabled: false)
        let rang = quiet.shouldRing(unseen: [red(9)])
        #expect(!rang, "[console] bell = false")
    }
}

/// A note about a handled alert is written from the alert itself, as the patient view holds it.
struct NoteFromAlertTests {
    @Test func aMissingMeasurementAlertsNoteNamesWhatDidNotCome() {
        let now = DayScreenTests.now
        var alert = Alert.forMissing(patientID: "p1", kinds: [.oxygenSaturation, .bodyWeight], day: "2026-11-22", deadline: now)
        alert.status = .resolved
        let facts = NoteFacts(alert: alert, trigger: nil, plan: nil, message: nil, nurse: "kari", written: now,
                              actions: ["Ringte pasienten"], outcome: .contactedPatient, freeText: "")
        let text = JournalNoteComposer.compose(facts, language: .nb)
        #expect(text.contains("Bakgrunn: Manglende måling: SpO2, Vekt."))
        #expect(!text.contains("Merknad"))
    }
}
