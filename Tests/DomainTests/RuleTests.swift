import Foundation
import Testing
import VardeDomain

/// Suspected measurement errors, the heart-failure weight trend, service hours, response targets
/// and missing measurements: each with the boundary on both sides.
struct RuleTests {
    /// Monday 23 November 2026 10:00 Norwegian time (09:00 UTC).
    static let monday10 = Date(timeIntervalSince1970: 1_795_424_400)

    func m(_ kind: MeasurementKind, _ value: Double, _ second: Double? = nil, hoursAgo: Double = 0, id: String = "m") -> HomeMeasurement {
        let at = Self.monday10.addingTimeInterval(-hoursAgo * 3600)
        return HomeMeasurement(id: id, patientID: "p", kind: kind, code: "c", value: value, secondValue: second,
                               unit: kind.canonicalUnit, effective: at, lastUpdated: at)
    }

    @Test(arguments: [
        (MeasurementKind.oxygenSaturation, 69.0, true), (.oxygenSaturation, 70, false), (.heartRate, 24, true),
        (.heartRate, 25, false), (.heartRate, 220, false), (.heartRate, 221, true), (.bodyTemperature, 33.9, true),
        (.bodyTemperature, 34, false), (.bloodGlucose, 1.4, true), (.bloodGlucose, 1.5, false),
    ])
    func unbelievableValuesAreSuspectedErrors(kind: MeasurementKind, value: Double, suspect: Bool) {
        #expect((SuspectedErrorRule.reason(m(kind, value)) != nil) == suspect)
    }

    @Test func aDiastolicAboveSystolicOrAWeightJumpIsSuspect() {
        #expect(SuspectedErrorRule.reason(m(.bloodPressure, 80, 95)) != nil)
        #expect(SuspectedErrorRule.reason(m(.bloodPressure, 120, 80)) == nil)
        let yesterday = m(.bodyWeight, 80, hoursAgo: 20, id: "w0")
        #expect(SuspectedErrorRule.reason(m(.bodyWeight, 85.1), previousWeight: yesterday) != nil)
        #expect(SuspectedErrorRule.reason(m(.bodyWeight, 85.0), previousWeight: yesterday) == nil)
    }

    @Test func aSuspectedErrorKeepsItsZoneAndIsMarked() {
        let change = Triage().evaluate(m(.oxygenSaturation, 40), diagnoses: [], openAlert: nil, now: Self.monday10)
        guard case .open(let alert) = change else { Issue.record("expected a red alert, got \(change)"); return }
        #expect(alert.zone == .red)
        #expect(alert.basis == .defaultLimits)
        #expect(alert.marks == [.suspectedError])
    }

    @Test func aSuspectValueNoLimitJudgesWorseIsARoutineItemUntilARealFinding() {
        let change = Triage().evaluate(m(.bloodPressure, 120, 125), diagnoses: [], openAlert: nil, now: Self.monday10)
        guard case .open(let alert) = change else { Issue.record("expected a routine item, got \(change)"); return }
        #expect(alert.zone == .green && alert.basis == .suspectedError)
        // A real finding afterwards escalates it into a clinical alert.
        let escalated = Triage().evaluate(m(.oxygenSaturation, 89, id: "m2"), diagnoses: [], openAlert: alert, now: Self.monday10)
        guard case .escalate(let clinical) = escalated else { Issue.record("expected escalation"); return }
        #expect(clinical.zone == .red && clinical.basis == .defaultLimits && clinical.marks.isEmpty)
        // While a clinical alert is open, a suspect value no worse adds nothing.
        #expect(Triage().evaluate(m(.bloodPressure, 120, 125, id: "m3"), diagnoses: [], openAlert: clinical, now: Self.monday10) == .none)
    }

