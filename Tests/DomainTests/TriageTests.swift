import Foundation
import Testing
import VardeDomain

/// One open alert per patient, at the worst zone; green never closes it; old history opens nothing.
struct TriageTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let triage = Triage(window: 72 * 3600)

    func pulse(_ value: Double, minutesAgo: Double, id: String = "m1") -> HomeMeasurement {
        let at = now.addingTimeInterval(-minutesAgo * 60)
        return HomeMeasurement(id: id, patientID: "p1", kind: .heartRate, code: "http://loinc.org|8867-4",
                               value: value, unit: "/min", effective: at, lastUpdated: at)
    }

    @Test func aYellowFindingOpensAnAlertWaitingFromTheMeasurement() {
        let change = triage.evaluate(pulse(95, minutesAgo: 30), diagnoses: [], openAlert: nil, now: now)
        guard case .open(let alert) = change else { Issue.record("expected an opened alert, got \(change)"); return }
        #expect(alert.zone == .yellow)
        #expect(alert.raisedAt == now.addingTimeInterval(-1800))
        #expect(alert.triggerMeasurementID == "m1")
    }

    @Test func aGreenFindingOpensNothing() {
        #expect(triage.evaluate(pulse(70, minutesAgo: 5), diagnoses: [], openAlert: nil, now: now) == .none)
    }

    @Test func aWorseFindingEscalatesTheOpenAlert() {
        let yellow = Alert(id: 1, patientID: "p1", zone: .yellow, openedAt: now.addingTimeInterval(-7200),
                           raisedAt: now.addingTimeInterval(-7200), triggerMeasurementID: "m0")
        let change = triage.evaluate(pulse(140, minutesAgo: 1, id: "m2"), diagnoses: [], openAlert: yellow, now: now)
        guard case .escalate(let alert) = change else { Issue.record("expected escalation, got \(change)"); return }
        #expect(alert.id == 1)
        #expect(alert.zone == .red)
        #expect(alert.openedAt == yellow.openedAt)
        #expect(alert.triggerMeasurementID == "m2")
    }

    @Test func equalOrBetterFindingsLeaveTheAlertAsItIs() {
        let red = Alert(id: 1, patientID: "p1", zone: .red, openedAt: now, raisedAt: now, triggerMeasurementID: "m0")
        #expect(triage.evaluate(pulse(95, minutesAgo: 1), diagnoses: [], openAlert: red, now: now) == .none)
        #expect(triage.evaluate(pulse(140, minutesAgo: 1), diagnoses: [], openAlert: red, now: now) == .none)
        #expect(triage.evaluate(pulse(70, minutesAgo: 1), diagnoses: [], openAlert: red, now: now) == .none)
    }

    @Test func measurementsOlderThanTheWindowAreHistoryNotNews() {
        #expect(triage.evaluate(pulse(140, minutesAgo: 72 * 60 + 1), diagnoses: [], openAlert: nil, now: now) == .none)
        #expect(triage.evaluate(pulse(140, minutesAgo: 72 * 60 - 1), diagnoses: [], openAlert: nil, now: now) != .none)
    }
}
