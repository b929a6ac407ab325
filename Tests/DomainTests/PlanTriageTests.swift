import Foundation
import Testing
import VardeDomain

/// Zones by the patient's own approved plan, boundaries on both sides; default limits only where the plan is
/// silent; an unapproved plan judged beside the default limits.
struct PlanTriageTests {
    static let at = Date(timeIntervalSince1970: 1_795_348_800)

    static let plan = SelfCarePlan(
        id: "plan-1", patientID: "p1", goals: ["Gå tur med hunden"], schedule: [],
        limits: [
            MeasurementLimits(kind: .oxygenSaturation, greenLow: 88, greenHigh: nil, yellowLow: 85, yellowHigh: nil),
            MeasurementLimits(kind: .bloodPressure, greenLow: 100, greenHigh: 150, yellowLow: 90, yellowHigh: 170),
            MeasurementLimits(kind: .bloodPressure, part: .diastolic, greenLow: 50, greenHigh: 95, yellowLow: 40, yellowHigh: 105),
        ],
        actions: [], approval: PlanApproval(approvedBy: "Fastlege Test", approvedOn: at), revised: at, lastUpdated: at)

    static var unapproved: SelfCarePlan {
        var plan = Self.plan
        plan.approval = nil
        return plan
    }

    func measurement(_ kind: MeasurementKind, _ value: Double, _ second: Double? = nil) -> HomeMeasurement {
        HomeMeasurement(id: "m", patientID: "p1", kind: kind, code: "c", value: value, secondValue: second,
                        unit: kind.canonicalUnit, effective: Self.at, lastUpdated: Self.at)
    }

    @Test(arguments: [(84.0, Zone.red), (85, .yellow), (87, .yellow), (88, .green), (100, .green)])
    func spo2ByThePlansCOPDTarget(value: Double, expected: Zone) {
        #expect(Triage().judge(measurement(.oxygenSaturation, value), diagnoses: [], plan: Self.plan)
                == Judgement(zone: expected, basis: .plan))
    }

    @Test(arguments: [
        (89.0, 70.0, Zone.red), (90, 70, .yellow), (99, 70, .yellow), (100, 70, .green), (150, 70, .green),
        (151, 70, .yellow), (170, 70, .yellow), (171, 70, .red),
        (120, 39, .red), (120, 40, .yellow), (120, 49, .yellow), (120, 50, .green), (120, 95, .green),
        (120, 96, .yellow), (120, 105, .yellow), (120, 106, .red), (171, 45, .red),
    ])
    func bloodPressureIsTheWorseOfSystolicAndDiastolic(systolic: Double, diastolic: Double, expected: Zone) {
        #expect(Triage().judge(measurement(.bloodPressure, systolic, diastolic), diagnoses: [], plan: Self.plan)?.zone == expected)
    }

    @Test func whereThePlanIsSilentTheDefaultAppliesAndSaysSo() {
        let judgement = Triage().judge(measurement(.heartRate, 135), diagnoses: [], plan: Self.plan)
        #expect(judgement == Judgement(zone: .red, basis: .defaultLimits))
        #expect(Triage().judge(measurement(.oxygenSaturation, 90), diagnoses: [], plan: nil)?.basis == .defaultLimits)
    }

    @Test(arguments: [(84.0, Zone.red), (85, .red), (91, .red), (92, .yellow), (95, .yellow), (96, .green)])
    func anUnapprovedPlanIsJudgedBesideTheDefaultsAndTheWorseWins(value: Double, expected: Zone) {
        let judgement = Triage().judge(measurement(.oxygenSaturation, value), diagnoses: [], plan: Self.unapproved)
        #expect(judgement?.zone == expected)
        #expect(judgement?.marks == [.unapprovedPlan])
    }

    @Test func aPlanWithOnlyAGreenBandStillRaisesRedByTheDefaults() {
        var plan = Self.plan
        plan.limits = [MeasurementLimits(kind: .oxygenSaturation, greenLow: 92, greenHigh: 100, yellowLow: nil, yellowHigh: nil),
                       MeasurementLimits(kind: .heartRate, greenLow: 50, greenHigh: 100, yellowLow: nil, yellowHigh: nil)]
        #expect(Triage().judge(measurement(.oxygenSaturation, 85), diagnoses: [], plan: plan)
                == Judgement(zone: .red, basis: .defaultLimits))
        #expect(Triage().judge(measurement(.oxygenSaturation, 93), diagnoses: [], plan: plan)?.zone == .green)
        #expect(Triage().judge(measurement(.oxygenSaturation, 91), diagnoses: [], plan: plan)?.zone == .red)
        #expect(Triage().judge(measurement(.heartRate, 140), diagnoses: [], plan: plan)?.zone == .red)
        #expect(Triage().judge(measurement(.heartRate, 120), diagnoses: [], plan: plan) == Judgement(zone: .yellow, basis: .plan))
        #expect(Triage().judge(measurement(.heartRate, 38), diagnoses: [], plan: plan)?.zone == .red)
    }

    @Test func aComparatorIsJudgedOneDeviceStepBeyondItsBound() {
        var spo2 = measurement(.oxygenSaturation, 92)
        spo2.comparator = .less
        #expect(Triage().judge(spo2, diagnoses: [], plan: nil)?.zone == .red)
        var pulse = measurement(.heartRate, 130)
        pulse.comparator = .greater
        #expect(Triage().judge(pulse, diagnoses: [], plan: nil)?.zone == .red)
        var glucose = measurement(.bloodGlucose, 1.1)
        glucose.comparator = .less
        #expect(Triage().judge(glucose, diagnoses: [], plan: nil) == Judgement(zone: .red, basis: .defaultLimits, marks: [.suspectedError]))
    }

    @Test func anAlertOpenedByThePlanRemembersItsBasis() {
        let change = Triage().evaluate(measurement(.oxygenSaturation, 86), diagnoses: [.copd], plan: Self.plan,
                                       openAlert: nil, now: Self.at)
        guard case .open(let alert) = change else { Issue.record("expected an alert"); return }
        #expect(alert.zone == .yellow)
        #expect(alert.basis == .plan)
    }

    @Test(arguments: Diagnosis.allCases)
    func everyDiagnosisTemplateGivesGreenForItsOwnBaselineValues(diagnosis: Diagnosis) {
        let plan = PlanTemplates.draft(patientID: "p", diagnoses: [diagnosis], shift: 0, approval: nil, revised: Self.at)
        #expect(!plan.limits.isEmpty)
        #expect(!plan.schedule.isEmpty)
        #expect(plan.actions.map(\.zone) == [.yellow, .red])
        for limits in plan.limits {
            let low = limits.greenLow ?? (limits.greenHigh! - 1)
            #expect(limits.zone(of: low) == .green)
            #expect(limits.yellowLow.map { limits.zone(of: $0 - 0.1) } ?? .red == .red)
        }
    }
}
