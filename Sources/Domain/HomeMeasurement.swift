import Foundation

/// One measurement a patient made at home (a FHIR Observation), in canonical units.
public struct HomeMeasurement: Hashable, Codable, Sendable {
    public var id: String
    public var patientID: String
    public var kind: MeasurementKind
    /// The code as received, "system|code", kept so that `.other` can still be shown and traced.
    public var code: String
    /// The code's display text as received, shown for `.other`.
    public var codeDisplay: String?
    /// The value; for blood pressure the systolic pressure.
    public var value: Double
    /// For blood pressure the diastolic pressure; otherwise nil.
    public var secondValue: Double?
    public var unit: String
    public var effective: Date
    public var lastUpdated: Date
    public var status: MeasurementStatus
    /// The business identifier ("system|value") the source gave it; the same measurement arriving
    /// from two sources carries the same one.
    public var sourceIdentifier: String?

    public init(id: String, patientID: String, kind: MeasurementKind, code: String, codeDisplay: String? = nil,
                value: Double, secondValue: Double? = nil, unit: String, effective: Date, lastUpdated: Date,
                status: MeasurementStatus = .final, sourceIdentifier: String? = nil) {
        self.id = id
        self.patientID = patientID
        self.kind = kind
        self.code = code
        self.codeDisplay = codeDisplay
        self.value = value
        self.secondValue = secondValue
        self.unit = unit
        self.effective = effective
        self.lastUpdated = lastUpdated
        self.status = status
        self.sourceIdentifier = sourceIdentifier
    }
}

/// FHIR Observation.status values Varde distinguishes.
public enum MeasurementStatus: String, Codable, Sendable {
    case registered, preliminary, final, amended, corrected, cancelled
    case enteredInError = "entered-in-error"
    case unknown

    /// Whether the measurement counts for trends and triage.
    public var counts: Bool { ![.cancelled, .enteredInError].contains(self) }
}
