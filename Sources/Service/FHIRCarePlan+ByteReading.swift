import Foundation

// CarePlan pages without Codable: a centre has nearly as many plans as patients, each with contained
// limits, and Foundation decoded them at a quarter of a millisecond apiece.

extension FHIRCarePlan: ByteReadableResource {
    static func read(_ r: inout JSONByteReader) throws -> FHIRCarePlan {
        var resourceType: String?, id: String?, meta: FHIRMeta?, extensions: [FHIRExtension]?, contained: [Contained]?
        var status: String?, intent: String?, subject: FHIRReference?, created: String?, author: FHIRReference?
        var goal: [FHIRReference]?, activity: [Activity]?, period: FHIRPeriod?
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "resourceType": try r.once(1, &seen); resourceType = try r.readString()
            case "id": try r.once(2, &seen); id = try r.optionalString()
            case "meta": try r.once(4, &seen); meta = try r.optionalObject(FHIRMeta.read)
            case "extension": try r.once(8, &seen); extensions = try r.optionalArray(FHIRExtension.read)
            case "contained": try r.once(16, &seen); contained = try r.optionalArray(Contained.read)
            case "status": try r.once(32, &seen); status = try r.readString()
            case "intent": try r.once(64, &seen); intent = try r.readString()
            case "subject": try r.once(128, &seen); subject = try r.optionalObject(FHIRReference.read)
            case "created": try r.once(256, &seen); created = try r.optionalString()
            case "author": try r.once(512, &seen); author = try r.optionalObject(FHIRReference.read)
            case "goal": try r.once(1024, &seen); goal = try r.optionalArray(FHIRReference.read)
            case "activity": try r.once(2048, &seen); activity = try r.optionalArray(Activity.read)
            case "period": try r.once(4096, &seen); period = try r.optionalObject(FHIRPeriod.read)
            default: try r.skipValue()
            }
        }
        guard resourceType == "CarePlan", let status, let intent else { throw JSONByteReader.Unsupported() }
        return FHIRCarePlan(id: id, meta: meta, extension: extensions, contained: contained, status: status, intent: intent,
                            subject: subject, created: created, author: author, goal: goal, activity: activity,
                            period: period)
    }
}

extension FHIRCarePlan.Contained {
    /// Codable reads the type first and then the whole object again as that type; here the object is
    /// read once, so only the kinds the fast path knows completely are accepted.
    static func read(_ r: inout JSONByteReader) throws -> FHIRCarePlan.Contained {
        var resourceType: String?, id: String?, lifecycleStatus: String?, description: FHIRCodeableConcept?
        var subject: FHIRReference?, code: FHIRCodeableConcept?, intervals: [FHIRObservationDefinition.Interval]?
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "resourceType": try r.once(1, &seen); resourceType = try r.readString()
            case "id": try r.once(2, &seen); id = try r.readString()
            case "lifecycleStatus": try r.once(4, &seen); lifecycleStatus = try r.readString()
            case "description": try r.once(8, &seen); description = try FHIRCodeableConcept.read(&r)
            case "subject": try r.once(16, &seen); subject = try FHIRReference.read(&r)
            case "code": try r.once(32, &seen); code = try FHIRCodeableConcept.read(&r)
            case "qualifiedInterval":
                try r.once(64, &seen); intervals = try r.optionalArray(FHIRObservationDefinition.Interval.read)
            default: try r.skipValue()
            }
        }
        switch resourceType {
        case "Goal":
            // Members of the other kind are ignored by Codable, but a wrong type there fails it: leave it to Codable.
            guard seen & (32 | 64) == 0, let id, let lifecycleStatus, let description, let subject
            else { throw JSONByteReader.Unsupported() }
            var goal = FHIRGoal(id: id, description: "", subject: subject)
            goal.lifecycleStatus = lifecycleStatus
            goal.description = description
            return .goal(goal)
        case "ObservationDefinition":
            guard seen & (4 | 8 | 16) == 0, let id, let code else { throw JSONByteReader.Unsupported() }
            return .limits(FHIRObservationDefinition(id: id, code: code, qualifiedInterval: intervals))
        default:
            throw JSONByteReader.Unsupported()
        }
    }
}

