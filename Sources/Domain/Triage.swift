import Foundation

/// Turns a new measurement into a change of the patient's alert. Pure: time comes in as `now`.
public struct Triage: Sendable {
    /// Measurements older than this when they arrive are history for trends, not news:
    /// they never open or escalate an alert (a backlog import must not flood the queue).
    public var window: TimeInterval

    public init(window: TimeInterval = 72 * 3600) {
        self.window = window
    }

    /// What a measurement does to the patient's open alert.
    public enum Change: Equatable, Sendable {
        case none
        case open(Alert)
        case escalate(Alert)
    }

    /// The zone of one measurement for this patient: by their plan where it sets a limit for it,
    /// otherwise by the default limits (and then marked as such); nil where no rule judges it.
    /// `recentWeights` are the patient's earlier weights (for the heart-failure weight trend); the
    /// worse of the single-value judgement and the trend counts.
    public func judge(_ measurement: HomeMeasurement, diagnoses: [Diagnosis], plan: SelfCarePlan? = nil,
                      recentWeights: [HomeMeasurement] = []) -> Judgement? {
        var single: Judgement?
        if let plan, let zone = plan.zone(for: measurement) {
            single = Judgement(zone: zone, basis: .plan)
        } else {
            single = DefaultLimits.zone(for: measurement, diagnoses: diagnoses).map { Judgement(zone: $0, basis: .defaultLimits) }
        }
        if let trend = WeightTrendRule.zone(latest: measurement, earlier: recentWeights, diagnoses: diagnoses),
           trend > (single?.zone ?? .green) {
            return Judgement(zone: trend, basis: .trend)
        }
        return single
    }

    public func evaluate(_ measurement: HomeMeasurement, diagnoses: [Diagnosis], plan: SelfCarePlan? = nil,
                         recentWeights: [HomeMeasurement] = [], openAlert: Alert?, now: Date) -> Change {
        guard now.timeIntervalSince(measurement.effective) <= window else { return .none }
        // A suspected measurement error asks for a re-measure: a routine item (zone green, after every
        // red and yellow), never acted on as clinical; an open alert already covers the patient.
        if SuspectedErrorRule.reason(measurement) != nil {
            guard openAlert == nil else { return .none }
            return .open(Alert(patientID: measurement.patientID, zone: .green, openedAt: measurement.effective,
                               raisedAt: measurement.effective, triggerMeasurementID: measurement.id,
                               basis: .suspectedError))
        }
        guard let judgement = judge(measurement, diagnoses: diagnoses, plan: plan, recentWeights: recentWeights),
              judgement.zone > .green
        else { return .none }
        let zone = judgement.zone
        guard var alert = openAlert else {
            return .open(Alert(patientID: measurement.patientID, zone: zone, openedAt: measurement.effective,
                               raisedAt: measurement.effective, triggerMeasurementID: measurement.id,
                               basis: judgement.basis))
        }
        // A finding no worse than the alert leaves it as it is; green never closes it (a nurse does).
        guard zone > alert.zone else { return .none }
        alert.zone = zone
        alert.raisedAt = measurement.effective
        alert.triggerMeasurementID = measurement.id
        alert.basis = judgement.basis
        return .escalate(alert)
    }
}
