import Foundation

/// Converts values that arrive in other units (°F, lb, mg/dL …) to the canonical UCUM unit of their kind.
public enum UnitNormaliser {
    /// The value in the kind's canonical unit, or nil when the unit is not one Varde can convert.
    public static func canonical(_ value: Double, unit: String, kind: MeasurementKind) -> Double? {
        if unit == kind.canonicalUnit { return value } // nearly always, and trimming costs more than the rest
        let unit = unit.trimmingCharacters(in: .whitespaces)
        if unit == kind.canonicalUnit { return value }
        switch (kind, unit) {
        case (.heartRate, "/min"), (.heartRate, "{beats}/min"), (.heartRate, "bpm"),
             (.respiratoryRate, "/min"), (.respiratoryRate, "{breaths}/min"),
             (.oxygenSaturation, "%"), (.bloodPressure, "mm[Hg]"), (.bloodPressure, "mmHg"),
             (.bodyTemperature, "Cel"), (.bodyTemperature, "°C"), (.bodyWeight, "kg"),
             (.bloodGlucose, "mmol/L"), (.frailty, _), (.news2, _):
            return value
        case (.bodyTemperature, "[degF]"), (.bodyTemperature, "°F"):
            return ((value - 32) * 5 / 9 * 10).rounded() / 10
        case (.bodyWeight, "[lb_av]"), (.bodyWeight, "lb"), (.bodyWeight, "lbs"):
            return (value * 0.453_592_37 * 10).rounded() / 10
        case (.bodyWeight, "g"):
            return value / 1000
        case (.bloodGlucose, "mg/dL"):
            return (value / 18.016 * 10).rounded() / 10
        case (.oxygenSaturation, "1"):
            return value <= 1 ? value * 100 : nil
        default:
            return nil
        }
    }
}
