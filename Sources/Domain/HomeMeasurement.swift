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
    /// The value is a bound, not a reading (a meter's "LO" sent as `<1.1`).
    public var comparator: ValueComparator?

    public init(id: String, patientID: String, kind: MeasurementKind, code: String, codeDisplay: String? = nil,
                value: Double, secondValue: Double? = nil, unit: String, effective: Date, lastUpdated: Date,
                status: MeasurementStatus = .final, sourceIdentifier: String? = nil,
                comparator: ValueComparator? = nil) {
        self.comparator = comparator
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

extension HomeMeasurement {
    /// The value the rules judge: a bound (`<92`) counts as one device step beyond it, in its direction,
    /// so that a reading too low for the device to show is never judged better than the bound.
    public var judgedValue: Double {
        switch comparator {
        case .less?: value - kind.resolution
        case .greater?: value + kind.resolution
        default: value
        }
    }
}

/// FHIR `Quantity.comparator`: the value is a bound of the reading, not the reading.
public enum ValueComparator: String, Codable, Sendable {
    case less = "<", lessOrEqual = "<=", greaterOrEqual = ">=", greater = ">"
}

/// FHIR Observation.status values Varde distinguishes.
public enum MeasurementStatus: String, Codable, Sendable {
    case registered, preliminary, final, amended, corrected, cancelled
    case enteredInError = "entered-in-error"
    case unknown

    /// Whether the measurement counts for trends and triage.
    public var counts: Bool {
        switch self {
        case .cancelled, .enteredInError: false
        default: true
        }
    }
}
