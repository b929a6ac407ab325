import Foundation
import VardeDomain

/// A FHIR R4 `DocumentReference`: a journal note from the centre, as plain text, for the municipality's
/// patient record (EPJ) to pick up.
public struct FHIRDocumentReference: Codable, Sendable, Equatable {
    public var resourceType = "DocumentReference"
    public var id: String?
    public var meta: FHIRMeta?
    public var identifier: [FHIRIdentifier]?
    /// `current` (a correction makes the old one `superseded` on a server that follows `relatesTo`).
    public var status: String
    public var docStatus: String?
    public var type: FHIRCodeableConcept?
    public var subject: FHIRReference?
    public var date: String?
    public var author: [FHIRReference]?
    public var description: String?
    public var relatesTo: [RelatesTo]?
    public var content: [Content]
    public var context: Context?

    /// `DocumentReference.content`: one attachment.
    public struct Content: Codable, Sendable, Equatable {
        public var attachment: Attachment
    }

    /// A FHIR `Attachment`: the note's text, base64.
    public struct Attachment: Codable, Sendable, Equatable {
        public var contentType: String?
        public var language: String?
        public var data: String?
        public var title: String?
        public var creation: String?
    }

    /// `DocumentReference.context`: here, the Task of the alert the note documents.
    public struct Context: Codable, Sendable, Equatable {
        public var related: [FHIRReference]?
    }

    /// `DocumentReference.relatesTo`: the note this one replaces.
    public struct RelatesTo: Codable, Sendable, Equatable {
        public var code: String
        public var target: FHIRReference
    }
}

/// JournalNote ↔ DocumentReference: `identifier` the note's own (a retry finds the first copy),
/// status `current`, docStatus `final`, type LOINC 11506-3 (progress note), subject the Patient, author
/// the nurse (operator identifier), date the time written, the text as a `text/plain; charset=utf-8`
/// attachment in base64, the alert's Task in `context.related`, and a correction's `relatesTo` replaces.
public enum DocumentReferenceMapping {
    public static let identifierSystem = "https://varde.example.no/fhir/sid/journal-note"
    public static let progressNote = FHIRCoding(system: "http://loinc.org", code: "11506-3", display: "Progress note")
    public static let contentType = "text/plain; charset=utf-8"

    public static func resource(from note: JournalNote, language: String = "nb") -> FHIRDocumentReference {
        FHIRDocumentReference(
            identifier: [FHIRIdentifier(system: identifierSystem, value: note.id)],
            status: "current", docStatus: "final",
            type: FHIRCodeableConcept(coding: [progressNote], text: language == "nb" ? "Journalnotat" : "Journal note"),
            subject: FHIRReference(reference: "Patient/\(note.patientID)"),
            date: FHIRDateTime.format(note.written),
            author: [FHIRReference(reference: nil, identifier: FHIRIdentifier(system: TaskMapping.operatorSystem, value: note.author),
                                   display: note.author)],
            description: note.alertKey == nil ? (language == "nb" ? "Notat om pasienten" : "Note about the patient")
                : (language == "nb" ? "Notat om håndtert varsel" : "Note on a handled alert"),
            relatesTo: note.replaces.map { [FHIRDocumentReference.RelatesTo(
                code: "replaces", target: FHIRReference(reference: nil, identifier: FHIRIdentifier(system: identifierSystem, value: $0)))] },
            content: [FHIRDocumentReference.Content(attachment: FHIRDocumentReference.Attachment(
                contentType: contentType, language: language, data: Data(note.text.utf8).base64EncodedString(),
                title: language == "nb" ? "Journalnotat" : "Journal note", creation: FHIRDateTime.format(note.written)))],
            context: note.alertKey.map { key in
                FHIRDocumentReference.Context(related: [FHIRReference(reference: "Task/\(TaskMapping.taskID(key))")])
            })
    }

    /// `identifier=system|value`, for `If-None-Exist` and searches.
    public static func identifierQuery(_ id: String) -> String {
        var components = URLComponents()
        components.queryItems = [URLQueryItem(name: "identifier", value: "\(identifierSystem)|\(id)")]
        return components.percentEncodedQuery ?? ""
    }

    /// What is wrong with a DocumentReference a server is asked to store, in words; nil when it is
    /// a valid note by the rules above (the simulator refuses anything else with 422).
    public static func problems(_ resource: FHIRDocumentReference) -> [String] {
        var problems: [String] = []
        if !["current", "superseded", "entered-in-error"].contains(resource.status) {
            problems.append("status must be current, superseded or entered-in-error, not '\(resource.status)'")
        }
        if resource.subject?.reference?.hasPrefix("Patient/") != true { problems.append("subject must reference a Patient") }
        if resource.date.flatMap(FHIRDateTime.parse) == nil { problems.append("date must be a FHIR instant") }
        if resource.author?.isEmpty != false { problems.append("an author is required") }
        if resource.identifier?.contains(where: { $0.system == identifierSystem && !($0.value ?? "").isEmpty }) != true {
            problems.append("an identifier in \(identifierSystem) is required")
        }
        if resource.content.isEmpty { problems.append("content must hold one attachment") }
        for content in resource.content {
            let attachment = content.attachment
            if attachment.contentType?.hasPrefix("text/plain") != true { problems.append("the attachment must be text/plain") }
            guard let data = attachment.data, let bytes = Data(base64Encoded: data) else {
                problems.append("the attachment's data must be base64"); continue
            }
            if bytes.isEmpty || String(data: bytes, encoding: .utf8) == nil { problems.append("the attachment must be UTF-8 text") }
        }
        for related in resource.context?.related ?? [] where related.reference?.hasPrefix("Task/") != true {
            problems.append("context.related must reference a Task")
        }
        return problems
    }

    /// The note's text from a DocumentReference's first attachment.
    public static func text(of resource: FHIRDocumentReference) -> String? {
        resource.content.first?.attachment.data.flatMap { Data(base64Encoded: $0) }.flatMap { String(data: $0, encoding: .utf8) }
    }
}

extension FHIRDocumentReference {
    public init(identifier: [FHIRIdentifier]?, status: String, docStatus: String?, type: FHIRCodeableConcept?,
                subject: FHIRReference?, date: String?, author: [FHIRReference]?, description: String?,
                relatesTo: [RelatesTo]?, content: [Content], context: Context?) {
        self.identifier = identifier
        self.status = status
        self.docStatus = docStatus
        self.type = type
        self.subject = subject
        self.date = date
        self.author = author
        self.description = description
        self.relatesTo = relatesTo
        self.content = content
        self.context = context
    }
}
