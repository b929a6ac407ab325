import Foundation
import VardeDomain

/// A FHIR `Communication`: one message between the centre and a patient.
public struct FHIRCommunication: Codable, Sendable, Equatable {
    public var resourceType = "Communication"
    public var id: String?
    public var meta: FHIRMeta?
    public var identifier: [FHIRIdentifier]?
    public var status: String
    public var subject: FHIRReference?
    public var sender: FHIRReference?
    public var recipient: [FHIRReference]?
    public var sent: String?
    /// When it reached its recipient: for the centre's messages, when the patient read it.
    public var received: String?
    public var inResponseTo: [FHIRReference]?
    public var payload: [Payload]?

    /// `Communication.payload` with text content.
    public struct Payload: Codable, Sendable, Equatable {
        public var contentString: String?
        public init(contentString: String?) { self.contentString = contentString }
    }

    public init(status: String) { self.status = status }
}

/// PatientMessage ↔ FHIR Communication. The sender tells the direction (`Patient/…` is the
/// patient); every message carries an identifier in the URN system so that a create can be made
/// conditional (`If-None-Exist`) and never duplicates.
public enum CommunicationMapping {
    public static let identifierSystem = "urn:ietf:rfc:3986"

    /// The resource the centre POSTs for a message a nurse wrote.
    public static func communication(from message: PatientMessage) -> FHIRCommunication {
        var resource = FHIRCommunication(status: "completed")
        resource.identifier = [FHIRIdentifier(system: identifierSystem, value: message.id)]
        resource.subject = FHIRReference(reference: "Patient/\(message.patientID)")
        resource.recipient = [FHIRReference(reference: "Patient/\(message.patientID)")]
        resource.sender = FHIRReference(reference: nil, identifier: FHIRIdentifier(system: TaskMapping.operatorSystem,
                                                                                   value: message.author),
                                        display: message.author)
        resource.sent = FHIRDateTime.format(message.written)
        resource.payload = [FHIRCommunication.Payload(contentString: message.text)]
        resource.inResponseTo = message.inResponseTo.map {
            [FHIRReference(reference: nil, identifier: FHIRIdentifier(system: identifierSystem, value: $0))]
        }
        return resource
    }

    /// The search parameter that finds a message by its identifier (for `If-None-Exist`).
    public static func identifierQuery(_ id: String) -> String {
        var components = URLComponents()
        components.queryItems = [URLQueryItem(name: "identifier", value: "\(identifierSystem)|\(id)")]
        return components.percentEncodedQuery ?? ""
    }

    /// A received Communication as a message; refuses resources without a patient or text.
    public static func message(from resource: FHIRCommunication) throws(EntryProblem) -> PatientMessage {
        func problem(_ reason: String) -> EntryProblem {
            EntryProblem(resourceType: "Communication", resourceID: resource.id, reason: reason)
        }
        guard let serverID = resource.id, !serverID.isEmpty else { throw problem("no id") }
        guard let subject = resource.subject?.reference, subject.hasPrefix("Patient/"), subject.count > 8 else {
            throw problem("no Patient subject")
        }
        guard let text = resource.payload?.compactMap(\.contentString).joined(separator: "\n"), !text.isEmpty else {
            throw problem("no text payload")
        }
        let fromPatient = resource.sender?.reference?.hasPrefix("Patient/") ?? false
        guard let sent = resource.sent.flatMap(FHIRDateTime.parse) else { throw problem("no valid 'sent' time") }
        let id = resource.identifier?.first(where: { $0.system == identifierSystem })?.value ?? "Communication/\(serverID)"
        let reply = resource.inResponseTo?.first.flatMap { $0.identifier?.value ?? $0.reference }
        let author = resource.sender?.display ?? resource.sender?.identifier?.value ?? (fromPatient ? "pasient" : "senteret")
        return PatientMessage(
            id: id, serverID: serverID, patientID: String(subject.dropFirst("Patient/".count)),
            direction: fromPatient ? .fromPatient : .toPatient, text: text, author: author, written: sent,
            status: fromPatient ? .received : (resource.received != nil ? .read : .sent),
            inResponseTo: reply, readByPatient: resource.received.flatMap(FHIRDateTime.parse))
    }
}
