import Foundation

/// A journal note (journalnotat) about a patient, written at the centre for the municipality's patient
/// record (EPJ): about a handled alert, or a free note. From the moment the nurse saves it, it is its own
/// outbox entry; the sync delivers it to the service once as a FHIR DocumentReference.
public struct JournalNote: Sendable, Equatable, Codable, Identifiable {
    /// Made on the workstation (`urn:uuid:…`) and sent as the DocumentReference's identifier, so that a
    /// repeated delivery finds the first copy.
    public var id: String
    public var patientID: String
    /// The alert the note documents; nil for a free note about the patient.
    public var alertKey: String?
    public var author: String
    public var written: Date
    public var text: String
    public var status: JournalNoteStatus
    /// The id the service gave the DocumentReference.
    public var serverID: String?
    /// Why the service refused it for good (shown to the nurse; she can send it again).
    public var failure: String?
    /// The note this one corrects (a correction is a new note that replaces the old one).
    public var replaces: String?

    public init(id: String = JournalNote.newIdentifier(), patientID: String, alertKey: String?, author: String,
                written: Date, text: String, status: JournalNoteStatus = .queued, serverID: String? = nil,
                failure: String? = nil, replaces: String? = nil) {
        self.id = id
        self.patientID = patientID
        self.alertKey = alertKey
        self.author = author
        self.written = written
        self.text = text
        self.status = status
        self.serverID = serverID
        self.failure = failure
        self.replaces = replaces
    }

    public static func newIdentifier() -> String { "urn:uuid:\(UUID().uuidString.lowercased())" }
}

/// Where a journal note is on its way to the service.
public enum JournalNoteStatus: String, Sendable, Codable {
    /// Saved here, waiting for the sync.
    case queued
    /// The service has it.
    case delivered
    /// The service refused it; the reason is kept.
    case failed
}
