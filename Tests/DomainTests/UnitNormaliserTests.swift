import Testing
import VardeDomain

struct UnitNormaliserTests {
    @Test(arguments: [
        (MeasurementKind.bodyTemperature, 100.4, "[degF]", 38.0 as Double?), (.bodyWeight, 180, "[lb_av]", 81.65),
        (.bloodGlucose, 90, "mg/dL", 5.0), (.bloodPressure, 120, "mm Hg", 120), (.bodyTemperature, 98.6, "degF", 37),
        (.bloodGlucose, 90, "mg/dl", 5.0), (.heartRate, 72, "beats/minute", 72), (.heartRate, 72, "bpm", 72), (.heartRate, 72, "/min", 72), (.oxygenSaturation, 0.95, "1", 95),
        (.bodyWeight, 80, "stone", nil), (.bodyTemperature, 37, "K", nil),
    ])
    func valuesArriveInCanonicalUnits(kind: MeasurementKind, value: Double, unit: String, expected: Double?) {
        #expect(UnitNormaliser.canonical(value, unit: unit, kind: kind) == expected)
    }
}
