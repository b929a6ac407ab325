import Foundation

/// What an operator looked at when they opened a patient.
public enum AccessKind: String, Sendable, Codable, CaseIterable {
    case trends, plan, messages, history, render
    /// The whole fødselsnummer was shown (it is masked by default).
    case nationalID
}

/// One line of the access log: who opened which patient, what they saw, when, from which workstation.
/// Patients are entitled to see this log; it reaches the server as a FHIR AuditEvent exactly once.
public struct AccessRecord: Sendable, Equatable {
    /// Made on the workstation and sent with the AuditEvent, so a repeated delivery is recognised.
    public var identifier: String
    public var at: Date
    public var operatorID: String
    public var patientID: String
    public var what: AccessKind
    public var workstation: String
    /// When the server confirmed it has the AuditEvent; nil while it waits in the outbox.
    public var deliveredAt: Date?

    public init(identifier: String = UUID().uuidString.lowercased(), at: Date, operatorID: String, patientID: String,
                what: AccessKind, workstation: String, deliveredAt: Date? = nil) {
        self.identifier = identifier
        self.at = at
        self.operatorID = operatorID
        self.patientID = patientID
        self.what = what
        self.workstation = workstation
        self.deliveredAt = deliveredAt
    }
}
