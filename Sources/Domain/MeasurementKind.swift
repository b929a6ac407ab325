import Foundation

/// What was measured, recognised from its LOINC/SNOMED code; unknown codes are `.other`, never dropped.
public enum MeasurementKind: String, Codable, Sendable, CaseIterable {
    case heartRate, oxygenSaturation, bloodPressure, respiratoryRate, bodyTemperature
    case bodyWeight, bloodGlucose, frailty, news2
    /// A diastolic pressure measured on its own (a standalone Observation, or a panel without systolic).
    case diastolicPressure
    case other

    public static let loinc = "http://loinc.org"
    public static let snomed = "http://snomed.info/sct"
    public static let systolicCode = "8480-6"
    public static let diastolicCode = "8462-4"

    /// Codes recognised per kind, as (system, code); the first is the one Varde writes. Other systems
    /// send the narrower codes too: a pulse oximeter's heart rate, a glucometer's capillary glucose,
    /// a standalone systolic pressure (judged as a blood pressure of one component).
    public var codes: [(system: String, code: String)] {
        switch self {
        case .heartRate: [(Self.loinc, "8867-4"), (Self.loinc, "8889-8")]
        case .oxygenSaturation: [(Self.loinc, "59408-5"), (Self.loinc, "2708-6"), (Self.loinc, "20564-1")]
        case .bloodPressure: [(Self.loinc, "85354-9"), (Self.loinc, "55284-4"), (Self.loinc, "35094-2"),
                              (Self.loinc, Self.systolicCode)]
        case .respiratoryRate: [(Self.loinc, "9279-1")]
        case .bodyTemperature: [(Self.loinc, "8310-5"), (Self.loinc, "8331-1"), (Self.loinc, "8328-7")]
        case .bodyWeight: [(Self.loinc, "29463-7"), (Self.loinc, "3141-9")]
        case .bloodGlucose: [(Self.loinc, "15074-8"), (Self.loinc, "2339-0"), (Self.loinc, "41653-7"),
                             (Self.loinc, "14743-9"), (Self.loinc, "2345-7"), (Self.loinc, "14749-6")]
        case .frailty: [(Self.snomed, "763264000")]
        case .news2: [(Self.snomed, "1104051000000101")]
        case .diastolicPressure: [(Self.loinc, Self.diastolicCode)]
        case .other: []
        }
    }

    /// The UCUM unit values of this kind are stored in.
    public var canonicalUnit: String {
        switch self {
        case .heartRate, .respiratoryRate: "/min"
        case .oxygenSaturation: "%"
        case .bloodPressure, .diastolicPressure: "mm[Hg]"
        case .bodyTemperature: "Cel"
        case .bodyWeight: "kg"
        case .bloodGlucose: "mmol/L"
        case .frailty, .news2: "{score}"
        case .other: ""
        }
    }

    /// The smallest step a home device reports for this kind: a comparator's bound (`<92`) is judged
    /// one step beyond it.
    public var resolution: Double {
        switch self {
        case .heartRate, .respiratoryRate, .oxygenSaturation, .bloodPressure, .diastolicPressure, .frailty, .news2: 1
        case .bodyTemperature, .bodyWeight, .bloodGlucose: 0.1
        case .other: 0
        }
    }

    /// Whether this is a vital sign Varde judges: one whose unit it cannot read is quarantined, never
    /// kept as "other" (a wrongly read SpO2 could hide a red).
    public var isJudged: Bool { self != .other }

    /// Each recognised code with its kind, its system and the `system|code` text stored for it: built once,
    /// since an initial sync asks for hundreds of thousands of codings.
    private static let byCode: [String: (kind: MeasurementKind, system: String, text: String)] = {
        var map: [String: (kind: MeasurementKind, system: String, text: String)] = [:]
        for kind in allCases { for c in kind.codes { map[c.code] = (kind, c.system, "\(c.system)|\(c.code)") } }
        return map
    }()

    /// The code systems' other names (OIDs) as their canonical URIs.
    static func canonicalSystem(_ system: String?) -> String? {
        switch system {
        case "urn:oid:2.16.840.1.113883.6.1"?, "https://loinc.org"?, "http://loinc.org/"?: loinc
        case "urn:oid:2.16.840.1.113883.6.96"?, "https://snomed.info/sct"?: snomed
        default: system
        }
    }

    /// The kind for a coding; codes of unknown systems or values give `.other`.
    public init(system: String?, code: String) {
        // The exact code is the common case; a code padded with spaces is looked up trimmed.
        guard let known = Self.byCode[code] ?? Self.byCode[code.trimmingCharacters(in: .whitespaces)],
              system == nil || system == known.system || Self.canonicalSystem(system) == known.system
        else { self = .other; return }
        self = known.kind
    }

    /// A coding as the cache stores it, `system|code`; a recognised code in its own system gives the text
    /// made once.
    public static func codeText(system: String?, code: String) -> String {
        if let known = byCode[code], known.system == system { return known.text }
        return "\(system ?? "")|\(code)"
    }
}
