import Foundation

/// A fast path for Observation searchset pages: a byte scanner for the FHIR subset Varde reads,
/// producing exactly what `JSONDecoder` produces for `ReceivedPage<FHIRObservation>`. Foundation's
/// Codable decodes such pages slower than SQLite stores them, which made decoding the limit of an
/// initial sync. Any page it does not fully understand (an entry that would fail or be skipped,
/// a duplicate key, an odd value) is left to `JSONDecoder`, so problems keep their usual reasons.
public enum ObservationPageDecoder {
    /// The page, or nil when the ordinary decoder must decide.
    public static func decode(_ data: Data) -> ReceivedPage<FHIRObservation>? {
        data.withUnsafeBytes { bytes in
            var reader = JSONByteReader(bytes)
            return try? page(&reader)
        }
    }

    /// The same page, fast when possible; throws what `JSONDecoder` throws otherwise.
    public static func decodeOrFallBack(_ data: Data) throws -> ReceivedPage<FHIRObservation> {
        if let page = decode(data) { return page }
        return try JSONDecoder().decode(ReceivedPage<FHIRObservation>.self, from: data)
    }

    typealias Reader = JSONByteReader

    /// Marks a known key as seen; a second occurrence is left to Foundation to judge.
    private static func once(_ bit: UInt32, _ seen: inout UInt32) throws {
        guard seen & bit == 0 else { throw Reader.Unsupported() }
        seen |= bit
    }

    static func page(_ r: inout Reader) throws -> ReceivedPage<FHIRObservation> {
        var resourceType: String?
        var meta: FHIRMeta?
        var links: [FHIRBundleLink] = []
        var entries: [Result<FHIRObservation, EntryProblem>] = []
        var seen: UInt32 = 0
        try r.enterObject()
        var first = true
        while let key = try r.nextKey(&first) {
            switch key {
            case "resourceType":
                try once(1, &seen)
                resourceType = try r.readString()
            case "meta":
                try once(2, &seen)
                meta = try optionalObject(&r, self.meta)
            case "link":
                try once(4, &seen)
                links = try optionalArray(&r, link) ?? []
            case "entry":
                try once(8, &seen)
                entries = try optionalArray(&r) { r in .success(try entry(&r)) } ?? []
            default:
                try r.skipValue()
            }
        }
        try r.expectEnd()
        guard resourceType == "Bundle" else { throw Reader.Unsupported() }
        return ReceivedPage(meta: meta, link: links, entries: entries)
    }

    static func entry(_ r: inout Reader) throws -> FHIRObservation {
        var resource: FHIRObservation?
        try r.enterObject()
        var first = true
        while let key = try r.nextKey(&first) {
            if key == "resource" {
                guard resource == nil else { throw Reader.Unsupported() }
                resource = try observation(&r)
            } else {
                try r.skipValue()
            }
        }
        guard let resource else { throw Reader.Unsupported() }
        return resource
    }

    static func observation(_ r: inout Reader) throws -> FHIRObservation {
        var resourceType: String?, id: String?, meta: FHIRMeta?, identifier: [FHIRIdentifier]?
        var status: String?, category: [FHIRCodeableConcept]?, code: FHIRCodeableConcept?
        var subject: FHIRReference?, effective: String?, quantity: FHIRQuantity?
        var component: [FHIRObservation.Component]?
        var seen: UInt32 = 0
        try r.enterObject()
        var first = true
        while let key = try r.nextKey(&first) {
            switch key {
            case "resourceType": try once(1, &seen); resourceType = try r.readString()
            case "id": try once(2, &seen); id = try optionalString(&r)
            case "meta": try once(4, &seen); meta = try optionalObject(&r, self.meta)
            case "identifier": try once(8, &seen); identifier = try optionalArray(&r, self.identifier)
            case "status": try once(16, &seen); status = try r.readString()
            case "category": try once(32, &seen); category = try optionalArray(&r, concept)
            case "code": try once(64, &seen); code = try concept(&r)
            case "subject": try once(128, &seen); subject = try optionalObject(&r, reference)
            case "effectiveDateTime": try once(256, &seen); effective = try optionalString(&r)
            case "valueQuantity": try once(512, &seen); quantity = try optionalObject(&r, self.quantity)
            case "component": try once(1024, &seen); component = try optionalArray(&r, self.component)
            default: try r.skipValue()
            }
        }
        // A resource of another type, or one without what Observation requires, is Foundation's to judge.
        guard resourceType == "Observation", let status, let code else { throw Reader.Unsupported() }
        return FHIRObservation(id: id, meta: meta, identifier: identifier, status: status, category: category,
                               code: code, subject: subject, effectiveDateTime: effective, valueQuantity: quantity,
                               component: component)
    }

    // MARK: Data types

