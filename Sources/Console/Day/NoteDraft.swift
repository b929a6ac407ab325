import Foundation
import VardeDomain

/// A journal note before the nurse has reviewed it: whom and what it is about, and the facts the
/// composer writes it from.
public struct NoteDraft: Sendable, Equatable {
    public var patientID: String
    public var patientName: String
    /// The alert it documents (its key); nil for a free note about the patient.
    public var alertKey: String?
    /// The note a correction replaces.
    public var replaces: String?
    public var facts: NoteFacts
    /// Messages the centre wrote to the patient while the alert was open (said under the actions).
    public var messagesSent: Int

    public init(patientID: String, patientName: String, alertKey: String?, replaces: String? = nil, facts: NoteFacts,
                messagesSent: Int = 0) {
        self.patientID = patientID
        self.patientName = patientName
        self.alertKey = alertKey
        self.replaces = replaces
        self.facts = facts
        self.messagesSent = messagesSent
    }

    public var isFree: Bool { alertKey == nil }
}
