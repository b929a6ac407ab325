import Foundation

// The FHIR R4 JSON subset Varde reads and the simulator writes. Field names are FHIR's own.

/// A FHIR `Coding`.
public struct FHIRCoding: Codable, Sendable, Equatable {
    public var system: String?
    public var code: String?
    public var display: String?
    public init(system: String?, code: String?, display: String? = nil) {
        self.system = system
        self.code = code
        self.display = display
    }
}

/// A FHIR `CodeableConcept`.
public struct FHIRCodeableConcept: Codable, Sendable, Equatable {
    public var coding: [FHIRCoding]?
    public var text: String?
    public init(coding: [FHIRCoding]?, text: String? = nil) {
        self.coding = coding
        self.text = text
    }
}

/// A FHIR `Quantity` (valueQuantity).
public struct FHIRQuantity: Codable, Sendable, Equatable {
    public var value: Double?
    /// `<`, `<=`, `>=`, `>`: the value is a bound of the reading (a meter's "LO"), not the reading.
    public var comparator: String?
    public var unit: String?
    public var system: String?
    public var code: String?
    public init(value: Double?, unit: String?, system: String? = "http://unitsofmeasure.org", code: String?,
                comparator: String? = nil) {
        self.comparator = comparator
        self.value = value
        self.unit = unit
        self.system = system
        self.code = code
    }
}

/// A FHIR `Identifier`.
public struct FHIRIdentifier: Codable, Sendable, Equatable {
    public var system: String?
    public var value: String?
    public init(system: String?, value: String?) {
        self.system = system
        self.value = value
    }
}

/// A FHIR `Reference`, literal (`Patient/123`) or logical (by identifier).
public struct FHIRReference: Codable, Sendable, Equatable {
    public var reference: String?
    public var identifier: FHIRIdentifier?
    public var display: String?
    public init(reference: String?, identifier: FHIRIdentifier? = nil, display: String? = nil) {
        self.reference = reference
        self.identifier = identifier
        self.display = display
    }
}

/// A FHIR `Period` (`effectivePeriod`).
public struct FHIRPeriod: Codable, Sendable, Equatable {
    public var start: String?
    public var end: String?
    public init(start: String?, end: String?) {
        self.start = start
        self.end = end
    }
}

/// A FHIR `Meta`.
public struct FHIRMeta: Codable, Sendable, Equatable {
    public var lastUpdated: String?
    public var versionId: String?
    public var tag: [FHIRCoding]?
    public init(lastUpdated: String?, versionId: String? = nil, tag: [FHIRCoding]? = nil) {
        self.lastUpdated = lastUpdated
        self.versionId = versionId
        self.tag = tag
    }
}

/// A FHIR `Extension` with the value types Varde uses.
public struct FHIRExtension: Codable, Sendable, Equatable {
    public var url: String
    public var valueCoding: FHIRCoding?
    public var valueCodeableConcept: FHIRCodeableConcept?
    public var valueString: String?
    public var valuePeriod: FHIRPeriod?
    /// The parts of a complex extension (a pause's period and reason).
    public var `extension`: [FHIRExtension]?
    public init(url: String, valueCoding: FHIRCoding? = nil, valueCodeableConcept: FHIRCodeableConcept? = nil,
                valueString: String? = nil, valuePeriod: FHIRPeriod? = nil, extension: [FHIRExtension]? = nil) {
        self.url = url
        self.valueCoding = valueCoding
        self.valueCodeableConcept = valueCodeableConcept
        self.valueString = valueString
        self.valuePeriod = valuePeriod
        self.extension = `extension`
    }
}

/// A FHIR `Observation` (vital signs and other home measurements).
public struct FHIRObservation: Codable, Sendable, Equatable {
    public var resourceType = "Observation"
    public var id: String?
    public var meta: FHIRMeta?
    public var identifier: [FHIRIdentifier]?
    public var status: String
    public var category: [FHIRCodeableConcept]?
    public var code: FHIRCodeableConcept
    public var subject: FHIRReference?
    public var effectiveDateTime: String?
    public var effectiveInstant: String?
    public var effectivePeriod: FHIRPeriod?
    public var valueQuantity: FHIRQuantity?
    public var component: [Component]?

    /// When it was measured, as other systems say it: dateTime, instant, or a period (its end, else its start).
    public var effectiveText: String? {
        effectiveDateTime ?? effectiveInstant ?? effectivePeriod?.end ?? effectivePeriod?.start
    }

    /// An `Observation.component` (blood pressure systolic/diastolic).
    public struct Component: Codable, Sendable, Equatable {
        public var code: FHIRCodeableConcept
        public var valueQuantity: FHIRQuantity?
        public init(code: FHIRCodeableConcept, valueQuantity: FHIRQuantity?) {
            self.code = code
            self.valueQuantity = valueQuantity
        }
    }

