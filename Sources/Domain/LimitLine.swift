/// A value where the zone changes, for drawing across a trend chart: beyond it lies `zone`
/// (yellow where green ends, red where red begins).
public struct LimitLine: Sendable, Equatable {
    public var value: Double
    public var zone: Zone

    public init(_ value: Double, _ zone: Zone) {
        self.value = value
        self.zone = zone
    }
}

extension DefaultLimits {
    /// Where the default limits change zone for a kind of measurement (systolic for blood pressure).
    public static func lines(for kind: MeasurementKind, diagnoses: [Diagnosis]) -> [LimitLine] {
        guard let bands = bands(for: kind, diagnoses: diagnoses) else { return [] }
        return zip(bands, bands.dropFirst()).compactMap { below, above in
            let (low, high) = (zone(score: below.score), zone(score: above.score))
            return low == high ? nil : LimitLine(below.upTo, max(low, high))
        }
    }
}

extension MeasurementLimits {
    /// The plan's limits as lines: yellow where green ends, red where yellow ends.
    public var lines: [LimitLine] {
        [greenLow, greenHigh].compactMap { $0 }.map { LimitLine($0, .yellow) }
            + [yellowLow, yellowHigh].compactMap { $0 }.map { LimitLine($0, .red) }
    }
}
