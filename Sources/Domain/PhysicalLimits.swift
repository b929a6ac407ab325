/// Values no living patient or working device can produce (SpO2 above 100 %, a negative pulse, a body at
/// 50 °C). Such a measurement is quarantined as broken data and the patient gets a routine item to have the
/// device checked ("umulig verdi fra apparatet"). Values that are merely unlikely (SpO2 40 %, pulse 0) are
/// judged by their zone and marked as a suspected measurement error instead.
public enum PhysicalLimits {
    public static func range(_ kind: MeasurementKind) -> ClosedRange<Double>? {
        switch kind {
        case .heartRate: 0...350
        case .oxygenSaturation: 0...100
        case .bloodPressure, .diastolicPressure: 0...400
        case .respiratoryRate: 0...150
        case .bodyTemperature: 25...45
        case .bodyWeight: 0.2...700
        case .bloodGlucose: 0...150
        case .frailty: 1...9
        case .news2: 0...20
        case .other: nil
        }
    }

    /// Why the values are impossible (in the nurse's words), or nil when they are possible.
    public static func problem(_ kind: MeasurementKind, value: Double, second: Double?) -> String? {
        guard let range = range(kind) else { return nil }
        for v in [value] + (second.map { [$0] } ?? []) where !v.isFinite || !range.contains(v) {
            return "umulig verdi fra apparatet: \(kind.rawValue) \(v) \(kind.canonicalUnit) "
                + "(mulig: \(range.lowerBound)–\(range.upperBound))"
        }
        return nil
    }
}
