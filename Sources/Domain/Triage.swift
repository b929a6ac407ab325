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

    /// The zone of one measurement for this patient by the limits in force (`LimitsInForce`), nil where
    /// no rule judges it. `recentWeights` are the patient's earlier weights (for the heart-failure weight
    /// trend); the worse of the single-value judgement and the trend counts. A value that looks like a
    /// measurement error keeps its zone and gets the mark.
    public func judge(_ measurement: HomeMeasurement, diagnoses: [Diagnosis], plan: SelfCarePlan? = nil,
                      recentWeights: [HomeMeasurement] = []) -> Judgement? {
        var result = LimitsInForce.judge(measurement, diagnoses: diagnoses, plan: plan)
        if let trend = WeightTrendRule.zone(latest: measurement, earlier: recentWeights, diagnoses: diagnoses),
           trend > (result?.zone ?? .green) {
            result = Judgement(zone: trend, basis: .trend)
        }
        if result != nil, SuspectedErrorRule.reason(measurement) != nil { result!.marks.insert(.suspectedError) }
        return result
    }

    /// The finding a measurement makes: its judgement when worse than green; for a suspect value that
    /// nothing judges worse, a routine item asking for a re-measure; otherwise nil.
    public func finding(_ measurement: HomeMeasurement, diagnoses: [Diagnosis], plan: SelfCarePlan? = nil,
                        recentWeights: [HomeMeasurement] = []) -> Judgement? {
        if let judgement = judge(measurement, diagnoses: diagnoses, plan: plan, recentWeights: recentWeights),
           judgement.zone > .green { return judgement }
        guard SuspectedErrorRule.reason(measurement) != nil else { return nil }
        return Judgement(zone: .green, basis: .suspectedError, marks: [.suspectedError])
    }

    public func evaluate(_ measurement: HomeMeasurement, diagnoses: [Diagnosis], plan: SelfCarePlan? = nil,
                         recentWeights: [HomeMeasurement] = [], openAlert: Alert?, now: Date) -> Change {
        guard now.timeIntervalSince(measurement.effective) <= window,
              let finding = finding(measurement, diagnoses: diagnoses, plan: plan, recentWeights: recentWeights)
        else { return .none }
        guard var alert = openAlert else {
            var alert = Alert(patientID: measurement.patientID, zone: finding.zone, openedAt: measurement.effective,
                              raisedAt: measurement.effective, triggerMeasurementID: measurement.id, basis: finding.basis)
            alert.marks = finding.marks
            return .open(alert)
        }
        // A finding no worse than the alert leaves it as it is (an open alert already covers a routine
        // item); green never closes it (a nurse does).
        guard finding.zone > alert.zone else { return .none }
        alert.zone = finding.zone
        alert.raisedAt = measurement.effective
        alert.triggerMeasurementID = measurement.id
        alert.basis = finding.basis
        alert.marks = finding.marks
        return .escalate(alert)
    }

    /// The alert as its findings that still stand make it, after a measurement behind it was amended or
    /// withdrawn: the worst finding among `findings` (the patient's counting measurements since the alert
    /// opened, inside the window), the earliest of equal ones; nil when none stands (the alert is withdrawn).
    public func reevaluate(_ alert: Alert, findings: [(HomeMeasurement, Judgement)], now: Date) -> Alert? {
        let standing = findings.filter { now.timeIntervalSince($0.0.effective) <= window && $0.0.effective >= alert.openedAt }
        guard let worst = standing.min(by: { a, b in
            a.1.zone != b.1.zone ? a.1.zone > b.1.zone : a.0.effective < b.0.effective
        }) else { return nil }
        var alert = alert
        alert.zone = worst.1.zone
        alert.raisedAt = worst.0.effective
        alert.triggerMeasurementID = worst.0.id
        alert.basis = worst.1.basis
        alert.marks = worst.1.marks
        return alert
    }
}
