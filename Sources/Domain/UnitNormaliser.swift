import Foundation

/// Converts values that arrive in other units (°F, lb, mg/dL, kPa …) to the canonical UCUM unit of their
/// kind. Accepts UCUM and the spellings real devices and other systems send (`mm Hg`, `mg/dl`, `degF`,
/// `beats/minute` …). Converted values are rounded to 0.01, finer than any home device reads, so that
/// 100.4 °F is exactly 38 °C and not a hair above a limit.
public enum UnitNormaliser {
    /// A conversion to the canonical unit: canonical = value × factor + offset.
    struct Conversion: Sendable {
        var factor: Double
        var offset: Double = 0
        /// Only values in this range are read in this unit (a fraction `1` is at most 1).
        var accepts: ClosedRange<Double>? = nil
        static let same = Conversion(factor: 1)
    }

    /// Every accepted spelling per kind, folded (lower case, no spaces).
    static func conversions(_ kind: MeasurementKind) -> [String: Conversion] {
        switch kind {
        case .heartRate, .respiratoryRate: perMinute
        case .oxygenSaturation: ["%": .same, "percent": .same, "{percent}": .same, "pct": .same,
                                 "1": Conversion(factor: 100, accepts: 0...1), "{ratio}": Conversion(factor: 100, accepts: 0...1)]
        case .bloodPressure, .diastolicPressure: ["mm[hg]": .same, "mmhg": .same, "kpa": Conversion(factor: 7.500_62)]
        case .bodyTemperature: ["cel": .same, "°c": .same, "c": .same, "degc": .same, "[degc]": .same, "celsius": .same,
                                "[degf]": fahrenheit, "degf": fahrenheit, "°f": fahrenheit, "f": fahrenheit,
                                "fahrenheit": fahrenheit]
        case .bodyWeight: ["kg": .same, "kgs": .same, "kilogram": .same, "kilograms": .same, "g": Conversion(factor: 0.001),
                           "[lb_av]": pound, "lb": pound, "lbs": pound, "pound": pound, "pounds": pound]
        case .bloodGlucose: ["mmol/l": .same, "mmol/litre": .same, "mmol/liter": .same,
                             "mg/dl": Conversion(factor: 1 / 18.016), "mg/100ml": Conversion(factor: 1 / 18.016)]
        case .frailty, .news2, .other: [:]
        }
    }

    private static let fahrenheit = Conversion(factor: 5.0 / 9.0, offset: -160.0 / 9.0)
    private static let pound = Conversion(factor: 0.453_592_37)
    private static let perMinute: [String: Conversion] = Dictionary(uniqueKeysWithValues: [
        "/min", "{beats}/min", "{beat}/min", "beats/min", "beat/min", "beats/minute", "beat/minute", "bpm", "1/min",
        "min-1", "/minute", "per minute", "{breaths}/min", "{breath}/min", "breaths/min", "breaths/minute",
        "{counts}/min", "{count}/min", "count/min", "rpm", "{rpm}",
    ].map { (fold($0), Conversion.same) })

    /// A unit as compared: trimmed, lower case, without inner spaces ("mm Hg" is "mmhg").
    static func fold(_ unit: String) -> String {
        String(unit.lowercased().unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) })
    }

    /// The value in the kind's canonical unit, or nil when the unit is not one Varde can read.
    public static func canonical(_ value: Double, unit: String, kind: MeasurementKind) -> Double? {
        if unit == kind.canonicalUnit { return value } // nearly always, and folding costs more than the rest
        if kind == .frailty || kind == .news2 { return value } // scores: any unit names the same score
        guard let conversion = conversions(kind)[fold(unit)] else { return nil }
        if let accepts = conversion.accepts, !accepts.contains(value) { return nil }
        if conversion.factor == 1 && conversion.offset == 0 { return value }
        return rounded(value * conversion.factor + conversion.offset)
    }

    /// The canonical `value` expressed in `unit` (the inverse of `canonical`), or nil for an unknown unit.
    public static func value(_ canonical: Double, in unit: String, kind: MeasurementKind) -> Double? {
        if unit == kind.canonicalUnit || kind == .frailty || kind == .news2 { return canonical }
        guard let conversion = conversions(kind)[fold(unit)] else { return nil }
        return (canonical - conversion.offset) / conversion.factor
    }

    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