    static func meta(_ r: inout Reader) throws -> FHIRMeta {
        var value = FHIRMeta(lastUpdated: nil)
        var seen: UInt32 = 0
        try r.enterObject()
        var first = true
        while let key = try r.nextKey(&first) {
            switch key {
            case "lastUpdated": try once(1, &seen); value.lastUpdated = try optionalString(&r)
            case "versionId": try once(2, &seen); value.versionId = try optionalString(&r)
            case "tag": try once(4, &seen); value.tag = try optionalArray(&r, coding)
            default: try r.skipValue()
            }
        }
        return value
    }

    static func link(_ r: inout Reader) throws -> FHIRBundleLink {
        var relation: String?, url: String?
        var seen: UInt32 = 0
        try r.enterObject()
        var first = true
        while let key = try r.nextKey(&first) {
            switch key {
            case "relation": try once(1, &seen); relation = try r.readString()
            case "url": try once(2, &seen); url = try r.readString()
            default: try r.skipValue()
            }
        }
        guard let relation, let url else { throw Reader.Unsupported() }
        return FHIRBundleLink(relation: relation, url: url)
    }

    static func coding(_ r: inout Reader) throws -> FHIRCoding {
        var value = FHIRCoding(system: nil, code: nil)
        var seen: UInt32 = 0
        try r.enterObject()
        var first = true
        while let key = try r.nextKey(&first) {
            switch key {
            case "system": try once(1, &seen); value.system = try optionalString(&r)
            case "code": try once(2, &seen); value.code = try optionalString(&r)
            case "display": try once(4, &seen); value.display = try optionalString(&r)
            default: try r.skipValue()
            }
        }
        return value
    }

    static func concept(_ r: inout Reader) throws -> FHIRCodeableConcept {
        var value = FHIRCodeableConcept(coding: nil)
        var seen: UInt32 = 0
        try r.enterObject()
        var first = true
        while let key = try r.nextKey(&first) {
            switch key {
            case "coding": try once(1, &seen); value.coding = try optionalArray(&r, coding)
            case "text": try once(2, &seen); value.text = try optionalString(&r)
            default: try r.skipValue()
            }
        }
        return value
    }

    static func identifier(_ r: inout Reader) throws -> FHIRIdentifier {
        var value = FHIRIdentifier(system: nil, value: nil)
        var seen: UInt32 = 0
        try r.enterObject()
        var first = true
        while let key = try r.nextKey(&first) {
            switch key {
            case "system": try once(1, &seen); value.system = try optionalString(&r)
            case "value": try once(2, &seen); value.value = try optionalString(&r)
            default: try r.skipValue()
            }
        }
        return value
    }

    static func reference(_ r: inout Reader) throws -> FHIRReference {
        var value = FHIRReference(reference: nil)
        var seen: UInt32 = 0
        try r.enterObject()
        var first = true
        while let key = try r.nextKey(&first) {
            switch key {
            case "reference": try once(1, &seen); value.reference = try optionalString(&r)
            case "identifier": try once(2, &seen); value.identifier = try optionalObject(&r, identifier)
            case "display": try once(4, &seen); value.display = try optionalString(&r)
            default: try r.skipValue()
            }
        }
        return value
    }

    static func quantity(_ r: inout Reader) throws -> FHIRQuantity {
        var value = FHIRQuantity(value: nil, unit: nil, system: nil, code: nil)
        var seen: UInt32 = 0
        try r.enterObject()
        var first = true
        while let key = try r.nextKey(&first) {
            switch key {
            case "value": try once(1, &seen); value.value = try r.readNull() ? nil : r.readNumber()
            case "unit": try once(2, &seen); value.unit = try optionalString(&r)
            case "system": try once(4, &seen); value.system = try optionalString(&r)
            case "code": try once(8, &seen); value.code = try optionalString(&r)
            default: try r.skipValue()
            }
        }
        return value
    }

    static func component(_ r: inout Reader) throws -> FHIRObservation.Component {
        var code: FHIRCodeableConcept?, quantity: FHIRQuantity?
        var seen: UInt32 = 0
        try r.enterObject()
        var first = true
        while let key = try r.nextKey(&first) {
            switch key {
            case "code": try once(1, &seen); code = try concept(&r)
            case "valueQuantity": try once(2, &seen); quantity = try optionalObject(&r, self.quantity)
            default: try r.skipValue()
            }
        }
        guard let code else { throw Reader.Unsupported() }
        return FHIRObservation.Component(code: code, valueQuantity: quantity)
    }

    // MARK: Optionals as `decodeIfPresent` reads them: null is absent

    static func optionalString(_ r: inout Reader) throws -> String? {
        try r.readNull() ? nil : r.readString()
    }

    static func optionalObject<T>(_ r: inout Reader, _ element: (inout Reader) throws -> T) throws -> T? {
        try r.readNull() ? nil : element(&r)
    }

    static func optionalArray<T>(_ r: inout Reader, _ element: (inout Reader) throws -> T) throws -> [T]? {
        if try r.readNull() { return nil }
        var values: [T] = []
        try r.enterArray()
        var first = true
        while try r.nextElement(&first) { values.append(try element(&r)) }
        return values
    }
}
