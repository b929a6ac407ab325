import Foundation

/// A FHIR resource the byte reader can read without Codable, producing exactly what `JSONDecoder`
/// would, or throwing `JSONByteReader.Unsupported` so that `JSONDecoder` decides.
protocol ByteReadableResource: Decodable, Sendable {
    static func read(_ r: inout JSONByteReader) throws -> Self
}

/// Fast paths for searchset pages: Foundation's Codable decodes FHIR slower than SQLite stores it,
/// which made decoding the limit of an initial sync. Any page the byte reader does not fully
/// understand (an entry that would fail or be skipped, a duplicate key, an odd value) is left to
/// `JSONDecoder`, so problems keep their usual reasons.
public enum FHIRPageDecoder {
    /// The page of `type`, or nil when the ordinary decoder must decide (or the type has no fast path).
    public static func decode<Resource: Decodable & Sendable>(_ data: Data, as type: Resource.Type) -> ReceivedPage<Resource>? {
        guard let readable = type as? any ByteReadableResource.Type else { return nil }
        return fast(readable, data) as? ReceivedPage<Resource>
    }

    /// The same page, fast when possible; throws what `JSONDecoder` throws otherwise.
    public static func decodeOrFallBack<Resource: Decodable & Sendable>(_ data: Data, as type: Resource.Type) throws
        -> ReceivedPage<Resource> {
        let limits = PageLimits()
        if let page = decode(data, as: type) {
            guard page.entries.count <= limits.maxResources else {
                throw PageLimits.TooManyResources(count: page.entries.count, limit: limits.maxResources)
            }
            return page
        }
        // Within the limits Foundation reads the page whole; past them, or when the page is not valid JSON,
        // entry by entry, so that one resource does not cost the rest of its page (a page whose entries
        // cannot even be told apart stays Foundation's to judge whole).
        let measured = PageSplitter.measure(data, 0..<data.count)
        if measured.depth <= limits.maxDepth + PageLimits.bundleLevels, measured.longestString <= limits.maxStringBytes {
            do {
                let page = try JSONDecoder().decode(ReceivedPage<Resource>.self, from: data)
                return PageSplitter.withRawText(page, from: data)
            } catch {
                guard let page = try PageSplitter.decode(data, as: type, limits: limits) else { throw error }
                return page
            }
        }
        if let page = try PageSplitter.decode(data, as: type, limits: limits) { return page }
        return try JSONDecoder().decode(ReceivedPage<Resource>.self, from: data)
    }

    private static func fast<Readable: ByteReadableResource>(_ type: Readable.Type, _ data: Data) -> Any? {
        data.withUnsafeBytes { bytes in
            var reader = JSONByteReader(bytes)
            return try? page(&reader, Readable.read)
        }
    }

    static func page<Resource>(_ r: inout JSONByteReader, _ resource: (inout JSONByteReader) throws -> Resource) throws
        -> ReceivedPage<Resource> {
        var resourceType: String?
        var meta: FHIRMeta?
        var links: [FHIRBundleLink] = []
        var entries: [Result<Resource, EntryProblem>] = []
        var seen: UInt32 = 0
        try r.enterObject()
        var first = true
        while let key = try r.nextKey(&first) {
            switch key {
            case "resourceType": try r.once(1, &seen); resourceType = try r.readString()
            case "meta": try r.once(2, &seen); meta = try r.optionalObject(FHIRMeta.read)
            case "link": try r.once(4, &seen); links = try r.optionalArray(FHIRBundleLink.read) ?? []
            case "entry": try r.once(8, &seen); entries = try r.optionalArray { r in .success(try entry(&r, resource)) } ?? []
            default: try r.skipValue()
            }
        }
        try r.expectEnd()
        guard resourceType == "Bundle" else { throw JSONByteReader.Unsupported() }
        return ReceivedPage(meta: meta, link: links, entries: entries)
    }

    static func entry<Resource>(_ r: inout JSONByteReader, _ read: (inout JSONByteReader) throws -> Resource) throws -> Resource {
        var resource: Resource?
        try r.enterObject()
        var first = true
        while let key = try r.nextKey(&first) {
            if key == "resource" {
                guard resource == nil else { throw JSONByteReader.Unsupported() }
                resource = try read(&r)
            } else {
                try r.skipValue()
            }
        }
        guard let resource else { throw JSONByteReader.Unsupported() }
        return resource
    }
}

// MARK: Optionals as `decodeIfPresent` reads them (null is absent), and keys seen once

extension JSONByteReader {
    /// Marks a known key as seen; a second occurrence is left to Foundation to judge.
    func once(_ bit: UInt32, _ seen: inout UInt32) throws {
        guard seen & bit == 0 else { throw Unsupported() }
        seen |= bit
    }

    mutating func optionalString() throws -> String? {
        try readNull() ? nil : readString()
    }

    mutating func optionalObject<T>(_ element: (inout JSONByteReader) throws -> T) throws -> T? {
        try readNull() ? nil : element(&self)
    }

