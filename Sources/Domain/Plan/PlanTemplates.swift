import Foundation

/// Starting points for a plan per diagnosis, as a centre drafts them from the trial period before
/// the GP adjusts the limits to the patient.
public enum PlanTemplates {
    /// A draft plan for the diagnoses, limits moved by `shift` (per-patient variation, -1...1).
    public static func draft(patientID: String, diagnoses: [Diagnosis], shift: Double, approval: PlanApproval?,
                             revised: Date) -> SelfCarePlan {
        var limits: [MeasurementLimits] = []
        var schedule: [MeasurementSchedule] = []
        func add(_ l: MeasurementLimits) { if !limits.contains(where: { $0.kind == l.kind && $0.part == l.part }) { limits.append(l) } }
        func measure(_ kind: MeasurementKind, _ hour: Int) {
            if !schedule.contains(where: { $0.kind == kind }) { schedule.append(MeasurementSchedule(kind: kind, timesPerDay: 1, dueByHour: hour)) }
        }
        let s = shift
        for diagnosis in diagnoses {
            switch diagnosis {
            case .copd:
                add(MeasurementLimits(kind: .oxygenSaturation, greenLow: 88 + s, greenHigh: nil, yellowLow: 85 + s, yellowHigh: nil))
                add(MeasurementLimits(kind: .heartRate, greenLow: 50, greenHigh: 100 + 5 * s, yellowLow: 40, yellowHigh: 120 + 5 * s))
                add(MeasurementLimits(kind: .respiratoryRate, greenLow: 10, greenHigh: 22, yellowLow: 8, yellowHigh: 26))
                add(MeasurementLimits(kind: .bodyTemperature, greenLow: 35.5, greenHigh: 38.0, yellowLow: 35.0, yellowHigh: 39.0))
                measure(.oxygenSaturation, 10); measure(.heartRate, 10)
            case .heartFailure:
                add(MeasurementLimits(kind: .bloodPressure, greenLow: 100 + 5 * s, greenHigh: 150, yellowLow: 90, yellowHigh: 170))
                add(MeasurementLimits(kind: .bloodPressure, part: .diastolic, greenLow: 50, greenHigh: 95, yellowLow: 40, yellowHigh: 105))
                add(MeasurementLimits(kind: .heartRate, greenLow: 50, greenHigh: 100, yellowLow: 40, yellowHigh: 120))
                add(MeasurementLimits(kind: .oxygenSaturation, greenLow: 94, greenHigh: nil, yellowLow: 90, yellowHigh: nil))
                measure(.bodyWeight, 9); measure(.bloodPressure, 10)
            case .diabetes:
                add(MeasurementLimits(kind: .bloodGlucose, greenLow: 4.0, greenHigh: 12 + s, yellowLow: 3.0, yellowHigh: 18))
                add(MeasurementLimits(kind: .bloodPressure, greenLow: 100, greenHigh: 150, yellowLow: 90, yellowHigh: 170))
                measure(.bloodGlucose, 9)
            case .cancer:
                add(MeasurementLimits(kind: .bodyTemperature, greenLow: 35.5, greenHigh: 37.9, yellowLow: 35.0, yellowHigh: 38.4))
                add(MeasurementLimits(kind: .heartRate, greenLow: 50, greenHigh: 100, yellowLow: 40, yellowHigh: 125))
                measure(.bodyTemperature, 10)
            case .mentalHealth:
                add(MeasurementLimits(kind: .heartRate, greenLow: 50, greenHigh: 100, yellowLow: 40, yellowHigh: 130))
                measure(.heartRate, 12)
            }
        }
        return SelfCarePlan(
            id: "plan-\(patientID)", patientID: patientID, goals: goals(diagnoses), schedule: schedule, limits: limits,
            actions: [
                ZoneAction(zone: .yellow, forPatient: ["Mål på nytt om 30 minutter", "Følg trinn 2 i planen din"],
                           forCentre: ["Ring pasienten i dag", "Gi råd etter planen"]),
                ZoneAction(zone: .red, forPatient: ["Ring oppfølgingssenteret nå, eller 113 ved akutt forverring"],
                           forCentre: ["Ring pasienten straks", "Kontakt fastlege eller legevakt etter planen"]),
            ],
            approval: approval, revised: revised, lastUpdated: revised)
    }

    static func goals(_ diagnoses: [Diagnosis]) -> [String] {
        switch diagnoses.first {
        case .copd?: ["Klare å gå tur med hunden hver dag", "Slippe innleggelse i vinter"]
        case .heartFailure?: ["Orke å stelle i hagen", "Være med på barnebarnas bursdager"]
        case .diabetes?: ["Holde blodsukkeret jevnt", "Kjøre bil selv"]
        case .cancer?: ["Være hjemme så mye som mulig"]
        default: ["Ha gode dager hjemme"]
        }
    }
}
