import Foundation

// Patient pages without Codable (see `FHIRPageDecoder`).

extension FHIRPatient: ByteReadableResource {
    static func read(_ r: inout JSONByteReader) throws -> FHIRPatient {
        var resourceType: String?, id: String?, meta: FHIRMeta?, extensions: [FHIRExtension]?
        var identifier: [FHIRIdentifier]?, active: Bool?, name: [FHIRHumanName]?, gender: String?
        var birthDate: String?, address: [FHIRAddress]?
        var telecom: [FHIRContactPoint]?, contact: [FHIRPatientContact]?, generalPractitioner: [FHIRReference]?
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "resourceType": try r.once(1, &seen); resourceType = try r.readString()
            case "id": try r.once(2, &seen); id = try r.optionalString()
            case "meta": try r.once(4, &seen); meta = try r.optionalObject(FHIRMeta.read)
            case "extension": try r.once(8, &seen); extensions = try r.optionalArray(FHIRExtension.read)
            case "identifier": try r.once(16, &seen); identifier = try r.optionalArray(FHIRIdentifier.read)
            case "active": try r.once(32, &seen); active = try r.readNull() ? nil : r.readBool()
            case "name": try r.once(64, &seen); name = try r.optionalArray(FHIRHumanName.read)
            case "gender": try r.once(128, &seen); gender = try r.optionalString()
            case "birthDate": try r.once(256, &seen); birthDate = try r.optionalString()
            case "address": try r.once(512, &seen); address = try r.optionalArray(FHIRAddress.read)
            case "telecom": try r.once(1024, &seen); telecom = try r.optionalArray(FHIRContactPoint.read)
            case "contact": try r.once(2048, &seen); contact = try r.optionalArray(FHIRPatientContact.read)
            case "generalPractitioner": try r.once(4096, &seen); generalPractitioner = try r.optionalArray(FHIRReference.read)
            default: try r.skipValue()
            }
        }
        guard resourceType == "Patient" else { throw JSONByteReader.Unsupported() }
        return FHIRPatient(id: id, meta: meta, extension: extensions, identifier: identifier, active: active, name: name,
                           gender: gender, birthDate: birthDate, address: address, telecom: telecom, contact: contact,
                           generalPractitioner: generalPractitioner)
    }
}

extension FHIRHumanName {
    static func read(_ r: inout JSONByteReader) throws -> FHIRHumanName {
        var value = FHIRHumanName(use: nil, family: nil, given: nil)
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "use": try r.once(1, &seen); value.use = try r.optionalString()
            case "family": try r.once(2, &seen); value.family = try r.optionalString()
            case "given": try r.once(4, &seen); value.given = try r.optionalArray { try $0.readString() }
            default: try r.skipValue()
            }
        }
        return value
    }
}

extension FHIRAddress {
    static func read(_ r: inout JSONByteReader) throws -> FHIRAddress {
        var value = FHIRAddress(extension: nil, use: nil, city: nil, district: nil, country: nil)
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "extension": try r.once(1, &seen); value.extension = try r.optionalArray(FHIRExtension.read)
            case "use": try r.once(2, &seen); value.use = try r.optionalString()
            case "city": try r.once(4, &seen); value.city = try r.optionalString()
            case "district": try r.once(8, &seen); value.district = try r.optionalString()
            case "country": try r.once(16, &seen); value.country = try r.optionalString()
            default: try r.skipValue()
            }
        }
        return value
    }
}

extension FHIRContactPoint {
    static func read(_ r: inout JSONByteReader) throws -> FHIRContactPoint {
        var value = FHIRContactPoint(system: nil, value: nil)
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "system": try r.once(1, &seen); value.system = try r.optionalString()
            case "value": try r.once(2, &seen); value.value = try r.optionalString()
            case "use": try r.once(4, &seen); value.use = try r.optionalString()
            case "rank": try r.once(8, &seen); value.rank = try r.readNull() ? nil : r.readInteger()
            default: try r.skipValue()
            }
        }
        return value
    }
}

extension FHIRPatientContact {
    static func read(_ r: inout JSONByteReader) throws -> FHIRPatientContact {
        var value = FHIRPatientContact(relationship: nil, name: nil, telecom: nil)
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "relationship": try r.once(1, &seen); value.relationship = try r.optionalArray(FHIRCodeableConcept.read)
            case "name": try r.once(2, &seen); value.name = try r.optionalObject(FHIRHumanName.read)
            case "telecom": try r.once(4, &seen); value.telecom = try r.optionalArray(FHIRContactPoint.read)
            default: try r.skipValue()
            }
        }
        return value
    }
}
