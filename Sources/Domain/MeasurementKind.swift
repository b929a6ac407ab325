/// What was measured, recognised from its LOINC/SNOMED code; unknown codes are `.other`, never dropped.
public enum MeasurementKind: String, Codable, Sendable, CaseIterable {
    case heartRate, oxygenSaturation, bloodPressure, respiratoryRate, bodyTemperature
    case bodyWeight, bloodGlucose, frailty, news2, other

    public static let loinc = "http://loinc.org"
    public static let snomed = "http://snomed.info/sct"
    public static let systolicCode = "8480-6"
    public static let diastolicCode = "8462-4"

    /// Codes recognised per kind, as (system, code); the first is the one Varde writes.
    public var codes: [(system: String, code: String)] {
        switch self {
        case .heartRate: [(Self.loinc, "8867-4")]
        case .oxygenSaturation: [(Self.loinc, "59408-5"), (Self.loinc, "2708-6")]
        case .bloodPressure: [(Self.loinc, "85354-9"), (Self.loinc, "55284-4")]
        case .respiratoryRate: [(Self.loinc, "9279-1")]
        case .bodyTemperature: [(Self.loinc, "8310-5")]
        case .bodyWeight: [(Self.loinc, "29463-7")]
        case .bloodGlucose: [(Self.loinc, "15074-8"), (Self.loinc, "2339-0")]
        case .frailty: [(Self.snomed, "763264000")]
        case .news2: [(Self.snomed, "1104051000000101")]
        case .other: []
        }
    }

    /// The UCUM unit values of this kind are stored in.
    public var canonicalUnit: String {
        switch self {
        case .heartRate, .respiratoryRate: "/min"
        case .oxygenSaturation: "%"
        case .bloodPressure: "mm[Hg]"
        case .bodyTemperature: "Cel"
        case .bodyWeight: "kg"
        case .bloodGlucose: "mmol/L"
        case .frailty, .news2: "{score}"
        case .other: ""
        }
    }

    private static let byCode: [String: MeasurementKind] = {
        var map: [String: MeasurementKind] = [:]
        for kind in allCases { for c in kind.codes { map[c.code] = kind } }
        return map
    }()

    /// The kind for a coding; codes of unknown systems or values give `.other`.
    public init(system: String?, code: String) {
        guard let kind = Self.byCode[code],
              system == nil || kind.codes.contains(where: { $0.system == system })
        else { self = .other; return }
        self = kind
    }
}
