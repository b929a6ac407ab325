import Foundation

/// Where a patient is in the service path: only in follow-up do missing measurements raise alerts.
public enum FollowUpState: String, Codable, Sendable {
    case trialPeriod, followUp, paused, ended
}

/// "SpO2 daily before 10:00; nothing arrived": a routine finding once the deadline has passed in
/// service hours, never during a trial period or a pause, never outside service hours.
public enum MissingMeasurementRule {
    /// The scheduled measurements missing at `now`, given when each kind was last measured.
    public static func missing(schedule: [MeasurementSchedule], lastMeasured: [MeasurementKind: Date],
                               state: FollowUpState, now: Date, hours: ServiceHours) -> [MeasurementKind] {
        guard state == .followUp, hours.isOpen(at: now) else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = hours.timeZone
        let today = calendar.startOfDay(for: now)
        return schedule.filter { item in
            let deadline = today.addingTimeInterval(TimeInterval(item.dueByHour * 3600))
            guard now >= deadline else { return false }
            guard let last = lastMeasured[item.kind] else { return true }
            return last < today
        }.map(\.kind)
    }
}
