import Foundation

/// A FHIR `CarePlan` as Varde maps the self-care plan onto it (see Manual.md, "CarePlan").
public struct FHIRCarePlan: Codable, Sendable, Equatable {
    public var resourceType = "CarePlan"
    public var id: String?
    public var meta: FHIRMeta?
    public var `extension`: [FHIRExtension]?
    public var contained: [Contained]?
    public var status: String
    public var intent: String
    public var subject: FHIRReference?
    /// When follow-up began and, once it has, when it ended.
    public var period: FHIRPeriod?
    public var created: String?
    public var author: FHIRReference?
    public var goal: [FHIRReference]?
    public var activity: [Activity]?

    /// A contained `Goal` ("hva er viktig for deg") or `ObservationDefinition` (limits); others are skipped.
    public enum Contained: Codable, Sendable, Equatable {
        case goal(FHIRGoal)
        case limits(FHIRObservationDefinition)
        case other

        enum Keys: String, CodingKey { case resourceType }

        public init(from decoder: any Decoder) throws {
            let type = try decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .resourceType)
            switch type {
            case "Goal": self = .goal(try FHIRGoal(from: decoder))
            case "ObservationDefinition": self = .limits(try FHIRObservationDefinition(from: decoder))
            default: self = .other
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .goal(let goal): try goal.encode(to: encoder)
            case .limits(let limits): try limits.encode(to: encoder)
            case .other: break
            }
        }
    }

    /// `CarePlan.activity`: a scheduled measurement, or an action for one zone.
    public struct Activity: Codable, Sendable, Equatable {
        public var detail: Detail
        public init(detail: Detail) { self.detail = detail }
    }

    /// `CarePlan.activity.detail`.
    public struct Detail: Codable, Sendable, Equatable {
        public var `extension`: [FHIRExtension]?
        public var code: FHIRCodeableConcept?
        public var status: String
        public var scheduledTiming: FHIRTiming?
        public var description: String?
        public init(extension: [FHIRExtension]? = nil, code: FHIRCodeableConcept? = nil, status: String,
                    scheduledTiming: FHIRTiming? = nil, description: String? = nil) {
            self.extension = `extension`
            self.code = code
            self.status = status
            self.scheduledTiming = scheduledTiming
            self.description = description
        }
    }

    public init(id: String?, meta: FHIRMeta?, extension: [FHIRExtension]?, contained: [Contained]?, status: String,
                intent: String, subject: FHIRReference?, created: String?, author: FHIRReference?,
                goal: [FHIRReference]?, activity: [Activity]?, period: FHIRPeriod? = nil) {
        self.period = period
        self.id = id
        self.meta = meta
        self.extension = `extension`
        self.contained = contained
        self.status = status
        self.intent = intent
        self.subject = subject
        self.created = created
        self.author = author
        self.goal = goal
        self.activity = activity
    }
}

/// A contained FHIR `Goal`.
public struct FHIRGoal: Codable, Sendable, Equatable {
    public var resourceType = "Goal"
    public var id: String
    public var lifecycleStatus = "active"
    public var description: FHIRCodeableConcept
    public var subject: FHIRReference
    public init(id: String, description: String, subject: FHIRReference) {
        self.id = id
        self.description = FHIRCodeableConcept(coding: nil, text: description)
        self.subject = subject
    }
}

/// A contained FHIR `ObservationDefinition` carrying one value's green and yellow bands.
public struct FHIRObservationDefinition: Codable, Sendable, Equatable {
    public var resourceType = "ObservationDefinition"
    public var id: String
    public var code: FHIRCodeableConcept
    public var qualifiedInterval: [Interval]?

    /// `ObservationDefinition.qualifiedInterval` with Varde's zone extension.
    public struct Interval: Codable, Sendable, Equatable {
        public var `extension`: [FHIRExtension]?
        public var category: String?
        public var range: FHIRRange?
        public init(extension: [FHIRExtension]?, category: String?, range: FHIRRange?) {
            self.extension = `extension`
            self.category = category
            self.range = range
        }
    }

    public init(id: String, code: FHIRCodeableConcept, qualifiedInterval: [Interval]?) {
        self.id = id
        self.code = code
        self.qualifiedInterval = qualifiedInterval
    }
}

/// A FHIR `Range` (bounds without units are allowed here: the unit is the measurement's canonical one).
public struct FHIRRange: Codable, Sendable, Equatable {
    public var low: FHIRQuantity?
    public var high: FHIRQuantity?
    public init(low: FHIRQuantity?, high: FHIRQuantity?) {
        self.low = low
        self.high = high
    }
}

/// A FHIR `Timing` with the repeat parts a measurement schedule needs.
public struct FHIRTiming: Codable, Sendable, Equatable {
    public var `repeat`: Repeat?

    /// `Timing.repeat`.
    public struct Repeat: Codable, Sendable, Equatable {
        public var frequency: Int?
        public var period: Double?
        public var periodUnit: String?
        public var timeOfDay: [String]?
        public init(frequency: Int?, period: Double?, periodUnit: String?, timeOfDay: [String]?) {
            self.frequency = frequency
            self.period = period
            self.periodUnit = periodUnit
            self.timeOfDay = timeOfDay
        }
    }

    public init(repeat: Repeat?) { self.repeat = `repeat` }
}
