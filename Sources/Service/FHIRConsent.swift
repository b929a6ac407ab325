import Foundation
import VardeDomain

/// A FHIR R4 `Consent`: here, a patient's block (sperring) of a named health worker.
public struct FHIRConsent: Codable, Sendable, Equatable {
    public var resourceType = "Consent"
    public var id: String?
    public var meta: FHIRMeta?
    public var status: String
    public var scope: FHIRCodeableConcept
    public var category: [FHIRCodeableConcept]
    public var patient: FHIRReference?
    public var policyRule: FHIRCodeableConcept?
    public var provision: Provision?

    /// What the consent permits or, for a block, denies, and to whom.
    public struct Provision: Codable, Sendable, Equatable {
        public var type: String?
        public var actor: [Actor]?
    }

    /// A person the provision applies to, by role and identifier.
    public struct Actor: Codable, Sendable, Equatable {
        public var role: FHIRCodeableConcept
        public var reference: FHIRReference
    }
}

/// Block ↔ Consent: `status` active (inactive when lifted), `scope` patient-privacy, `provision.type`
/// deny, `provision.actor.reference.identifier` the operator, `patient` the patient.
public enum ConsentMapping {
    static let scope = "http://terminology.hl7.org/CodeSystem/consentscope"
    static let participation = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
    static let actCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode"

    public static func resource(from block: PatientBlock, lastUpdated: Date) -> FHIRConsent {
        FHIRConsent(
            id: block.id, meta: FHIRMeta(lastUpdated: FHIRDateTime.format(lastUpdated)),
            status: block.active ? "active" : "inactive",
            scope: FHIRCodeableConcept(coding: [FHIRCoding(system: scope, code: "patient-privacy")]),
            category: [FHIRCodeableConcept(coding: [FHIRCoding(system: "http://loinc.org", code: "59284-0",
                                                               display: "Patient Consent")])],
            patient: FHIRReference(reference: "Patient/\(block.patientID)"),
            policyRule: FHIRCodeableConcept(coding: [FHIRCoding(system: actCode, code: "OPTOUT")]),
            provision: .init(type: "deny", actor: [.init(
                role: FHIRCodeableConcept(coding: [FHIRCoding(system: participation, code: "IRCP")]),
                reference: FHIRReference(reference: nil, identifier: FHIRIdentifier(system: TaskMapping.operatorSystem,
                                                                                    value: block.operatorID)))]))
    }

    /// The blocks a Consent expresses: one per denied actor; none if it is not a deny of named operators.
    public static func blocks(from consent: FHIRConsent) throws(EntryProblem) -> [PatientBlock] {
        guard let id = consent.id, !id.isEmpty else {
            throw EntryProblem(resourceType: "Consent", resourceID: nil, reason: "no id")
        }
        guard let reference = consent.patient?.reference, reference.hasPrefix("Patient/") else {
            throw EntryProblem(resourceType: "Consent", resourceID: id, reason: "patient is not a Patient reference")
        }
        guard consent.provision?.type == "deny" else { return [] }
        let operators = (consent.provision?.actor ?? []).compactMap { actor in
            actor.reference.identifier.flatMap { $0.system == TaskMapping.operatorSystem ? $0.value : nil }
        }
        let active = consent.status == "active"
        return operators.enumerated().map { index, operatorID in
            PatientBlock(id: operators.count == 1 ? id : "\(id)#\(index)", patientID: String(reference.dropFirst(8)),
                         operatorID: operatorID, active: active)
        }
    }
}
