import Foundation

/// Heart failure: a weight gain of more than 2 kg in 3 days means fluid is building up (yellow);
/// more than 3.5 kg is red. Compared with the lowest weight in the three days before.
public enum WeightTrendRule {
    public static let window: TimeInterval = 3 * 86_400
    public static let yellowGain = 2.0
    public static let redGain = 3.5

    /// The zone of the gain up to `latest`, or nil when the rule does not apply or finds nothing.
    public static func zone(latest: HomeMeasurement, earlier: [HomeMeasurement], diagnoses: [Diagnosis]) -> Zone? {
        guard diagnoses.contains(.heartFailure), latest.kind == .bodyWeight, latest.status.counts else { return nil }
        let baseline = earlier.filter {
            $0.kind == .bodyWeight && $0.status.counts && $0.effective < latest.effective
                && latest.effective.timeIntervalSince($0.effective) <= window
        }.map(\.value).min()
        guard let baseline else { return nil }
        let gain = latest.value - baseline
        if gain > redGain { return .red }
        if gain > yellowGain { return .yellow }
        return nil
    }
}