    mutating func optionalArray<T>(_ element: (inout JSONByteReader) throws -> T) throws -> [T]? {
        if try readNull() { return nil }
        var values: [T] = []
        try enterArray()
        var first = true
        while try nextElement(&first) { values.append(try element(&self)) }
        return values
    }

    /// The members of an object, each key handed to `member`, which must consume its value.
    mutating func readObject(_ member: (inout JSONByteReader, String) throws -> Void) throws {
        try enterObject()
        var first = true
        while let key = try nextKey(&first) { try member(&self, key) }
    }
}

// MARK: The data types shared by the resources Varde reads

extension FHIRMeta {
    static func read(_ r: inout JSONByteReader) throws -> FHIRMeta {
        var value = FHIRMeta(lastUpdated: nil)
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "lastUpdated": try r.once(1, &seen); value.lastUpdated = try r.optionalString()
            case "versionId": try r.once(2, &seen); value.versionId = try r.optionalString()
            case "tag": try r.once(4, &seen); value.tag = try r.optionalArray(FHIRCoding.read)
            default: try r.skipValue()
            }
        }
        return value
    }
}

extension FHIRBundleLink {
    static func read(_ r: inout JSONByteReader) throws -> FHIRBundleLink {
        var relation: String?, url: String?
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "relation": try r.once(1, &seen); relation = try r.readString()
            case "url": try r.once(2, &seen); url = try r.readString()
            default: try r.skipValue()
            }
        }
        guard let relation, let url else { throw JSONByteReader.Unsupported() }
        return FHIRBundleLink(relation: relation, url: url)
    }
}

extension FHIRCoding {
    static func read(_ r: inout JSONByteReader) throws -> FHIRCoding {
        var value = FHIRCoding(system: nil, code: nil)
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "system": try r.once(1, &seen); value.system = try r.optionalString()
            case "code": try r.once(2, &seen); value.code = try r.optionalString()
            case "display": try r.once(4, &seen); value.display = try r.optionalString()
            default: try r.skipValue()
            }
        }
        return value
    }
}

extension FHIRCodeableConcept {
    static func read(_ r: inout JSONByteReader) throws -> FHIRCodeableConcept {
        var value = FHIRCodeableConcept(coding: nil)
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "coding": try r.once(1, &seen); value.coding = try r.optionalArray(FHIRCoding.read)
            case "text": try r.once(2, &seen); value.text = try r.optionalString()
            default: try r.skipValue()
            }
        }
        return value
    }
}

extension FHIRIdentifier {
    static func read(_ r: inout JSONByteReader) throws -> FHIRIdentifier {
        var value = FHIRIdentifier(system: nil, value: nil)
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "system": try r.once(1, &seen); value.system = try r.optionalString()
            case "value": try r.once(2, &seen); value.value = try r.optionalString()
            default: try r.skipValue()
            }
        }
        return value
    }
}

extension FHIRReference {
    static func read(_ r: inout JSONByteReader) throws -> FHIRReference {
        var value = FHIRReference(reference: nil)
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "reference": try r.once(1, &seen); value.reference = try r.optionalString()
            case "identifier": try r.once(2, &seen); value.identifier = try r.optionalObject(FHIRIdentifier.read)
            case "display": try r.once(4, &seen); value.display = try r.optionalString()
            default: try r.skipValue()
            }
        }
        return value
    }
}

extension FHIRQuantity {
    static func read(_ r: inout JSONByteReader) throws -> FHIRQuantity {
        var value = FHIRQuantity(value: nil, unit: nil, system: nil, code: nil)
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "value": try r.once(1, &seen); value.value = try r.readNull() ? nil : r.readNumber()
            case "unit": try r.once(2, &seen); value.unit = try r.optionalString()
            case "system": try r.once(4, &seen); value.system = try r.optionalString()
            case "code": try r.once(8, &seen); value.code = try r.optionalString()
            case "comparator": try r.once(16, &seen); value.comparator = try r.optionalString()
            default: try r.skipValue()
            }
        }
        return value
    }
}

extension FHIRExtension {
    static func read(_ r: inout JSONByteReader) throws -> FHIRExtension {
        var url: String?, coding: FHIRCoding?, concept: FHIRCodeableConcept?, string: String?
        var period: FHIRPeriod?, parts: [FHIRExtension]?
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "url": try r.once(1, &seen); url = try r.readString()
            case "valueCoding": try r.once(2, &seen); coding = try r.optionalObject(FHIRCoding.read)
            case "valueCodeableConcept": try r.once(4, &seen); concept = try r.optionalObject(FHIRCodeableConcept.read)
            case "valueString": try r.once(8, &seen); string = try r.optionalString()
            case "valuePeriod": try r.once(16, &seen); period = try r.optionalObject(FHIRPeriod.read)
            case "extension": try r.once(32, &seen); parts = try r.optionalArray(FHIRExtension.read)
            default: try r.skipValue()
            }
        }
        guard let url else { throw JSONByteReader.Unsupported() }
        return FHIRExtension(url: url, valueCoding: coding, valueCodeableConcept: concept, valueString: string,
                             valuePeriod: period, extension: parts)
    }
}
