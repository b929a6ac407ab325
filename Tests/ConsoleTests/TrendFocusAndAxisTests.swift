import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// The trends tab at 80×24: the chart of the measurement that raised the alert always shows, each
/// chart has its dates under it, and the diastolic line is read against the diastolic limits.
struct TrendFocusAndAxisTests {
    static let now = Date(timeIntervalSince1970: 1_795_424_400) // Monday 23.11.2026 10:00 in Norway

    func measurement(_ id: String, _ kind: MeasurementKind, _ value: Double, second: Double? = nil, daysAgo: Double) -> HomeMeasurement {
        let at = Self.now.addingTimeInterval(-daysAgo * 86_400)
        return HomeMeasurement(id: id, patientID: "p1", kind: kind, code: "c", value: value, secondValue: second,
                               unit: kind.canonicalUnit, effective: at, lastUpdated: at)
    }

    func record(_ measurements: [HomeMeasurement], plan: SelfCarePlan? = nil, alertOn trigger: String? = nil) -> PatientRecord {
        let patient = Patient(id: "p1", nationalID: "01815012345", givenName: "Åse", familyName: "Berg",
                              birthDate: "1944-03-02", gender: "female", municipalityNumber: "1804",
                              diagnoses: [.heartFailure], lastUpdated: Self.now)
        let alert = trigger.map { Alert(patientID: "p1", zone: .red, openedAt: Self.now, raisedAt: Self.now, triggerMeasurementID: $0) }
        return PatientRecord(patient: patient, municipality: Municipality(number: "1804", name: "Bodø"), plan: plan,
                             measurements: measurements, openAlert: alert)
    }

    /// Five kinds over a week; the glucose at the end of the list raised the alert.
    var fiveKinds: [HomeMeasurement] {
        let kinds: [MeasurementKind] = [.heartRate, .oxygenSaturation, .respiratoryRate, .bodyTemperature, .bloodGlucose]
        var all: [HomeMeasurement] = []
        for (index, kind) in kinds.enumerated() {
            for day in 0..<7 {
                let value: Double = kind == .bloodGlucose && day == 0 ? 2.5 : 50 + Double(index * 10 + day)
                all.append(measurement("\(kind.rawValue)\(day)", kind, value, daysAgo: Double(day) + 0.2))
            }
        }
        return all
    }

    @Test func theChartOfTheAlertsMeasurementComesFirstAndTheRestScroll() {
        var state = PatientState(record: record(fiveKinds, alertOn: "bloodGlucose0"), tab: .trends, now: Self.now, language: .nb)
        let screen = PatientScreen.render(state, width: 80, height: 24)
        #expect(screen.line(4).contains("Blodsukker"), "\(screen.plainText)")
        #expect(screen.line(22).contains("↓ j viser også:"), "\(screen.plainText)")
        state = PatientScreen.scrolled(state, by: 1, width: 80, height: 24)
        let scrolled = PatientScreen.render(state, width: 80, height: 24)
        #expect(!scrolled.line(4).contains("Blodsukker") && scrolled.line(22).contains("↑ k viser: Blodsukker"), "\(scrolled.plainText)")
    }

    @Test func everyChartHasItsDatesUnderItInTheOperatorsLanguage() {
        let state = PatientState(record: record(fiveKinds, alertOn: "bloodGlucose0"), tab: .trends, now: Self.now, language: .nb)
        let screen = PatientScreen.render(state, width: 80, height: 24).plainText
        // The week before Monday 23.11, a label at each midnight in Norwegian time.
        for day in ["17.11", "19.11", "21.11", "23.11"] { #expect(screen.contains(day), "\(day) in\n\(screen)") }
        let english = PatientScreen.render(PatientState(record: record(fiveKinds), tab: .trends, now: Self.now, language: .en),
                                           width: 80, height: 24).plainText
        #expect(english.contains("17 Nov") && english.contains("21 Nov"), "\(english)")
        let month = PatientState(record: record(fiveKinds), tab: .trends, periodDays: 30, now: Self.now, language: .nb)
        let axis = PatientScreen.render(month, width: 80, height: 24).line(9)
        #expect(axis.contains(".10") && axis.contains(".11"), "a month of dates spaced apart: \(axis)")
    }

    @Test func theDiastolicLineIsDrawnAgainstTheDiastolicLimits() {
        let pressures = (0..<7).map { measurement("bp\($0)", .bloodPressure, 150 + Double($0), second: 96 + Double($0 % 2), daysAgo: Double($0) + 0.2) }
        // No plan: NEWS2 judges only the systolic; no systolic limit is drawn among the diastolic values.
        let state = PatientState(record: record(pressures), tab: .trends, now: Self.now, language: .nb)
        let chart = PatientScreen.render(state, width: 80, height: 24).plainText
        #expect(chart.contains("110 sys") && chart.contains("219 sys"), "\(chart)")
        #expect(!chart.contains(" 90"), "the systolic limit at 90 is not drawn beside the diastolic line:\n\(chart)")
        // With the plan, each pressure against its own limits, tagged.
        let plan = PlanTemplates.draft(patientID: "p1", diagnoses: [.heartFailure], shift: 0,
                                       approval: PlanApproval(approvedBy: "Fastlege", approvedOn: Self.now), revised: Self.now)
        let planned = PatientScreen.render(PatientState(record: record(pressures, plan: plan), tab: .trends, now: Self.now, language: .nb),
                                           width: 80, height: 24).plainText
        #expect(planned.contains("105 dia") && planned.contains("170 sys"), "\(planned)")
    }
}
