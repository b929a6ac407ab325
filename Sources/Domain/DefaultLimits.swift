/// The zone rule used until a patient's own self-care plan replaces it: NEWS2 parameter scores
/// (score 0 green, 1–2 yellow, 3 red), SpO2 scale 2 for COPD, and Varde's own glucose limits.
/// Always shown to the nurse as a default, never as the patient's plan.
public enum DefaultLimits {
    /// An ordered list of (upper bound inclusive, score); the last band catches everything above.
    typealias Bands = [(upTo: Double, score: Int)]

    static let respiratoryRate: Bands = [(8, 3), (11, 1), (20, 0), (24, 2), (.infinity, 3)]
    static let oxygenSaturationScale1: Bands = [(91, 3), (93, 2), (95, 1), (.infinity, 0)]
    static let oxygenSaturationScale2: Bands = [(83, 3), (85, 2), (87, 1), (.infinity, 0)]
    static let systolic: Bands = [(90, 3), (100, 2), (110, 1), (219, 0), (.infinity, 3)]
    static let heartRate: Bands = [(40, 3), (50, 1), (90, 0), (110, 1), (130, 2), (.infinity, 3)]
    static let temperature: Bands = [(35.0, 3), (36.0, 1), (38.0, 0), (39.0, 1), (.infinity, 2)]
    /// Not NEWS2: hypoglycaemia below 4 and marked hyperglycaemia, in mmol/L.
    static let glucose: Bands = [(2.9, 3), (3.9, 2), (14.9, 0), (19.9, 2), (.infinity, 3)]
    /// NEWS2 total score: 0–2 green, 3–4 yellow, 5 and above red.
    static let news2Total: Bands = [(2, 0), (4, 1), (.infinity, 3)]

    /// The zone of a measurement by default limits, or nil where no default rule applies
    /// (weight, frailty, unknown codes).
    public static func zone(for measurement: HomeMeasurement, diagnoses: [Diagnosis]) -> Zone? {
        guard measurement.status.counts, let bands = bands(for: measurement.kind, diagnoses: diagnoses) else { return nil }
        return zone(score: score(measurement.judgedValue, in: bands))
    }

    /// The score bands that judge a kind of measurement, or nil where no default rule applies.
    static func bands(for kind: MeasurementKind, diagnoses: [Diagnosis]) -> Bands? {
        switch kind {
        case .respiratoryRate: respiratoryRate
        case .oxygenSaturation: diagnoses.contains(.copd) ? oxygenSaturationScale2 : oxygenSaturationScale1
        case .bloodPressure: systolic
        case .heartRate: heartRate
        case .bodyTemperature: temperature
        case .bloodGlucose: glucose
        case .news2: news2Total
        case .bodyWeight, .frailty, .diastolicPressure, .other: nil
        }
    }

    /// Which side of normal (score 0) a value lies on: below it, above it, or nil inside it.
    public enum Side: Sendable { case low, high }

    static func side(of value: Double, in bands: Bands) -> Side? {
        guard let first = bands.firstIndex(where: { $0.score == 0 }),
              let last = bands.lastIndex(where: { $0.score == 0 }) else { return nil }
        if first > 0, value <= bands[first - 1].upTo { return .low }
        if value > bands[last].upTo { return .high }
        return nil
    }

    static func score(_ value: Double, in bands: Bands) -> Int {
        bands.first(where: { value <= $0.upTo })?.score ?? bands.last!.score
    }

    static func zone(score: Int) -> Zone {
        switch score {
        case 0: .green
        case 3...: .red
        default: .yellow
        }
    }
}
