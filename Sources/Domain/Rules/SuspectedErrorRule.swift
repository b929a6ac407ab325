import Foundation

/// Values a patient can send that may be a measurement error (mulig feilmåling): a probe off the finger, a
/// cuff on the sleeve, a dog on the scale. The suspicion is a mark on the finding ("be om ny måling"),
/// never a reason to lower its zone: a real SpO2 of 69 % and a loose clip look the same until the patient
/// measures again.
public enum SuspectedErrorRule {
    /// Outside these bounds a single value is suspect.
    public static func believable(_ kind: MeasurementKind) -> ClosedRange<Double>? {
        switch kind {
        case .heartRate: 25...220
        case .oxygenSaturation: 70...100
        case .respiratoryRate: 4...60
        case .bodyTemperature: 34...42.5
        case .bloodPressure: 60...260
        case .diastolicPressure: 30...150
        case .bloodGlucose: 1.5...35
        default: nil
        }
    }

    /// A weight change larger than this within a day is suspect.
    public static let weightJumpPerDay = 5.0

    /// Why the measurement looks like a measurement error, or nil when it is believable.
    /// `previousWeight` is the patient's weight measured within the last day, if any.
    public static func reason(_ m: HomeMeasurement, previousWeight: HomeMeasurement? = nil) -> String? {
        guard m.status.counts else { return nil }
        if let range = believable(m.kind), !range.contains(m.judgedValue) {
            return "\(m.kind.rawValue) \(m.value) is outside \(range.lowerBound)–\(range.upperBound)"
        }
        if m.kind == .bloodPressure, let diastolic = m.secondValue, diastolic >= m.value {
            return "diastolic \(diastolic) is not below systolic \(m.value)"
        }
        if m.kind == .bodyWeight, let previous = previousWeight,
           abs(m.effective.timeIntervalSince(previous.effective)) <= 86_400,
           abs(m.value - previous.value) > weightJumpPerDay {
            return "weight changed \(abs(m.value - previous.value)) kg within a day"
        }
        return nil
    }
}
