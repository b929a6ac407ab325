import Foundation

/// A patient's open alert in the queue: one per patient, at the worst zone of its findings.
public struct Alert: Hashable, Codable, Sendable {
    public var id: Int64?
    public var patientID: String
    public var zone: Zone
    /// When the first finding opened the alert.
    public var openedAt: Date
    /// When the alert reached its current zone; the queue waits from here.
    public var raisedAt: Date
    /// The measurement that set the current zone.
    public var triggerMeasurementID: String
    public var status: AlertStatus
    /// Whether the patient's plan or the default limits set the zone.
    public var basis: Judgement.Basis
    /// The same on every workstation: the patient and the measurement that opened the alert. The
    /// shared FHIR Task that nurses claim and resolve is named by it.
    public var key: String
    /// The nurse handling it; nil while nobody has claimed it.
    public var owner: String?
    public var outcome: HandlingOutcome?
    public var note: String?
    /// The shared Task's version as the server last reported it (for `If-Match`).
    public var taskVersion: String?
    /// The patient's message that opened the alert (when no measurement did; the trigger is then empty).
    public var triggerMessageID: String?
    /// For a missing-measurement alert, the kinds that did not arrive (comma-separated raw values).
    public var missing: String?
    /// What the nurse must see beside the zone of the finding that set it ("mulig feilmåling", "plan ikke godkjent").
    public var marks: Set<FindingMark> = []

    public init(id: Int64? = nil, patientID: String, zone: Zone, openedAt: Date, raisedAt: Date,
                triggerMeasurementID: String, status: AlertStatus = .open, basis: Judgement.Basis = .defaultLimits,
                key: String? = nil, owner: String? = nil, triggerMessageID: String? = nil) {
        self.id = id
        self.triggerMessageID = triggerMessageID
        self.key = key ?? "\(patientID)--\(triggerMeasurementID)"
        self.owner = owner
        self.patientID = patientID
        self.zone = zone
        self.openedAt = openedAt
        self.raisedAt = raisedAt
        self.triggerMeasurementID = triggerMeasurementID
        self.status = status
        self.basis = basis
    }
}

/// How a nurse ended an alert.
public enum HandlingOutcome: String, Codable, Sendable, CaseIterable {
    case contactedPatient, advisedPerPlan, contactedGP, referredEmergency, askedToRemeasure, measurementError, noActionNeeded
}

/// Whether an alert still waits for a nurse.
public enum AlertStatus: String, Codable, Sendable {
    case open, resolved
    /// The measurement behind it was later marked entered-in-error by the source.
    case withdrawn
}

extension Alert {
    /// A routine alert for a message from a patient who has no open alert.
    public static func forMessage(_ message: PatientMessage) -> Alert {
        Alert(patientID: message.patientID, zone: .green, openedAt: message.written, raisedAt: message.written,
              triggerMeasurementID: "", basis: .message,
              key: "\(message.patientID)--msg-\(message.id.replacingOccurrences(of: "urn:uuid:", with: ""))",
              triggerMessageID: message.id)
    }
}

extension Alert {
    /// A routine alert for a device that sent a physically impossible value (kept aside in quarantine):
    /// someone checks the device. `resourceID` names the quarantined Observation.
    public static func forImpossibleValue(patientID: String, resourceID: String, measuredAt: Date) -> Alert {
        Alert(patientID: patientID, zone: .green, openedAt: measuredAt, raisedAt: measuredAt,
              triggerMeasurementID: "", basis: .impossibleValue, key: "\(patientID)--impossible-\(resourceID)")
    }
}

extension Alert {
    /// A routine alert for scheduled measurements that did not arrive on `day` (YYYY-MM-DD): the
    /// same key on every workstation, one per patient and day.
    public static func forMissing(patientID: String, kinds: [MeasurementKind], day: String, deadline: Date) -> Alert {
        var alert = Alert(patientID: patientID, zone: .green, openedAt: deadline, raisedAt: deadline,
                          triggerMeasurementID: "", basis: .missingMeasurement, key: "\(patientID)--missing-\(day)")
        alert.missing = kinds.map(\.rawValue).joined(separator: ",")
        return alert
    }
}
