import Foundation

/// What happened at the centre since a time, for the nurse who takes over the shift: new reds and
/// yellows, what was resolved by whom with which outcome, claims still held per nurse, and what waits.
public struct HandoverReport: Sendable, Equatable {
    public var since: Date
    public var until: Date
    /// Alerts that became red or yellow in the period, oldest first (still open or not).
    public var newAlerts: [HandoverAlert]
    /// Alerts resolved in the period, oldest first.
    public var resolved: [HandoverResolution]
    /// Open alerts claimed by a nurse, per nurse (nurses in name order).
    public var claims: [HandoverClaims]
    /// Messages from patients nobody here has opened.
    public var unreadMessages: Int
    /// Messages and notes the centre wrote that still wait to reach the service.
    public var outboxWaiting: Int
    /// Open missing-measurement alerts: patients whose scheduled measurements have not come.
    public var missingMeasurements: [HandoverAlert]
    /// Open alerts nobody has claimed, by zone.
    public var unclaimedRed: Int
    public var unclaimedYellow: Int

    public init(since: Date, until: Date, newAlerts: [HandoverAlert] = [], resolved: [HandoverResolution] = [],
                claims: [HandoverClaims] = [], unreadMessages: Int = 0, outboxWaiting: Int = 0,
                missingMeasurements: [HandoverAlert] = [], unclaimedRed: Int = 0, unclaimedYellow: Int = 0) {
        self.since = since
        self.until = until
        self.newAlerts = newAlerts
        self.resolved = resolved
        self.claims = claims
        self.unreadMessages = unreadMessages
        self.outboxWaiting = outboxWaiting
        self.missingMeasurements = missingMeasurements
        self.unclaimedRed = unclaimedRed
        self.unclaimedYellow = unclaimedYellow
    }
}

/// One alert in a handover: the patient, the zone, when, what raised it, and whether it is still open.
public struct HandoverAlert: Sendable, Equatable {
    public var patientID: String
    public var patientName: String
    public var municipality: String
    public var zone: Zone
    public var raisedAt: Date
    /// What raised it, as the queue says it (filled in by the console's formatting); a measurement here.
    public var trigger: HomeMeasurement?
    /// For missing-measurement alerts, the kinds that did not arrive.
    public var missing: [MeasurementKind]
    public var open: Bool
    public var owner: String?

    public init(patientID: String, patientName: String, municipality: String, zone: Zone, raisedAt: Date,
                trigger: HomeMeasurement?, missing: [MeasurementKind] = [], open: Bool, owner: String?) {
        self.patientID = patientID
        self.patientName = patientName
        self.municipality = municipality
        self.zone = zone
        self.raisedAt = raisedAt
        self.trigger = trigger
        self.missing = missing
        self.open = open
        self.owner = owner
    }
}

/// A resolution in a handover: who ended which alert, when, with which outcome and note.
public struct HandoverResolution: Sendable, Equatable {
    public var patientName: String
    public var zone: Zone
    public var resolvedAt: Date
    public var resolvedBy: String
    public var outcome: HandlingOutcome?
    public var note: String?

    public init(patientName: String, zone: Zone, resolvedAt: Date, resolvedBy: String, outcome: HandlingOutcome?,
                note: String?) {
        self.patientName = patientName
        self.zone = zone
        self.resolvedAt = resolvedAt
        self.resolvedBy = resolvedBy
        self.outcome = outcome
        self.note = note
    }
}

/// The open alerts one nurse still holds.
public struct HandoverClaims: Sendable, Equatable {
    public var nurse: String
    public var patients: [String]

    public init(nurse: String, patients: [String]) {
        self.nurse = nurse
        self.patients = patients
    }
}

extension ServiceHours {
    /// Where a handover starts by default: the opening of the last service day before the one `now`
    /// falls in (on Monday morning, Friday's opening), so the nurse sees her previous shift and the
    /// night after it. Falls back to 24 hours before `now`.
    public func previousShiftStart(before now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var day = calendar.startOfDay(for: now)
        for _ in 0..<14 {
            guard let previous = calendar.date(byAdding: .day, value: -1, to: day) else { break }
            day = previous
            if weekdays.contains(calendar.component(.weekday, from: day)) {
                return day.addingTimeInterval(TimeInterval(opens * 60))
            }
        }
        return now.addingTimeInterval(-86_400)
    }
}
