/// The diagnosis groups a follow-up centre works with; a patient often has several.
public enum Diagnosis: String, Codable, Sendable, CaseIterable {
    case copd, heartFailure, diabetes, cancer, mentalHealth

    /// The ICD-10 category the simulator and FHIR mapping use for the group.
    public var icd10: String {
        switch self {
        case .copd: "J44"
        case .heartFailure: "I50"
        case .diabetes: "E11"
        case .cancer: "C80"
        case .mentalHealth: "F32"
        }
    }

    /// Maps an ICD-10 code to its group: J44 kols, I50 hjertesvikt, E10–E14 diabetes, any C kreft, F20–F48 psykisk helse.
    public init?(icd10: String) {
        let code = icd10.uppercased()
        if code.hasPrefix("J44") { self = .copd }
        else if code.hasPrefix("I50") { self = .heartFailure }
        else if ["E10", "E11", "E12", "E13", "E14"].contains(where: code.hasPrefix) { self = .diabetes }
        else if code.hasPrefix("C") { self = .cancer }
        else if code.hasPrefix("F") { self = .mentalHealth }
        else { return nil }
    }
}