extension FHIRObservationDefinition.Interval {
    static func read(_ r: inout JSONByteReader) throws -> FHIRObservationDefinition.Interval {
        var value = FHIRObservationDefinition.Interval(extension: nil, category: nil, range: nil)
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "extension": try r.once(1, &seen); value.extension = try r.optionalArray(FHIRExtension.read)
            case "category": try r.once(2, &seen); value.category = try r.optionalString()
            case "range": try r.once(4, &seen); value.range = try r.optionalObject(FHIRRange.read)
            default: try r.skipValue()
            }
        }
        return value
    }
}

extension FHIRRange {
    static func read(_ r: inout JSONByteReader) throws -> FHIRRange {
        var value = FHIRRange(low: nil, high: nil)
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "low": try r.once(1, &seen); value.low = try r.optionalObject(FHIRQuantity.read)
            case "high": try r.once(2, &seen); value.high = try r.optionalObject(FHIRQuantity.read)
            default: try r.skipValue()
            }
        }
        return value
    }
}

extension FHIRCarePlan.Activity {
    static func read(_ r: inout JSONByteReader) throws -> FHIRCarePlan.Activity {
        var detail: FHIRCarePlan.Detail?
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "detail": try r.once(1, &seen); detail = try FHIRCarePlan.Detail.read(&r)
            default: try r.skipValue()
            }
        }
        guard let detail else { throw JSONByteReader.Unsupported() }
        return FHIRCarePlan.Activity(detail: detail)
    }
}

extension FHIRCarePlan.Detail {
    static func read(_ r: inout JSONByteReader) throws -> FHIRCarePlan.Detail {
        var extensions: [FHIRExtension]?, code: FHIRCodeableConcept?, status: String?
        var timing: FHIRTiming?, description: String?
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "extension": try r.once(1, &seen); extensions = try r.optionalArray(FHIRExtension.read)
            case "code": try r.once(2, &seen); code = try r.optionalObject(FHIRCodeableConcept.read)
            case "status": try r.once(4, &seen); status = try r.readString()
            case "scheduledTiming": try r.once(8, &seen); timing = try r.optionalObject(FHIRTiming.read)
            case "description": try r.once(16, &seen); description = try r.optionalString()
            default: try r.skipValue()
            }
        }
        guard let status else { throw JSONByteReader.Unsupported() }
        return FHIRCarePlan.Detail(extension: extensions, code: code, status: status, scheduledTiming: timing,
                                   description: description)
    }
}

extension FHIRTiming {
    static func read(_ r: inout JSONByteReader) throws -> FHIRTiming {
        var value = FHIRTiming(repeat: nil)
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "repeat": try r.once(1, &seen); value.repeat = try r.optionalObject(Repeat.read)
            default: try r.skipValue()
            }
        }
        return value
    }
}

extension FHIRTiming.Repeat {
    static func read(_ r: inout JSONByteReader) throws -> FHIRTiming.Repeat {
        var value = FHIRTiming.Repeat(frequency: nil, period: nil, periodUnit: nil, timeOfDay: nil)
        var seen: UInt32 = 0
        try r.readObject { r, key in
            switch key {
            case "frequency": try r.once(1, &seen); value.frequency = try r.readNull() ? nil : r.readInteger()
            case "period": try r.once(2, &seen); value.period = try r.readNull() ? nil : r.readNumber()
            case "periodUnit": try r.once(4, &seen); value.periodUnit = try r.optionalString()
            case "timeOfDay": try r.once(8, &seen); value.timeOfDay = try r.optionalArray { try $0.readString() }
            default: try r.skipValue()
            }
        }
        return value
    }
}
