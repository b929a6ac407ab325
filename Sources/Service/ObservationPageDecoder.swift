import Foundation

/// The fast path for Observation searchset pages, the bulk of every sync (see `FHIRPageDecoder`).
public enum ObservationPageDecoder {
    /// The page, or nil when the ordinary decoder must decide.
    public static func decode(_ data: Data) -> ReceivedPage<FHIRObservation>? {
        FHIRPageDecoder.decode(data, as: FHIRObservation.self)
    }

    /// The same page, fast when possible; throws what `JSONDecoder` throws otherwise.
    public static func decodeOrFallBack(_ data: Data) throws -> ReceivedPage<FHIRObservation> {
        try FHIRPageDecoder.decodeOrFallBack(data, as: FHIRObservation.self)
    }
}

extension FHIRObservation: ByteReadableResource {
    static func read(_ r: inout JSONByteReader) throws -> FHIRObservation {
        var resourceType: String?, id: String?, meta: FHIRMeta?, identifier: [FHIRIdentifier]?
        var status: String?, category: [FHIRCodeableConcept]?, code: FHIRCodeableConcept?
        var subject: FHIRReference?, effective: String?, quantity: FHIRQuantity?
        var instant: String?, period: FHIRPeriod?
        var component: [FHIRObservation.Component]?
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "resourceType": try r.once(1, &seen); resourceType = try r.readString()
            case "id": try r.once(2, &seen); id = try r.optionalString()
            case "meta": try r.once(4, &seen); meta = try r.optionalObject(FHIRMeta.read)
            case "identifier": try r.once(8, &seen); identifier = try r.optionalArray(FHIRIdentifier.read)
            case "status": try r.once(16, &seen); status = try r.readString()
            case "category": try r.once(32, &seen); category = try r.optionalArray(FHIRCodeableConcept.read)
            case "code": try r.once(64, &seen); code = try FHIRCodeableConcept.read(&r)
            case "subject": try r.once(128, &seen); subject = try r.optionalObject(FHIRReference.read)
            case "effectiveDateTime": try r.once(256, &seen); effective = try r.optionalString()
            case "valueQuantity": try r.once(512, &seen); quantity = try r.optionalObject(FHIRQuantity.read)
            case "component": try r.once(1024, &seen); component = try r.optionalArray(Component.read)
            case "effectiveInstant": try r.once(2048, &seen); instant = try r.optionalString()
            case "effectivePeriod": try r.once(4096, &seen); period = try r.optionalObject(FHIRPeriod.read)
            default: try r.skipValue()
            }
        }
        // A resource of another type, or one without what Observation requires, is Foundation's to judge.
        guard resourceType == "Observation", let status, let code else { throw JSONByteReader.Unsupported() }
        var observation = FHIRObservation(id: id, meta: meta, identifier: identifier, status: status,
                                          category: category, code: code, subject: subject, effectiveDateTime: effective,
                                          valueQuantity: quantity, component: component)
        observation.effectiveInstant = instant
        observation.effectivePeriod = period
        return observation
    }
}

extension FHIRPeriod {
    static func read(_ r: inout JSONByteReader) throws -> FHIRPeriod {
        var value = FHIRPeriod(start: nil, end: nil)
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "start": try r.once(1, &seen); value.start = try r.optionalString()
            case "end": try r.once(2, &seen); value.end = try r.optionalString()
            default: try r.skipValue()
            }
        }
        return value
    }
}

extension FHIRObservation.Component {
    static func read(_ r: inout JSONByteReader) throws -> FHIRObservation.Component {
        var code: FHIRCodeableConcept?, quantity: FHIRQuantity?
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "code": try r.once(1, &seen); code = try FHIRCodeableConcept.read(&r)
            case "valueQuantity": try r.once(2, &seen); quantity = try r.optionalObject(FHIRQuantity.read)
            default: try r.skipValue()
            }
        }
        guard let code else { throw JSONByteReader.Unsupported() }
        return FHIRObservation.Component(code: code, valueQuantity: quantity)
    }
}
