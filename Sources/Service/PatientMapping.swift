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

    /// The Patient resource the simulator serves.
    public static func resource(from patient: Patient, municipality: Municipality) -> FHIRPatient {
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
            gender: patient.gender, birthDate: patient.birthDate, address: [address])
    }
}
