import Foundation
import VardeDomain

/// FHIR Patient ↔ `Patient` and its `Municipality`.
public enum PatientMapping {
    /// Maps a received Patient; the municipality comes from the address's kommunenummer extension.
    public static func patient(from resource: FHIRPatient) throws(EntryProblem) -> (Patient, Municipality?) {
        func problem(_ reason: String) -> EntryProblem {
            EntryProblem(resourceType: "Patient", resourceID: resource.id, reason: reason)
        }
        guard let id = resource.id, !id.isEmpty else { throw problem("no id") }
        let nationalID = resource.identifier?.first(where: { $0.system == NationalIdentityNumber.system })?.value ?? ""
        let name = resource.name?.first(where: { $0.use == "official" }) ?? resource.name?.first
        guard let family = name?.family ?? name?.given?.first else { throw problem("no name") }
        let given = (name?.given ?? []).joined(separator: " ")
        var municipality: Municipality?
        for address in resource.address ?? [] {
            let coding = address.extension?.first(where: { $0.url == FHIRProfile.municipalityExtension })?.valueCoding
            if let number = coding?.code {
                municipality = Municipality(number: number, name: coding?.display ?? address.district ?? number)
                break
            }
        }
        let diagnoses = (resource.extension ?? [])
            .filter { $0.url == FHIRProfile.followUpDiagnosisExtension }
            .compactMap { $0.valueCodeableConcept?.coding?.first?.code }
            .compactMap(Diagnosis.init(icd10:))
        let lastUpdated = resource.meta?.lastUpdated.flatMap(FHIRDateTime.parse) ?? Date(timeIntervalSince1970: 0)
        let patient = Patient(id: id, nationalID: nationalID, givenName: given, familyName: family,
                              birthDate: resource.birthDate ?? "", gender: resource.gender ?? "unknown",
                              municipalityNumber: municipality?.number ?? "", diagnoses: diagnoses,
                              lastUpdated: lastUpdated)
        return (patient, municipality)
    }

    /// Whom to call, as the Patient says it: the first phone (`telecom` system phone, by rank, `mobile`
    /// and `home` before `work`), each contact's name, relationship (its text, else the first coding's
    /// display or code) and phone, and the GP. A GP referenced as `Practitioner/id` is read later by id;
    /// any other reference keeps only its display.
    public static func contacts(from resource: FHIRPatient, patientID: String) -> PatientContacts {
        var contacts = PatientContacts(patientID: patientID, phone: phone(resource.telecom))
        for contact in resource.contact ?? [] {
            let name = contact.name.map { name in
                ((name.given ?? []) + [name.family].compactMap { $0 }).joined(separator: " ")
            } ?? ""
            let relationship = contact.relationship?.first.map { concept in
                concept.text ?? concept.coding?.first?.display ?? concept.coding?.first?.code ?? ""
            } ?? ""
            let phone = phone(contact.telecom)
            guard !name.isEmpty || phone != nil else { continue }
            contacts.nextOfKin.append(NextOfKin(name: name, relationship: relationship, phone: phone))
        }
        if let gp = resource.generalPractitioner?.first(where: { $0.reference?.contains("Practitioner/") == true })
            ?? resource.generalPractitioner?.first {
            let id = gp.reference.flatMap { reference -> String? in
                guard let range = reference.range(of: "Practitioner/"), !reference.contains("PractitionerRole/") else { return nil }
                return String(reference[range.upperBound...].prefix { $0 != "/" })
            } ?? ""
            if !id.isEmpty || gp.display != nil {
                contacts.generalPractitioner = GeneralPractitioner(practitionerID: id, name: gp.display, phone: nil)
            }
        }
        return contacts
    }

    /// The phone to call among contact points: system `phone`, lowest rank first, then mobile, home, other.
    static func phone(_ points: [FHIRContactPoint]?) -> String? {
        let phones = (points ?? []).filter { $0.system == "phone" && !($0.value ?? "").isEmpty }
        let order = ["mobile": 0, "home": 1, "work": 2]
        return phones.min { a, b in
            (a.rank ?? Int.max, order[a.use ?? ""] ?? 3) < (b.rank ?? Int.max, order[b.use ?? ""] ?? 3)
        }?.value
    }

    /// A Practitioner's name ("Given Family", official name first) and phone.
    public static func practitioner(_ resource: FHIRPractitioner) -> (name: String?, phone: String?) {
        let name = (resource.name?.first(where: { $0.use == "official" }) ?? resource.name?.first).map { name in
            ((name.given ?? []) + [name.family].compactMap { $0 }).joined(separator: " ")
        }
        return (name.flatMap { $0.isEmpty ? nil : $0 }, phone(resource.telecom))
    }

    /// The Patient resource the simulator serves.
    public static func resource(from patient: Patient, municipality: Municipality,
                                contacts: PatientContacts? = nil) -> FHIRPatient {
        let diagnoses = patient.diagnoses.map { diagnosis in
            FHIRExtension(url: FHIRProfile.followUpDiagnosisExtension,
                          valueCodeableConcept: FHIRCodeableConcept(coding: [
                              FHIRCoding(system: FHIRProfile.icd10, code: diagnosis.icd10),
                          ]))
        }
        let address = FHIRAddress(
            extension: [FHIRExtension(url: FHIRProfile.municipalityExtension,
                                      valueCoding: FHIRCoding(system: FHIRProfile.municipalitySystem,
                                                              code: municipality.number, display: municipality.name))],
            district: municipality.name)
        return FHIRPatient(
            id: patient.id, meta: FHIRMeta(lastUpdated: FHIRDateTime.format(patient.lastUpdated)),
            extension: diagnoses.isEmpty ? nil : diagnoses,
            identifier: [FHIRIdentifier(system: NationalIdentityNumber.system, value: patient.nationalID)],
            name: [FHIRHumanName(family: patient.familyName, given: patient.givenName.split(separator: " ").map(String.init))],
            gender: patient.gender, birthDate: patient.birthDate, address: [address],
            telecom: contacts?.phone.map { [FHIRContactPoint(system: "phone", value: $0, use: "mobile")] },
            contact: contacts.flatMap { contacts in
                contacts.nextOfKin.isEmpty ? nil : contacts.nextOfKin.map { kin in
                    let words = kin.name.split(separator: " ").map(String.init)
                    return FHIRPatientContact(
                        relationship: [FHIRCodeableConcept(coding: [FHIRCoding(system: FHIRProfile.contactRoleSystem, code: "N",
                                                                               display: "Next-of-Kin")],
                                                           text: kin.relationship.isEmpty ? nil : kin.relationship)],
                        name: FHIRHumanName(use: nil, family: words.last, given: words.count > 1 ? Array(words.dropLast()) : nil),
                        telecom: kin.phone.map { [FHIRContactPoint(system: "phone", value: $0, use: "mobile")] })
                }
            },
            generalPractitioner: contacts?.generalPractitioner.map { gp in
                [FHIRReference(reference: gp.practitionerID.isEmpty ? nil : "Practitioner/\(gp.practitionerID)", display: gp.name)]
            })
    }
}
