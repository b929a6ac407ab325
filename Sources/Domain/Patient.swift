import Foundation

/// A patient in digital home follow-up, as the centre knows them.
public struct Patient: Hashable, Codable, Sendable {
    public var id: String
    /// Fødselsnummer (11 digits); synthetic in every test and demo.
    public var nationalID: String
    public var givenName: String
    public var familyName: String
    public var birthDate: String
    public var gender: String
    public var municipalityNumber: String
    public var diagnoses: [Diagnosis]
    public var lastUpdated: Date

    public init(id: String, nationalID: String, givenName: String, familyName: String, birthDate: String,
                gender: String, municipalityNumber: String, diagnoses: [Diagnosis], lastUpdated: Date) {
        self.id = id
        self.nationalID = nationalID
        self.givenName = givenName
        self.familyName = familyName
        self.birthDate = birthDate
        self.gender = gender
        self.municipalityNumber = municipalityNumber
        self.diagnoses = diagnoses
        self.lastUpdated = lastUpdated
    }

    /// "Family, Given" as lists in the console show it.
    public var listName: String { "\(familyName), \(givenName)" }
}
