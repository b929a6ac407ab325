import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// Long panels in the patient view at 80×24: the plan and the history scroll, and their edges say
/// how much more there is, in the operator's language.
struct PanelScrollTests {
    static let now = Date(timeIntervalSince1970: 1_795_424_400) // Monday 23.11.2026 10:00 in Norway

    func record(history: [HistoryEntry] = []) -> PatientRecord {
        let patient = Patient(id: "p1", nationalID: "01815012345", givenName: "Åse", familyName: "Berg",
                              birthDate: "1944-03-02", gender: "female", municipalityNumber: "1804",
                              diagnoses: [.copd, .heartFailure], lastUpdated: Self.now)
        let approval = PlanApproval(approvedBy: "Fastlege Bodil", approvedOn: Self.now)
        let plan = PlanTemplates.draft(patientID: "p1", diagnoses: [.copd, .heartFailure], shift: 0, approval: approval,
                                       revised: Self.now)
        return PatientRecord(patient: patient, municipality: Municipality(number: "1804", name: "Bodø"), plan: plan,
                             measurements: [], openAlert: nil, history: history)
    }

    @Test func panelArithmeticShowsEveryLineOnceAcrossItsOffsets() {
        let room = 10, total = 25
        var seen: [Int] = []
        var offset = 0
        while true {
            let panel = ScrolledPanel(total: total, room: room, offset: offset)
            #expect(panel.firstRow + panel.shown.count + (panel.below > 0 ? 1 : 0) <= room)
            #expect(panel.above == panel.shown.lowerBound && panel.below == total - panel.shown.upperBound)
            seen += panel.shown
            if panel.below == 0 { break }
            offset = panel.shown.upperBound
        }
        #expect(Set(seen) == Set(0..<total))
        #expect(ScrolledPanel(total: 5, room: 10, offset: 3).shown == 0..<5, "a panel that fits ignores the offset")
    }

    @Test func thePlanAt80x24SaysThereIsMoreAndScrollsToWhenRed() throws {
        var state = PatientState(record: record(), tab: .plan, now: Self.now, language: .nb)
        // What the centre does at red: the plan's last line.
        let lastLine = try #require(state.record.plan?.actions.last { $0.zone == .red }?.forCentre.last)
        let first = PatientScreen.render(state, width: 80, height: 24).plainText
        #expect(!first.contains(lastLine))
        #expect(first.contains("linjer til (j/PgDn)"), "\(first)")
        for _ in 0..<40 { state = PatientScreen.scrolled(state, by: 1, width: 80, height: 24) }
        let last = PatientScreen.render(state, width: 80, height: 24).plainText
        #expect(last.contains("Ved rød") && last.contains(lastLine), "\(last)")
        #expect(last.contains("over (k/PgUp)") && !last.contains("til (j/PgDn)"), "\(last)")
        state = PatientScreen.scrolled(state, by: -100, width: 80, height: 24)
        #expect(PatientScreen.render(state, width: 80, height: 24).plainText == first, "scrolling back up restores the top")
    }

    @Test func theHistoryOpensAtItsNewestLineAndScrollsBack() {
        let history = (0..<40).map { HistoryEntry(at: Self.now.addingTimeInterval(Double($0) * 600), who: "Kari \($0)", what: "claimed") }
        var state = PatientState(record: record(history: history), tab: .history, now: Self.now, language: .en)
        let newest = PatientScreen.render(state, width: 80, height: 24).plainText
        #expect(newest.contains("Kari 39") && !newest.contains("Kari 0 "), "\(newest)")
        #expect(newest.contains("more above (k/PgUp)"), "\(newest)")
        state = PatientScreen.scrolled(state, by: -100, width: 80, height: 24)
        let oldest = PatientScreen.render(state, width: 80, height: 24).plainText
        #expect(oldest.contains("Kari 0 ") && !oldest.contains("Kari 39"), "\(oldest)")
        #expect(oldest.contains("lines more below (j/PgDn)"), "\(oldest)")
    }
}

/// The thread with the patient at 80×24: scrolled back, it says both that earlier and later messages are there.
struct ThreadScrollTests {
    @Test func aThreadScrolledBackSaysThereAreLaterMessagesBelow() {
        let now = PanelScrollTests.now
        var messages: [PatientMessage] = []
        for index in 0..<30 {
            let fromPatient = index % 2 == 0
            let written = now.addingTimeInterval(Double(index - 30) * 3600)
            messages.append(PatientMessage(id: "m\(index)", patientID: "p1", direction: fromPatient ? .fromPatient : .toPatient,
                                           text: "Melding nummer \(index)", author: fromPatient ? "Åse" : "kari",
                                           written: written, status: fromPatient ? .received : .read))
        }
        var record = PanelScrollTests().record()
        record.messages = messages
        var state = PatientState(record: record, tab: .messages, now: now, language: .nb)
        let newest = PatientScreen.render(state, width: 80, height: 24).plainText
        #expect(newest.contains("Melding nummer 29") && newest.contains("↑ eldre meldinger") && !newest.contains("↓ nyere"), "\(newest)")
        state = PatientScreen.scrolled(state, by: -10, width: 80, height: 24)
        let back = PatientScreen.render(state, width: 80, height: 24).plainText
        #expect(!back.contains("Melding nummer 29") && back.contains("↓ nyere meldinger (PgDn)"), "\(back)")
    }
}

/// `:karantene` at 80×24: a long list says how much is below and, scrolled, how much is above.
struct QuarantineScrollTests {
    @Test func aLongQuarantineSaysThereIsMore() {
        let now = PanelScrollTests.now
        var items: [QuarantinedResource] = []
        for index in 0..<40 {
            items.append(QuarantinedResource(server: "https://fhir.example", resourceType: "Observation", resourceID: "obs-\(index)",
                                             reason: "unknown unit", receivedAt: now.addingTimeInterval(Double(-index) * 60)))
        }
        let top = QuarantineScreen.render(items, total: 40, scroll: 0, width: 80, height: 24, language: .en, now: now).plainText
        #expect(top.contains("obs-0 ") && top.contains("lines more below (j/PgDn)"), "\(top)")
        let end = QuarantineScreen.render(items, total: 40, scroll: 100, width: 80, height: 24, language: .en, now: now).plainText
        #expect(end.contains("obs-39") && end.contains("lines more above (k/PgUp)") && !end.contains("more below"), "\(end)")
    }
}
