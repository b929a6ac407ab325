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
        return missing(schedule: schedule, lastMeasured: lastMeasured, now: now, today: startOfDay(now, hours: hours))
    }

    /// As above, for a patient in follow-up inside service hours, with the day's start already found
    /// (a check over every patient finds it once).
    public static func missing(schedule: [MeasurementSchedule], lastMeasured: [MeasurementKind: Date],
                               now: Date, today: Date) -> [MeasurementKind] {
        due(schedule, now: now, today: today).filter { item in
            guard let last = lastMeasured[item.kind] else { return true }
            return last < today
        }.map(\.kind)
    }

    /// The scheduled measurements whose deadline today (beginning at `today`) has passed at `now`: only
    /// these can be missing, so a check asks for the day's measurements only when there are any.
    public static func due(_ schedule: [MeasurementSchedule], now: Date, today: Date) -> [MeasurementSchedule] {
        schedule.filter { now >= today.addingTimeInterval(TimeInterval($0.dueByHour * 3600)) }
    }

    /// Midnight before `now` in the service's time zone.
    public static func startOfDay(_ now: Date, hours: ServiceHours) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = hours.timeZone
        return calendar.startOfDay(for: now)
    }
}
