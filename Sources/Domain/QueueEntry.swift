import Foundation

/// One row of the shared queue: an open alert with what the nurse needs to decide who to help first.
public struct QueueEntry: Hashable, Sendable {
    public var alertID: Int64
    public var zone: Zone
    public var patientID: String
    public var patientName: String
    public var municipality: Municipality
    /// The measurement behind the alert; nil when a message from the patient opened it.
    public var trigger: HomeMeasurement?
    /// The first unread words from the patient, for an alert a message opened.
    public var message: String?
    /// Messages from the patient nobody at this workstation has opened yet.
    public var unreadMessages: Int
    /// For a missing-measurement alert, what did not arrive.
    public var missing: [MeasurementKind] = []
    /// The alert opened at a milder zone and was escalated since (yellow that turned red).
    public var escalated = false
    public var raisedAt: Date
    /// Whether the patient's own plan or the default limits judged the trigger.
    public var basis: Judgement.Basis
    /// Marks on the finding that set the zone ("mulig feilmåling – be om ny måling", "plan ikke godkjent").
    public var marks: Set<FindingMark> = []
    /// The nurse who has claimed it, if anyone.
    public var owner: String?
    /// The patient has blocked this operator: the row carries no name, number, municipality or values,
    /// only that an alert waits and must be handed to a colleague.
    public var isBlocked = false
    /// The patient's birth date (`YYYY-MM-DD`) and diagnoses, for the columns a wide queue adds.
    public var birthDate: String?
    public var diagnoses: [Diagnosis] = []

    public init(alertID: Int64, zone: Zone, patientID: String, patientName: String, municipality: Municipality,
                trigger: HomeMeasurement?, raisedAt: Date, basis: Judgement.Basis = .defaultLimits, owner: String? = nil,
                message: String? = nil, unreadMessages: Int = 0, missing: [MeasurementKind] = [], escalated: Bool = false) {
        self.escalated = escalated
        self.missing = missing
        self.owner = owner
        self.message = message
        self.unreadMessages = unreadMessages
        self.alertID = alertID
        self.zone = zone
        self.patientID = patientID
        self.patientName = patientName
        self.municipality = municipality
        self.trigger = trigger
        self.raisedAt = raisedAt
        self.basis = basis
    }

    /// The anonymous row a blocked operator sees for a patient's open alert.
    public static func blocked(alertID: Int64, zone: Zone, raisedAt: Date, owner: String?) -> QueueEntry {
        var entry = QueueEntry(alertID: alertID, zone: zone, patientID: "", patientName: "",
                               municipality: Municipality(number: "", name: ""), trigger: nil, raisedAt: raisedAt,
                               owner: owner)
        entry.isBlocked = true
        return entry
    }

    /// Queue order: red before yellow, then longest waiting first, then alert id for stability.
    public static func inQueueOrder(_ a: QueueEntry, _ b: QueueEntry) -> Bool {
        if a.zone != b.zone { return a.zone > b.zone }
        if a.raisedAt != b.raisedAt { return a.raisedAt < b.raisedAt }
        return a.alertID < b.alertID
    }
}
