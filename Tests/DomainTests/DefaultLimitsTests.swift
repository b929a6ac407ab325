import Foundation
import Testing
@testable import VardeDomain

/// NEWS2 default limits, with the boundary on both sides of every band.
struct DefaultLimitsTests {
    static func measurement(_ kind: MeasurementKind, _ value: Double, status: MeasurementStatus = .final) -> HomeMeasurement {
        HomeMeasurement(id: "m", patientID: "p", kind: kind, code: "x", value: value, unit: kind.canonicalUnit,
                        effective: Date(timeIntervalSince1970: 0), lastUpdated: Date(timeIntervalSince1970: 0),
                        status: status)
    }

    @Test(arguments: [
        (MeasurementKind.respiratoryRate, 8.0, Zone.red), (.respiratoryRate, 9, .yellow), (.respiratoryRate, 11, .yellow),
        (.respiratoryRate, 12, .green), (.respiratoryRate, 20, .green), (.respiratoryRate, 21, .yellow),
        (.respiratoryRate, 24, .yellow), (.respiratoryRate, 25, .red),
        (.oxygenSaturation, 91, .red), (.oxygenSaturation, 92, .yellow), (.oxygenSaturation, 95, .yellow),
        (.oxygenSaturation, 96, .green),
        (.bloodPressure, 90, .red), (.bloodPressure, 91, .yellow), (.bloodPressure, 110, .yellow),
        (.bloodPressure, 111, .green), (.bloodPressure, 219, .green), (.bloodPressure, 220, .red),
        (.heartRate, 40, .red), (.heartRate, 41, .yellow), (.heartRate, 50, .yellow), (.heartRate, 51, .green),
        (.heartRate, 90, .green), (.heartRate, 91, .yellow), (.heartRate, 130, .yellow), (.heartRate, 131, .red),
        (.bodyTemperature, 35.0, .red), (.bodyTemperature, 35.1, .yellow), (.bodyTemperature, 36.0, .yellow),
        (.bodyTemperature, 36.1, .green), (.bodyTemperature, 38.0, .green), (.bodyTemperature, 38.1, .yellow),
        (.bodyTemperature, 39.1, .yellow),
        (.bloodGlucose, 2.9, .red), (.bloodGlucose, 3.0, .yellow), (.bloodGlucose, 4.0, .green),
        (.bloodGlucose, 14.9, .green), (.bloodGlucose, 15.0, .yellow), (.bloodGlucose, 20.0, .red),
        (.news2, 2, .green), (.news2, 3, .yellow), (.news2, 5, .red),
    ])
    func zoneByDefaultLimits(kind: MeasurementKind, value: Double, expected: Zone) {
        #expect(DefaultLimits.zone(for: Self.measurement(kind, value), diagnoses: []) == expected)
    }

    @Test(arguments: [(87.0, Zone.yellow), (88, .green), (92, .green), (83, .red), (84, .yellow)])
    func copdPatientsAreJudgedOnSpO2Scale2(value: Double, expected: Zone) {
        #expect(DefaultLimits.zone(for: Self.measurement(.oxygenSaturation, value), diagnoses: [.copd]) == expected)
    }

    @Test func weightUnknownCodesAndEnteredInErrorAreNotJudged() {
        #expect(DefaultLimits.zone(for: Self.measurement(.bodyWeight, 140), diagnoses: []) == nil)
        #expect(DefaultLimits.zone(for: Self.measurement(.other, 1), diagnoses: []) == nil)
        #expect(DefaultLimits.zone(for: Self.measurement(.heartRate, 150, status: .enteredInError), diagnoses: []) == nil)
    }
}
