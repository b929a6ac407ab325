import Foundation
import VardeDomain

/// The structures HelseID reads from `assertion_details` in the client assertion (helseid.md §2): the
/// organisation number (`helseid_authorization`) and the trust framework's attestation
/// (`nhn:tillitsrammeverk:parameters`) of who the nurse works for and why.
public enum Attestation {
    static let orgSystem = "urn:oid:2.16.578.1.12.4.1.4.101"

    /// What the configuration lacks for an attestation, in words the centre's IT can act on.
    public struct Missing: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// The organisation number structure (single-tenant client): the point of care, else the legal entity.
    public static func organisation(_ settings: HelseIDSettings) throws(Missing) -> [String: Any] {
        guard let number = settings.pointOfCare ?? settings.legalEntity else {
            throw Missing(description: "config.toml [helseid] needs point_of_care or legal_entity (an organisation number) to ask HelseID for a token")
        }
        return ["type": "helseid_authorization",
                "practitioner_role": ["organization": ["identifier": ["system": orgSystem, "type": "ENH", "value": number]]]]
    }

    /// The trust framework's attestation for a nurse's access to an API on behalf of a patient.
    public static func trustFramework(_ settings: HelseIDSettings) throws(Missing) -> [String: Any] {
        let missing = [("legal_entity", settings.legalEntity), ("point_of_care", settings.pointOfCare),
                       ("healthcare_service", settings.healthcareService)].filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty, let legal = settings.legalEntity, let point = settings.pointOfCare,
              let service = settings.healthcareService else {
            throw Missing(description: "config.toml [helseid] needs \(missing.joined(separator: ", ")) for the trust framework's attestation")
        }
        var practitioner: [String: Any] = [
            "authorization": ["code": settings.authorization, "system": "urn:oid:2.16.578.1.12.4.1.1.9060"],
            "legal_entity": ["id": legal, "system": orgSystem],
            "point_of_care": ["id": point, "system": orgSystem],
        ]
        if let department = settings.department {
            practitioner["department"] = ["id": department, "system": "urn:oid:2.16.578.1.12.4.1.4.102"]
        }
        var care: [String: Any] = [
            "healthcare_service": ["code": service, "system": "urn:oid:2.16.578.1.12.4.1.1.8655"],
            "purpose_of_use": ["code": settings.purposeOfUse, "system": "urn:oid:2.16.840.1.113883.1.11.20448"],
            "decision_ref": ["id": UUID().uuidString.lowercased(), "user_selected": true],
        ]
        if let details = settings.purposeOfUseDetails {
            care["purpose_of_use_details"] = ["code": details, "system": "urn:oid:2.16.578.1.12.4.1.1.9151"]
        }
        var patient: [String: Any] = ["point_of_care": ["id": point, "system": orgSystem]]
        if let department = settings.department {
            patient["department"] = ["id": department, "system": "urn:oid:2.16.578.1.12.4.1.4.102"]
        }
        return ["type": "nhn:tillitsrammeverk:parameters", "practitioner": practitioner,
                "care_relationship": care, "patients": [patient]]
    }
}
