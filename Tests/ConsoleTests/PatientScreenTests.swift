import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// The patient view drawn headless: plan approval, history in words, overdue marks in the queue.
struct PatientScreenTests {
    static let now = Date(timeIntervalSince1970: 1_795_424_400) // Monday 23.11.2026 10:00 in Norway

    func record(plan: SelfCarePlan?, history: [HistoryEntry] = []) -> PatientRecord {
        let patient = Patient(id: "p1", nationalID: "01815012345", givenName: "Åse", familyName: "Ma\u{030A}løy",
                              birthDate: "1944-03-02", gender: "female", municipalityNumber: "1804",
                              diagnoses: [.copd, .heartFailure], lastUpdated: Self.now)
        let weights = (0..<6).map { day in
            HomeMeasurement(id: "w\(day)", patientID: "p1", kind: .bodyWeight, code: "c", value: 80 + Double(day) * 0.5,
                            unit: "kg", effective: Self.now.addingTimeInterval(Double(day - 6) * 86_400), lastUpdated: Self.now)
        }
        return PatientRecord(patient: patient, municipality: Municipality(number: "1804", name: "Bodø"), plan: plan,
                             measurements: weights, openAlert: nil, history: history)
    }

    @Test func anUnapprovedPlanIsMarkedAsSuch() {
        let plan = PlanTemplates.draft(patientID: "p1", diagnoses: [.copd], shift: 0, approval: nil, revised: Self.now)
        let buffer = PatientScreen.render(PatientState(record: record(plan: plan), tab: .plan, now: Self.now, language: .nb),
                                          width: 80, height: 24)
        #expect(buffer.plainText.contains("PLAN IKKE GODKJENT AV FASTLEGE"))
        #expect(buffer.plainText.contains("Hva er viktig for deg"))
        #expect(buffer.line(0).contains("82 år"))
    }

    @Test func theHistoryTabSaysWhoDidWhatInWords() {
        let history = [HistoryEntry(at: Self.now, who: "Kari", what: "claimed"),
                       HistoryEntry(at: Self.now.addingTimeInterval(600), who: "Kari", what: "resolved: advisedPerPlan: Trinn 2")]
        let buffer = PatientScreen.render(PatientState(record: record(plan: nil, history: history), tab: .history,
                                                       now: Self.now, language: .nb), width: 80, height: 24)
        #expect(buffer.plainText.contains("Kari"))
        #expect(buffer.plainText.contains("tok varselet"))
        #expect(buffer.plainText.contains("avsluttet: gitt råd etter planen – Trinn 2"))
    }

    @Test func trendsChartEveryMeasurementWithLastMinAndMax() {
        let buffer = PatientScreen.render(PatientState(record: record(plan: nil), tab: .trends, now: Self.now, language: .en),
                                          width: 120, height: 40)
        #expect(buffer.plainText.contains("Weight"))
        #expect(buffer.plainText.contains("last 82.5 · min 80 · max 82.5 kg"))
        #expect(buffer.plainText.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "drawn in braille")
    }

    @Test func overdueAlertsAreMarkedWithAnExclamationNotJustColour() {
        let raised = Self.now.addingTimeInterval(-3 * 3600) // 07:00 Monday: 2 service hours by 10:00
        let m = HomeMeasurement(id: "m", patientID: "p1", kind: .heartRate, code: "c", value: 140, unit: "/min",
                                effective: raised, lastUpdated: raised)
        let entry = QueueEntry(alertID: 1, zone: .red, patientID: "p1", patientName: "Berg, Ola",
                               municipality: Municipality(number: "1804", name: "Bodø"), trigger: m, raisedAt: raised)
        var state = QueueState(entries: [entry], now: Self.now)
        let buffer = QueueScreen.render(&state, width: 80, height: 24)
        #expect(buffer.line(2).contains("! 3 t 00 min"))
        #expect(buffer.line(0).contains("! 1 forsinket"))
    }
}
