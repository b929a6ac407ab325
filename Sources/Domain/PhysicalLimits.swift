/// Values no living patient or working device can produce. Such a measurement is quarantined as
/// broken data; values that are merely unlikely (SpO2 40 %, pulse 0) go to triage as suspected
/// measurement errors instead.
public enum PhysicalLimits {
    public static func range(_ kind: MeasurementKind) -> ClosedRange<Double>? {
        switch kind {
        case .heartRate: 0...350
        case .oxygenSaturation: 0...100
        case .bloodPressure: 0...400
        case .respiratoryRate: 0...150
        case .bodyTemperature: 15...47
        case .bodyWeight: 0.2...700
        case .bloodGlucose: 0...100
        case .frailty: 1...9
        case .news2: 0...20
        case .other: nil
        }
    }

    /// Why the values are impossible, or nil when they are possible.
    public static func problem(_ kind: MeasurementKind, value: Double, second: Double?) -> String? {
        guard let range = range(kind) else { return nil }
        for v in [value] + (second.map { [$0] } ?? []) where !range.contains(v) {
            return "implausible \(kind.rawValue) \(v) \(kind.canonicalUnit) (possible: \(range.lowerBound)–\(range.upperBound))"
        }
        return nil
    }
}
