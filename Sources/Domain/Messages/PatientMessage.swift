import Foundation

/// One message in a patient's thread, in either direction (a FHIR Communication on the server).
public struct PatientMessage: Hashable, Sendable, Codable {
    /// The client-generated identifier (`urn:uuid:…`) for messages written here; for messages that
    /// came from elsewhere, the server's identifier or `Communication/<id>`. The same on every workstation.
    public var id: String
    /// The server's resource id, once the server has stored it.
    public var serverID: String?
    public var patientID: String
    public var direction: MessageDirection
    public var text: String
    /// The nurse who wrote it, or the patient's name for messages from the patient.
    public var author: String
    /// When it was written (for the centre's messages: when the nurse pressed send).
    public var written: Date
    public var status: MessageStatus
    /// Why the server refused it, for `failed`.
    public var failure: String?
    /// The message this one answers (its `id`).
    public var inResponseTo: String?
    /// When the patient read it (the server's `received`), for the centre's messages.
    public var readByPatient: Date?
    /// When a nurse at this workstation opened it, for the patient's messages.
    public var seenByCentre: Date?

    public init(id: String, serverID: String? = nil, patientID: String, direction: MessageDirection, text: String,
                author: String, written: Date, status: MessageStatus, failure: String? = nil,
                inResponseTo: String? = nil, readByPatient: Date? = nil, seenByCentre: Date? = nil) {
        self.id = id
        self.serverID = serverID
        self.patientID = patientID
        self.direction = direction
        self.text = text
        self.author = author
        self.written = written
        self.status = status
        self.failure = failure
        self.inResponseTo = inResponseTo
        self.readByPatient = readByPatient
        self.seenByCentre = seenByCentre
    }

    /// A new identifier for a message written here: a UUID URN, so that a retried create never duplicates.
    public static func newIdentifier() -> String { "urn:uuid:" + UUID().uuidString.lowercased() }
}

/// Who wrote a message.
public enum MessageDirection: String, Codable, Sendable {
    case fromPatient, toPatient
}

/// Where a message is on its way (drafts live apart, one per patient, until sent).
public enum MessageStatus: String, Codable, Sendable, CaseIterable {
    /// Written to the local outbox; the sync engine delivers it (i utboks).
    case queued
    /// The server has stored it (sendt).
    case sent
    /// The patient has read it (lest).
    case read
    /// The server refused it for good, with a reason; the nurse can send it again (feilet).
    case failed
    /// A message from the patient, as the server holds it.
    case received
}

/// What a nurse may send: not empty, not longer than a patient's tablet shows well.
public enum MessageText {
    /// Characters (as the reader counts them), the limit the editor shows.
    public static let maximumLength = 1000

    public enum Refusal: Equatable, Sendable {
        case empty
        case tooLong(by: Int)
    }

    /// Nil when `text` may be sent.
    public static func refusal(_ text: String) -> Refusal? {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .empty }
        if text.count > maximumLength { return .tooLong(by: text.count - maximumLength) }
        return nil
    }
}