    public init(id: String?, meta: FHIRMeta?, identifier: [FHIRIdentifier]? = nil, status: String,
                category: [FHIRCodeableConcept]?, code: FHIRCodeableConcept, subject: FHIRReference?,
                effectiveDateTime: String?, valueQuantity: FHIRQuantity?, component: [Component]? = nil) {
        self.id = id
        self.identifier = identifier
        self.meta = meta
        self.status = status
        self.category = category
        self.code = code
        self.subject = subject
        self.effectiveDateTime = effectiveDateTime
        self.valueQuantity = valueQuantity
        self.component = component
    }
}

/// A FHIR `HumanName`.
public struct FHIRHumanName: Codable, Sendable, Equatable {
    public var use: String?
    public var family: String?
    public var given: [String]?
    public init(use: String? = "official", family: String?, given: [String]?) {
        self.use = use
        self.family = family
        self.given = given
    }
}

/// A FHIR `Address` with the Norwegian municipality-code extension.
public struct FHIRAddress: Codable, Sendable, Equatable {
    public var `extension`: [FHIRExtension]?
    public var use: String?
    public var city: String?
    public var district: String?
    public var country: String?
    public init(extension: [FHIRExtension]?, use: String? = "home", city: String? = nil, district: String?,
                country: String? = "NO") {
        self.extension = `extension`
        self.use = use
        self.city = city
        self.district = district
        self.country = country
    }
}

/// A FHIR `Patient`.
public struct FHIRPatient: Codable, Sendable, Equatable {
    public var resourceType = "Patient"
    public var id: String?
    public var meta: FHIRMeta?
    public var `extension`: [FHIRExtension]?
    public var identifier: [FHIRIdentifier]?
    public var active: Bool?
    public var name: [FHIRHumanName]?
    public var gender: String?
    public var birthDate: String?
    public var address: [FHIRAddress]?
    /// The patient's own phone numbers (and other ways to reach them).
    public var telecom: [FHIRContactPoint]?
    /// Next of kin and other contacts.
    public var contact: [FHIRPatientContact]?
    /// The GP (fastlege): a Practitioner, PractitionerRole or Organization reference.
    public var generalPractitioner: [FHIRReference]?

    public init(id: String?, meta: FHIRMeta?, extension: [FHIRExtension]?, identifier: [FHIRIdentifier]?,
                active: Bool? = true, name: [FHIRHumanName]?, gender: String?, birthDate: String?,
                address: [FHIRAddress]?, telecom: [FHIRContactPoint]? = nil, contact: [FHIRPatientContact]? = nil,
                generalPractitioner: [FHIRReference]? = nil) {
        self.telecom = telecom
        self.contact = contact
        self.generalPractitioner = generalPractitioner
        self.id = id
        self.meta = meta
        self.extension = `extension`
        self.identifier = identifier
        self.active = active
        self.name = name
        self.gender = gender
        self.birthDate = birthDate
        self.address = address
    }
}

/// A FHIR `ContactPoint` (a phone number, an e-mail address).
public struct FHIRContactPoint: Codable, Sendable, Equatable {
    public var system: String?
    public var value: String?
    public var use: String?
    public var rank: Int?
    public init(system: String?, value: String?, use: String? = nil, rank: Int? = nil) {
        self.system = system
        self.value = value
        self.use = use
        self.rank = rank
    }
}

/// A FHIR `Patient.contact`: a next of kin or other contact person.
public struct FHIRPatientContact: Codable, Sendable, Equatable {
    public var relationship: [FHIRCodeableConcept]?
    public var name: FHIRHumanName?
    public var telecom: [FHIRContactPoint]?
    public init(relationship: [FHIRCodeableConcept]?, name: FHIRHumanName?, telecom: [FHIRContactPoint]?) {
        self.relationship = relationship
        self.name = name
        self.telecom = telecom
    }
}

/// A FHIR `Practitioner` (the GP a Patient names): name and phone.
public struct FHIRPractitioner: Codable, Sendable, Equatable {
    public var resourceType = "Practitioner"
    public var id: String?
    public var meta: FHIRMeta?
    public var identifier: [FHIRIdentifier]?
    public var active: Bool?
    public var name: [FHIRHumanName]?
    public var telecom: [FHIRContactPoint]?
    public init(id: String?, meta: FHIRMeta?, identifier: [FHIRIdentifier]?, active: Bool? = true,
                name: [FHIRHumanName]?, telecom: [FHIRContactPoint]?) {
        self.id = id
        self.meta = meta
        self.identifier = identifier
        self.active = active
        self.name = name
        self.telecom = telecom
    }
}

/// A FHIR `OperationOutcome`, the body of every error response.
public struct FHIROperationOutcome: Codable, Sendable, Equatable {
    public var resourceType = "OperationOutcome"
    public var issue: [Issue]

    /// One `OperationOutcome.issue`.
    public struct Issue: Codable, Sendable, Equatable {
        public var severity: String
        public var code: String
        public var diagnostics: String?
        public init(severity: String, code: String, diagnostics: String?) {
            self.severity = severity
            self.code = code
            self.diagnostics = diagnostics
        }
    }

    public init(severity: String = "error", code: String, diagnostics: String) {
        issue = [Issue(severity: severity, code: code, diagnostics: diagnostics)]
    }
}
