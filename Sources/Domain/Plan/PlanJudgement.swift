/// The zone of a measurement and what decided it: the patient's own plan or Varde's default limits.
public struct Judgement: Equatable, Sendable {
    public var zone: Zone
    public var basis: Basis

    /// Where a zone came from; a default is always shown as a default.
    public enum Basis: String, Codable, Sendable {
        case plan, defaultLimits
        /// A trend over several measurements (heart failure: weight gain over three days).
        case trend
        /// A value too unlikely to act on: a routine item asking for a re-measure, never clinical.
        case suspectedError
        /// A message from the patient: a routine item until a nurse has handled it.
        case message
        /// A scheduled measurement did not arrive by its deadline: a routine item.
        case missingMeasurement
    }

    public init(zone: Zone, basis: Basis) {
        self.zone = zone
        self.basis = basis
    }
}

extension SelfCarePlan {
    /// The zone by this plan, worst of the values it limits (systolic and diastolic for blood
    /// pressure); nil when the plan sets no limit for the measurement.
    public func zone(for measurement: HomeMeasurement) -> Zone? {
        guard measurement.status.counts else { return nil }
        var zones: [Zone] = []
        if let limits = limits(for: measurement.kind) { zones.append(limits.zone(of: measurement.value)) }
        if let second = measurement.secondValue, let limits = limits(for: measurement.kind, part: .diastolic) {
            zones.append(limits.zone(of: second))
        }
        return zones.max()
    }
}
