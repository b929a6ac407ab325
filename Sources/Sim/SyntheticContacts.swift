import Foundation
import VardeDomain
import VardeService

/// Synthetic contacts for the simulated patients: a phone, usually a next of kin, and a GP from the
/// centre's list of GPs (served as Practitioner resources). Deterministic for a seed, drawn from their
/// own generator so that the population itself is unchanged.
///
/// Phone numbers are 8-digit numbers beginning `01`: Nkom's numbering plan for Norway (E.164, country
/// code 47) keeps the `01` series reserved for future changes to the plan, so no such number is assigned
/// to anyone (nkom.no, "Alle nummerserier for norske telefonnumre"). They look like Norwegian numbers and
/// reach nobody.
struct SyntheticContacts: Sendable {
    /// The GPs of the simulated centre's area, by id.
    let practitioners: [String: FHIRPractitioner]
    private let byPatient: [String: PatientContacts]

    static let relationships = ["ektefelle", "datter", "sønn", "samboer", "søster", "bror", "nabo", "barnebarn"]

    init(patients: [Patient], seed: UInt64) {
        var rng = SeededRandom(seed: seed ^ 0xC0_47AC_75)
        let gpCount = max(3, min(60, patients.count / 25 + 3))
        var practitioners: [String: FHIRPractitioner] = [:]
        var gps: [GeneralPractitioner] = []
        for index in 0..<gpCount {
            let id = String(format: "gp-%03d", index + 1)
            let given = SyntheticNames.given.randomElement(using: &rng)!
            let family = SyntheticNames.family.randomElement(using: &rng)!
            let phone = Self.phone(&rng)
            practitioners[id] = FHIRPractitioner(
                id: id, meta: FHIRMeta(lastUpdated: "2026-01-05T08:00:00Z", versionId: "1"),
                identifier: [FHIRIdentifier(system: FHIRProfile.hprSystem, value: String(9_000_000 + index * 37))],
                name: [FHIRHumanName(family: family, given: [given])],
                telecom: [FHIRContactPoint(system: "phone", value: phone, use: "work")])
            gps.append(GeneralPractitioner(practitionerID: id, name: "\(given) \(family)", phone: phone))
        }
        self.practitioners = practitioners
        var contacts: [String: PatientContacts] = [:]
        for patient in patients {
            var card = PatientContacts(patientID: patient.id, phone: Self.phone(&rng))
            let kinCount = Double.random(in: 0..<1, using: &rng) < 0.15 ? 0 : Double.random(in: 0..<1, using: &rng) < 0.3 ? 2 : 1
            for _ in 0..<kinCount {
                let given = SyntheticNames.given.randomElement(using: &rng)!
                let relationship = Self.relationships.randomElement(using: &rng)!
                let family = relationship == "nabo" ? SyntheticNames.family.randomElement(using: &rng)! : patient.familyName
                card.nextOfKin.append(NextOfKin(name: "\(given) \(family)", relationship: relationship, phone: Self.phone(&rng)))
            }
            let gp = gps[Int.random(in: 0..<gps.count, using: &rng)]
            card.generalPractitioner = GeneralPractitioner(practitionerID: gp.practitionerID, name: "Fastlege \(gp.name ?? "")", phone: nil)
            contacts[patient.id] = card
        }
        byPatient = contacts
    }

    func contacts(of patientID: String) -> PatientContacts? { byPatient[patientID] }

    /// "01 23 45 67": the reserved `01` series, grouped as Norwegians write numbers.
    static func phone(_ rng: inout SeededRandom) -> String {
        let rest = Int.random(in: 0..<1_000_000, using: &rng)
        let digits = String(format: "01%06d", rest)
        let chars = Array(digits)
        return "\(String(chars[0..<2])) \(String(chars[2..<4])) \(String(chars[4..<6])) \(String(chars[6..<8]))"
    }
}
