import Foundation
import VardeDomain

/// A FHIR R4 `AuditEvent`: one operator's access to one patient's record.
public struct FHIRAuditEvent: Codable, Sendable, Equatable {
    public var resourceType = "AuditEvent"
    public var id: String?
    public var meta: FHIRMeta?
    /// R4 AuditEvent has no `identifier`: the workstation's identifier for the access travels here.
    public var `extension`: [IdentifierExtension]?
    public var type: FHIRCoding
    public var subtype: [FHIRCoding]?
    public var action: String?
    public var recorded: String
    public var outcome: String?
    public var agent: [Agent]
    public var source: Source
    public var entity: [Entity]?

    /// An extension whose value is an Identifier.
    public struct IdentifierExtension: Codable, Sendable, Equatable {
        public var url: String
        public var valueIdentifier: FHIRIdentifier
    }

    /// Who did it, from which machine.
    public struct Agent: Codable, Sendable, Equatable {
        public var who: FHIRReference?
        public var requestor: Bool
        public var network: Network?
    }

    /// `type` 1 is a machine name.
    public struct Network: Codable, Sendable, Equatable {
        public var address: String?
        public var type: String?
    }

    /// Where the event was recorded: the workstation, observed by Varde.
    public struct Source: Codable, Sendable, Equatable {
        public var site: String?
        public var observer: FHIRReference
    }

    /// What was looked at: the patient.
    public struct Entity: Codable, Sendable, Equatable {
        public var what: FHIRReference?
        public var type: FHIRCoding?
    }
}

/// Access record ↔ AuditEvent (see Manual.md, "Privacy"): DICOM 110110 "Patient Record", action R,
/// the operator as agent by identifier, the workstation as network address and site, the patient as entity.
public enum AuditEventMapping {
    public static let identifierExtension = "https://varde.example.no/fhir/StructureDefinition/access-identifier"
    public static let accessSystem = "https://varde.example.no/fhir/sid/access"
    public static let accessKindSystem = "https://varde.example.no/fhir/CodeSystem/access-kind"
    static let dicom = "http://dicom.nema.org/resources/ontology/DCM"
    static let entityType = "http://terminology.hl7.org/CodeSystem/audit-entity-type"

    /// The condition that makes a repeated create harmless: `identifier=<system>|<value>`.
    public static func ifNoneExist(_ access: AccessRecord) -> String { "identifier=\(accessSystem)|\(access.identifier)" }

    public static func resource(from access: AccessRecord) -> FHIRAuditEvent {
        FHIRAuditEvent(
            extension: [.init(url: identifierExtension,
                              valueIdentifier: FHIRIdentifier(system: accessSystem, value: access.identifier))],
            type: FHIRCoding(system: dicom, code: "110110", display: "Patient Record"),
            subtype: [FHIRCoding(system: accessKindSystem, code: access.what.rawValue)],
            action: "R", recorded: FHIRDateTime.format(access.at), outcome: "0",
            agent: [.init(who: FHIRReference(reference: nil, identifier: FHIRIdentifier(system: TaskMapping.operatorSystem,
                                                                                        value: access.operatorID),
                                             display: access.operatorID),
                          requestor: true, network: .init(address: access.workstation, type: "1"))],
            source: .init(site: access.workstation, observer: FHIRReference(reference: nil, display: "Varde")),
            entity: [.init(what: FHIRReference(reference: "Patient/\(access.patientID)"),
                           type: FHIRCoding(system: entityType, code: "1", display: "Person"))])
    }

    /// The access an AuditEvent records (nil if it is not one of Varde's).
    public static func access(from event: FHIRAuditEvent) -> AccessRecord? {
        guard let identifier = event.extension?.first(where: { $0.url == identifierExtension })?.valueIdentifier.value,
              let patient = patientID(of: event), let at = FHIRDateTime.parse(event.recorded) else { return nil }
        let agent = event.agent.first
        return AccessRecord(identifier: identifier, at: at,
                            operatorID: agent?.who?.identifier?.value ?? agent?.who?.display ?? "",
                            patientID: patient,
                            what: event.subtype?.first.flatMap { $0.code }.flatMap(AccessKind.init(rawValue:)) ?? .render,
                            workstation: agent?.network?.address ?? event.source.site ?? "")
    }

    /// The patient id of the event's first `Patient/…` entity.
    public static func patientID(of event: FHIRAuditEvent) -> String? {
        event.entity?.compactMap { $0.what?.reference }.first { $0.hasPrefix("Patient/") }.map { String($0.dropFirst(8)) }
    }
}