    @Test(arguments: [(82.0, nil as Zone?), (82.1, .yellow), (83.5, .yellow), (83.6, .red)])
    func heartFailureWeightGainOverThreeDays(latest: Double, expected: Zone?) {
        let earlier = [m(.bodyWeight, 80.5, hoursAgo: 70, id: "a"), m(.bodyWeight, 80, hoursAgo: 48, id: "b"),
                       m(.bodyWeight, 75, hoursAgo: 80, id: "old")] // older than three days: ignored
        #expect(WeightTrendRule.zone(latest: m(.bodyWeight, latest), earlier: earlier, diagnoses: [.heartFailure]) == expected)
        #expect(WeightTrendRule.zone(latest: m(.bodyWeight, 90), earlier: earlier, diagnoses: [.copd]) == nil)
    }

    @Test func serviceHoursAreWeekdaysEightToHalfPastThreeNorwegianTime() {
        let hours = ServiceHours()
        #expect(hours.isOpen(at: Self.monday10))
        #expect(!hours.isOpen(at: Self.monday10.addingTimeInterval(-2 * 3600 - 1)))   // 07:59:59
        #expect(hours.isOpen(at: Self.monday10.addingTimeInterval(-2 * 3600)))         // 08:00
        #expect(!hours.isOpen(at: Self.monday10.addingTimeInterval(5.5 * 3600)))       // 15:30
        #expect(!hours.isOpen(at: Self.monday10.addingTimeInterval(-2 * 86_400)))      // Saturday
    }

    @Test func timeOutsideServiceHoursDoesNotCountAgainstResponseTimes() {
        let hours = ServiceHours()
        let fridayEvening = Self.monday10.addingTimeInterval(-3 * 86_400 + 10 * 3600) // Friday 20:00
        #expect(hours.serviceTime(from: fridayEvening, to: Self.monday10) == 2 * 3600) // Monday 08:00–10:00
        let targets = ResponseTargets()
        #expect(!targets.isOverdue(zone: .red, raisedAt: fridayEvening, now: Self.monday10.addingTimeInterval(-90 * 60), hours: hours))
        #expect(targets.isOverdue(zone: .red, raisedAt: fridayEvening, now: Self.monday10.addingTimeInterval(-89 * 60), hours: hours))
        #expect(!targets.isOverdue(zone: .yellow, raisedAt: fridayEvening, now: Self.monday10, hours: hours))
        #expect(!targets.isOverdue(zone: nil, raisedAt: Self.monday10, now: Self.monday10.addingTimeInterval(5 * 3600), hours: hours))
        #expect(targets.isOverdue(zone: nil, raisedAt: Self.monday10, now: Self.monday10.addingTimeInterval(6 * 3600), hours: hours))
    }

    @Test func missingMeasurementsOnlyAfterTheDeadlineInFollowUpAndServiceHours() {
        let schedule = [MeasurementSchedule(kind: .oxygenSaturation, timesPerDay: 1, dueByHour: 10),
                        MeasurementSchedule(kind: .bodyWeight, timesPerDay: 1, dueByHour: 11)]
        let yesterday = Self.monday10.addingTimeInterval(-86_400)
        let last: [MeasurementKind: Date] = [.oxygenSaturation: yesterday, .bodyWeight: yesterday]
        let hours = ServiceHours()
        #expect(MissingMeasurementRule.missing(schedule: schedule, lastMeasured: last, state: .followUp,
                                               now: Self.monday10, hours: hours) == [.oxygenSaturation])
        #expect(MissingMeasurementRule.missing(schedule: schedule, lastMeasured: last, state: .followUp,
                                               now: Self.monday10.addingTimeInterval(-1), hours: hours).isEmpty)
        #expect(MissingMeasurementRule.missing(schedule: schedule, lastMeasured: [.oxygenSaturation: Self.monday10.addingTimeInterval(-600)],
                                               state: .followUp, now: Self.monday10, hours: hours).isEmpty)
        for state in [FollowUpState.trialPeriod, .paused, .ended] {
            #expect(MissingMeasurementRule.missing(schedule: schedule, lastMeasured: last, state: state,
                                                   now: Self.monday10, hours: hours).isEmpty)
        }
        #expect(MissingMeasurementRule.missing(schedule: schedule, lastMeasured: last, state: .followUp,
                                               now: Self.monday10.addingTimeInterval(6 * 3600), hours: hours).isEmpty)
    }
}
