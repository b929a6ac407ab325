/// The zone of a measurement, what decided it, and the marks the nurse must see beside it.
public struct Judgement: Equatable, Sendable {
    public var zone: Zone
    public var basis: Basis
    public var marks: Set<FindingMark>

    /// Where a zone came from; a default is always shown as a default.
    public enum Basis: String, Codable, Sendable {
        case plan, defaultLimits
        /// A trend over several measurements (heart failure: weight gain over three days).
        case trend
        /// A value too unlikely to act on that no limit judges worse than green: a routine item asking
        /// for a re-measure. A suspect value a limit judges yellow or red keeps its zone and gets a mark.
        case suspectedError
        /// A message from the patient: a routine item until a nurse has handled it.
        case message
        /// A scheduled measurement did not arrive by its deadline: a routine item.
        case missingMeasurement
        /// The device sent a physically impossible value (set aside in quarantine): a routine item to
        /// have the device checked.
        case impossibleValue
    }

    public init(zone: Zone, basis: Basis, marks: Set<FindingMark> = []) {
        self.zone = zone
        self.basis = basis
        self.marks = marks
    }
}

/// What the nurse must know about a finding besides its zone; a mark never lowers the zone.
public enum FindingMark: String, Codable, Sendable, CaseIterable, Comparable {
    /// "mulig feilmåling – be om ny måling": the value is unlikely (a probe off the finger), yet its zone stands.
    case suspectedError
    /// "plan ikke godkjent": the plan is not approved by the GP; the default limits judged beside it.
    case unapprovedPlan

    public static func < (a: FindingMark, b: FindingMark) -> Bool { a.rawValue < b.rawValue }
}

/// The limits in force for one measurement. An approved plan's limits judge what they limit, and the
/// default limits judge every kind and every side the plan leaves out (a plan with only a green band still
/// raises red by the defaults). An unapproved plan judges beside the default limits: the worse zone wins,
/// marked "plan ikke godkjent". The table of rules is in Manual.md ("Slik vurderes en måling").
public enum LimitsInForce {
    /// The zone of a measurement, or nil where no rule judges it (weight without a plan, unknown codes).
    public static func judge(_ m: HomeMeasurement, diagnoses: [Diagnosis], plan: SelfCarePlan?) -> Judgement? {
        guard m.status.counts else { return nil }
        var parts: [(value: Double, part: MeasurementPart, defaults: DefaultLimits.Bands?)] = []
        switch m.kind {
        case .bloodPressure:
            parts.append((m.judgedValue, .value, DefaultLimits.bands(for: .bloodPressure, diagnoses: diagnoses)))
            if let diastolic = m.secondValue { parts.append((diastolic, .diastolic, nil)) }
        case .diastolicPressure:
            parts.append((m.judgedValue, .diastolic, nil))
        default:
            parts.append((m.judgedValue, .value, DefaultLimits.bands(for: m.kind, diagnoses: diagnoses)))
        }
        let limitKind: MeasurementKind = m.kind == .diastolicPressure ? .bloodPressure : m.kind
        var worst: Judgement?
        for part in parts {
            guard let found = judge(part.value, limits: plan?.limits(for: limitKind, part: part.part),
                                    approved: plan?.isApproved ?? false, defaults: part.defaults)
            else { continue }
            if worst == nil || found.zone > worst!.zone { worst = found }
            else if found.zone == worst!.zone { worst!.marks.formUnion(found.marks) }
        }
        return worst
    }

    /// One value under a plan's limits (if any) and the default bands (if any).
    static func judge(_ value: Double, limits: MeasurementLimits?, approved: Bool,
                      defaults: DefaultLimits.Bands?) -> Judgement? {
        let byDefault = defaults.map { DefaultLimits.zone(score: DefaultLimits.score(value, in: $0)) }
        guard let limits else { return byDefault.map { Judgement(zone: $0, basis: .defaultLimits) } }
        let byPlan = limits.zone(of: value)
        guard let byDefault, let defaults else { return Judgement(zone: byPlan, basis: .plan, marks: approved ? [] : [.unapprovedPlan]) }
        // What the defaults add where the plan leaves a band out, on the side of normal the value lies.
        var leftOut = Zone.green
        if let side = DefaultLimits.side(of: value, in: defaults) {
            let (greenBound, redBound) = side == .low ? (limits.greenLow, limits.yellowLow) : (limits.greenHigh, limits.yellowHigh)
            if redBound == nil && byDefault == .red { leftOut = .red }
            else if greenBound == nil && redBound == nil { leftOut = byDefault }
            else if greenBound == nil { leftOut = min(byDefault, .yellow) }
        }
        if approved {
            return byPlan >= leftOut ? Judgement(zone: byPlan, basis: .plan) : Judgement(zone: leftOut, basis: .defaultLimits)
        }
        let zone = max(byPlan, byDefault)
        return Judgement(zone: zone, basis: byPlan >= byDefault ? .plan : .defaultLimits, marks: [.unapprovedPlan])
    }
}

extension SelfCarePlan {
    /// The zone by the limits in force under this plan (see `LimitsInForce`); nil when nothing judges it.
    public func zone(for measurement: HomeMeasurement, diagnoses: [Diagnosis] = []) -> Zone? {
        LimitsInForce.judge(measurement, diagnoses: diagnoses, plan: self)?.zone
    }
}
