import Foundation

/// A patient's self-care plan (egenbehandlingsplan): goals in their own words, what to measure and
/// when, individual limits per measurement, what to do in each zone, and the GP's approval.
public struct SelfCarePlan: Codable, Sendable, Equatable {
    public var id: String
    public var patientID: String
    /// "Hva er viktig for deg?" in the patient's words.
    public var goals: [String]
    public var schedule: [MeasurementSchedule]
    public var limits: [MeasurementLimits]
    public var actions: [ZoneAction]
    /// Nil while the GP has not approved the plan: it must then be shown as not approved.
    public var approval: PlanApproval?
    /// Limits the plan gives that Varde cannot use (a unit it cannot convert), as the plan view shows
    /// them; the default limits judge those measurements instead. Nil or empty when all are usable.
    public var invalidLimits: [String]?
    /// Trial period, pauses and the end of follow-up; nil when the plan registers none.
    public var calendar: FollowUpCalendar?
    /// When the plan was last revised.
    public var revised: Date
    public var lastUpdated: Date

    public init(id: String, patientID: String, goals: [String], schedule: [MeasurementSchedule],
                limits: [MeasurementLimits], actions: [ZoneAction], approval: PlanApproval?, revised: Date,
                lastUpdated: Date, invalidLimits: [String]? = nil, calendar: FollowUpCalendar? = nil) {
        self.invalidLimits = invalidLimits
        self.calendar = calendar
        self.id = id
        self.patientID = patientID
        self.goals = goals
        self.schedule = schedule
        self.limits = limits
        self.actions = actions
        self.approval = approval
        self.revised = revised
        self.lastUpdated = lastUpdated
    }

    /// Whether the GP has approved the plan's limits; until then the default limits judge beside them.
    public var isApproved: Bool { approval != nil }

    /// The limits that apply to one value of a measurement kind, if the plan sets any.
    public func limits(for kind: MeasurementKind, part: MeasurementPart = .value) -> MeasurementLimits? {
        limits.first { $0.kind == kind && $0.part == part }
    }
}

/// Which value of a measurement a limit applies to: blood pressure has two.
public enum MeasurementPart: String, Codable, Sendable {
    case value
    /// The diastolic pressure of a blood pressure measurement.
    case diastolic
}

/// "SpO2 daily before 10:00": what to measure, how often, by when.
public struct MeasurementSchedule: Codable, Sendable, Equatable {
    public var kind: MeasurementKind
    public var timesPerDay: Int
    /// Local hour (Norwegian time) by which the day's first measurement is due.
    public var dueByHour: Int

    public init(kind: MeasurementKind, timesPerDay: Int, dueByHour: Int) {
        self.kind = kind
        self.timesPerDay = timesPerDay
        self.dueByHour = dueByHour
    }
}

/// Individual limits for one value: inside the green band green, inside the yellow band yellow,
/// outside it red. Bounds are inclusive; a missing bound means that side has no limit.
public struct MeasurementLimits: Codable, Sendable, Equatable {
    public var kind: MeasurementKind
    public var part: MeasurementPart
    public var greenLow: Double?
    public var greenHigh: Double?
    public var yellowLow: Double?
    public var yellowHigh: Double?

    public init(kind: MeasurementKind, part: MeasurementPart = .value, greenLow: Double?, greenHigh: Double?,
                yellowLow: Double?, yellowHigh: Double?) {
        self.kind = kind
        self.part = part
        self.greenLow = greenLow
        self.greenHigh = greenHigh
        self.yellowLow = yellowLow
        self.yellowHigh = yellowHigh
    }

    public func zone(of value: Double) -> Zone {
        if let low = yellowLow, value < low { return .red }
        if let high = yellowHigh, value > high { return .red }
        if let low = greenLow, value < low { return .yellow }
        if let high = greenHigh, value > high { return .yellow }
        return .green
    }
}

/// What the patient and the centre do in one zone, as the plan words it.
public struct ZoneAction: Codable, Sendable, Equatable {
    public var zone: Zone
    public var forPatient: [String]
    public var forCentre: [String]

    public init(zone: Zone, forPatient: [String], forCentre: [String]) {
        self.zone = zone
        self.forPatient = forPatient
        self.forCentre = forCentre
    }
}

/// Who approved the plan's limits, and when (the GP is medically responsible).
public struct PlanApproval: Codable, Sendable, Equatable {
    public var approvedBy: String
    public var approvedOn: Date

    public init(approvedBy: String, approvedOn: Date) {
        self.approvedBy = approvedBy
        self.approvedOn = approvedOn
    }
}
