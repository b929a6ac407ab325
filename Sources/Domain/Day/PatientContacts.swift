import Foundation

/// Who a nurse can call about a patient: the patient's own phone, next of kin, and the GP.
public struct PatientContacts: Sendable, Equatable, Codable {
    public var patientID: String
    /// The patient's phone (Patient.telecom, system phone), as the service gives it.
    public var phone: String?
    /// Next of kin (Patient.contact), in the order the service lists them.
    public var nextOfKin: [NextOfKin]
    /// The GP (fastlege), from Patient.generalPractitioner, resolved to a Practitioner when the
    /// service serves one.
    public var generalPractitioner: GeneralPractitioner?

    public init(patientID: String, phone: String? = nil, nextOfKin: [NextOfKin] = [],
                generalPractitioner: GeneralPractitioner? = nil) {
        self.patientID = patientID
        self.phone = phone
        self.nextOfKin = nextOfKin
        self.generalPractitioner = generalPractitioner
    }

    /// True when there is nobody to call.
    public var isEmpty: Bool { phone == nil && nextOfKin.isEmpty && generalPractitioner == nil }
}

/// A next of kin (pårørende): name, relationship in the service's words, and phone.
public struct NextOfKin: Sendable, Equatable, Codable {
    public var name: String
    /// The relationship as the service names it ("datter", "ektefelle", or a v2-0131 code's display).
    public var relationship: String
    public var phone: String?

    public init(name: String, relationship: String, phone: String?) {
        self.name = name
        self.relationship = relationship
        self.phone = phone
    }
}

/// The patient's GP: the Practitioner's id on the service (empty when the reference was only a
/// display), name and phone. Name and phone are nil until the Practitioner is read.
public struct GeneralPractitioner: Sendable, Equatable, Codable {
    public var practitionerID: String
    public var name: String?
    public var phone: String?

    public init(practitionerID: String, name: String?, phone: String?) {
        self.practitionerID = practitionerID
        self.name = name
        self.phone = phone
    }
}

/// A fødselsnummer as the console shows it by default: the birth date (first six digits) and the
/// personal number hidden. Showing all eleven digits is an access written to the log.
public enum MaskedNationalID {
    public static func masked(_ number: String) -> String {
        guard number.count == 11 else { return String(repeating: "•", count: min(11, max(0, number.count))) }
        return "\(number.prefix(6)) •••••"
    }

    /// Eleven digits grouped the way they are read aloud on the phone: `DDMMYY NNNNN`.
    public static func grouped(_ number: String) -> String {
        guard number.count == 11 else { return number }
        return "\(number.prefix(6)) \(number.suffix(5))"
    }
}
