import Foundation
import PropertyBased
import Testing
import VardeDomain

/// Properties of triage over random plans and values ("never miss a red"): a plan the GP has not
/// approved never judges better than the default limits, an approved one never better than its own
/// limits; and unit conversions come back to where they started within the converter's rounding.
struct TriagePropertyTests {
    /// The kinds that limits judge, with values from the unlikely to the impossible-but-possible.
    static let judged: [MeasurementKind] = [.heartRate, .oxygenSaturation, .respiratoryRate, .bodyTemperature,
                                            .bloodGlucose, .bloodPressure]

    static func span(_ kind: MeasurementKind) -> ClosedRange<Double> {
        switch kind {
        case .heartRate: 20...250
        case .oxygenSaturation: 50...100
        case .respiratoryRate: 2...70
        case .bodyTemperature: 30...44
        case .bloodGlucose: 0.5...40
        default: 50...280
        }
    }

    /// A random reading and a random plan for its kind: bounds ordered yellowLow ≤ greenLow ≤
    /// greenHigh ≤ yellowHigh, each present or left out.
    struct Scenario: Sendable, CustomStringConvertible {
        var measurement: HomeMeasurement
        var limits: [MeasurementLimits]
        var diagnoses: [Diagnosis]

        var description: String {
            "\(measurement.kind.rawValue) \(measurement.value)\(measurement.secondValue.map { "/\($0)" } ?? "") "
                + "diagnoses \(diagnoses.map(\.rawValue)) limits \(limits)"
        }

        func plan(approved: Bool) -> SelfCarePlan {
            let day = Date(timeIntervalSince1970: 1_795_348_800)
            return SelfCarePlan(id: "plan-p", patientID: "p", goals: [], schedule: [], limits: limits, actions: [],
                                approval: approved ? PlanApproval(approvedBy: "Fastlege", approvedOn: day) : nil,
                                revised: day, lastUpdated: day)
        }
    }

    static func limits(_ kind: MeasurementKind, part: MeasurementPart, _ bounds: [Double], _ present: [Bool]) -> MeasurementLimits {
        let b = bounds.sorted()
        return MeasurementLimits(kind: kind, part: part, greenLow: present[1] ? b[1] : nil, greenHigh: present[2] ? b[2] : nil,
                                 yellowLow: present[0] ? b[0] : nil, yellowHigh: present[3] ? b[3] : nil)
    }

    static var scenarios: Generator<Scenario, AnySequence<Any>> {
        zip(
        Gen<MeasurementKind?>.element(of: judged).compactMap { $0 },
        Gen.double(in: 0...1).array(of: 4),
        Gen.double(in: 0...1).array(of: 4),
        Gen.bool.array(of: 4),
        Gen.bool.array(of: 4),
        Gen.double(in: 0...1),
        Gen.double(in: 0...1),
        Gen.bool.array(of: 2)
    ).map { kind, fractions, diastolicFractions, present, diastolicPresent, at, second, flags -> Scenario in
        let span = TriagePropertyTests.span(kind)
        func scaled(_ f: Double, _ range: ClosedRange<Double>) -> Double {
            ((range.lowerBound + f * (range.upperBound - range.lowerBound)) * 10).rounded() / 10
        }
        let value = scaled(at, span)
        var secondValue: Double?
        var limits = [Self.limits(kind, part: .value, fractions.map { scaled($0, span) }, present)]
        if kind == .bloodPressure {
            secondValue = scaled(second, 30...max(31, value - 1))
            limits.append(Self.limits(kind, part: .diastolic, diastolicFractions.map { scaled($0, 30...150) }, diastolicPresent))
        }
        let stamp = Date(timeIntervalSince1970: 1_795_345_200)
        let measurement = HomeMeasurement(id: "o", patientID: "p", kind: kind, code: "\(MeasurementKind.loinc)|x",
                                          value: value, secondValue: secondValue, unit: kind.canonicalUnit,
                                          effective: stamp, lastUpdated: stamp)
        return Scenario(measurement: measurement, limits: limits,
                        diagnoses: (flags[0] ? [Diagnosis.copd] : []) + (flags[1] ? [.heartFailure] : []))
    }.eraseToAny()
    }

    /// The zone by the plan's own limits alone, read straight from its bands (systolic and diastolic
    /// for blood pressure); nil where the plan sets no limits for the measurement.
    static func ownZone(_ plan: SelfCarePlan, _ m: HomeMeasurement) -> Zone? {
        var zones: [Zone] = []
        if let limits = plan.limits(for: m.kind) { zones.append(limits.zone(of: m.value)) }
        if let second = m.secondValue, let limits = plan.limits(for: m.kind, part: .diastolic) { zones.append(limits.zone(of: second)) }
        return zones.max()
    }

    @Test func anUnapprovedPlanNeverJudgesBetterThanTheDefaultLimitsNorThanItself() async {
        await propertyCheck(count: 2000, input: Self.scenarios) { scenario in
            let plan = scenario.plan(approved: false)
            let zone = Triage().judge(scenario.measurement, diagnoses: scenario.diagnoses, plan: plan)?.zone ?? .green
            let byDefault = DefaultLimits.zone(for: scenario.measurement, diagnoses: scenario.diagnoses) ?? .green
            let byPlan = Self.ownZone(plan, scenario.measurement) ?? .green
            #expect(zone >= byDefault, "\(scenario): \(zone), the default limits say \(byDefault)")
            #expect(zone >= byPlan, "\(scenario): \(zone), the unapproved plan says \(byPlan)")
        }
    }

    @Test func anApprovedPlanNeverJudgesBetterThanItsOwnLimits() async {
        await propertyCheck(count: 2000, input: Self.scenarios) { scenario in
            let plan = scenario.plan(approved: true)
            let zone = Triage().judge(scenario.measurement, diagnoses: scenario.diagnoses, plan: plan)?.zone ?? .green
            let byPlan = Self.ownZone(plan, scenario.measurement) ?? .green
            #expect(zone >= byPlan, "\(scenario): \(zone), the approved plan says \(byPlan)")
        }
    }

    @Test func aPlanWithoutLimitsForAKindLeavesItToTheDefaultLimits() async {
        await propertyCheck(count: 1000, input: Self.scenarios) { scenario in
            var plan = scenario.plan(approved: true)
            plan.limits = []
            let zone = Triage().judge(scenario.measurement, diagnoses: scenario.diagnoses, plan: plan)?.zone ?? .green
            #expect(zone == DefaultLimits.zone(for: scenario.measurement, diagnoses: scenario.diagnoses) ?? .green,
                    "\(scenario)")
        }
    }

    // MARK: Units: the converter rounds converted values to 0.01 of the canonical unit (UnitNormaliser).

    @Test func celsiusThroughFahrenheitComesBack() async {
        await propertyCheck(count: 1000, input: Gen.int(in: 250...450)) { tenths in
            let celsius = Double(tenths) / 10
            let fahrenheit = celsius * 9 / 5 + 32
            for unit in ["[degF]", "°F"] {
                let back = UnitNormaliser.canonical(fahrenheit, unit: unit, kind: .bodyTemperature)
                #expect(back.map { abs($0 - celsius) <= 0.005 + 1e-9 } == true, "\(celsius) °C as \(fahrenheit) \(unit) → \(String(describing: back))")
            }
        }
    }

    @Test func fahrenheitThroughCelsiusComesBackWithinTheRounding() async {
        await propertyCheck(count: 1000, input: Gen.double(in: 77...113)) { fahrenheit in
            guard let celsius = UnitNormaliser.canonical(fahrenheit, unit: "[degF]", kind: .bodyTemperature) else {
                Issue.record("[degF] not converted"); return
            }
            // 0.005 °C of rounding is 0.009 °F.
            #expect(abs(celsius * 9 / 5 + 32 - fahrenheit) <= 0.009 + 1e-9, "\(fahrenheit) °F → \(celsius) °C")
        }
    }

    @Test func kilogramsThroughPoundsComeBack() async {
        await propertyCheck(count: 1000, input: Gen.int(in: 20...3000)) { tenths in
            let kilograms = Double(tenths) / 10
            let pounds = kilograms / 0.453_592_37
            for unit in ["[lb_av]", "lb"] {
                let back = UnitNormaliser.canonical(pounds, unit: unit, kind: .bodyWeight)
                #expect(back.map { abs($0 - kilograms) <= 0.005 + 1e-9 } == true, "\(kilograms) kg as \(pounds) \(unit) → \(String(describing: back))")
            }
        }
    }

    @Test func poundsThroughKilogramsComeBackWithinTheRounding() async {
        await propertyCheck(count: 1000, input: Gen.double(in: 5...660)) { pounds in
            guard let kilograms = UnitNormaliser.canonical(pounds, unit: "[lb_av]", kind: .bodyWeight) else {
                Issue.record("[lb_av] not converted"); return
            }
            // 0.005 kg of rounding is 0.011 lb.
            #expect(abs(kilograms / 0.453_592_37 - pounds) <= 0.005 / 0.453_592_37 + 1e-9, "\(pounds) lb → \(kilograms) kg")
        }
    }

    @Test func mmolPerLitreThroughMilligramsPerDecilitreComesBack() async {
        await propertyCheck(count: 1000, input: Gen.int(in: 5...400)) { tenths in
            let mmol = Double(tenths) / 10
            let mg = mmol * 18.016
            let back = UnitNormaliser.canonical(mg, unit: "mg/dL", kind: .bloodGlucose)
            #expect(back.map { abs($0 - mmol) <= 0.005 + 1e-9 } == true, "\(mmol) mmol/L as \(mg) mg/dL → \(String(describing: back))")
        }
    }

    @Test func milligramsPerDecilitreThroughMmolPerLitreComeBackWithinTheRounding() async {
        await propertyCheck(count: 1000, input: Gen.double(in: 9...720)) { mg in
            guard let mmol = UnitNormaliser.canonical(mg, unit: "mg/dL", kind: .bloodGlucose) else {
                Issue.record("mg/dL not converted"); return
            }
            // 0.005 mmol/L of rounding is 0.09 mg/dL.
            #expect(abs(mmol * 18.016 - mg) <= 0.005 * 18.016 + 1e-9, "\(mg) mg/dL → \(mmol) mmol/L")
        }
    }

    /// The zone of a value as it stands for itself, in the kind's canonical unit, under the default limits.
    static func defaultZone(_ kind: MeasurementKind, _ value: Double) -> Zone {
        let stamp = Date(timeIntervalSince1970: 1_795_345_200)
        let m = HomeMeasurement(id: "o", patientID: "p", kind: kind, code: "\(MeasurementKind.loinc)|x", value: value,
                                unit: kind.canonicalUnit, effective: stamp, lastUpdated: stamp)
        return Triage().judge(m, diagnoses: [])?.zone ?? .green
    }

    @Test func aTemperatureInFahrenheitLandsInTheZoneOfTheCelsiusItStandsFor() async {
        await propertyCheck(count: 1000, input: Gen.int(in: 300...440)) { tenths in
            let celsius = Double(tenths) / 10
            guard let converted = UnitNormaliser.canonical(celsius * 9 / 5 + 32, unit: "[degF]", kind: .bodyTemperature) else {
                Issue.record("[degF] not converted"); return
            }
            #expect(Self.defaultZone(.bodyTemperature, converted) == Self.defaultZone(.bodyTemperature, celsius),
                    "\(celsius) °C came back as \(converted) °C")
        }
    }

    @Test func aGlucoseInMilligramsLandsInTheZoneOfTheMmolItStandsFor() async {
        await propertyCheck(count: 1000, input: Gen.int(in: 10...400)) { tenths in
            let mmol = Double(tenths) / 10
            guard let converted = UnitNormaliser.canonical(mmol * 18.016, unit: "mg/dL", kind: .bloodGlucose) else {
                Issue.record("mg/dL not converted"); return
            }
            #expect(Self.defaultZone(.bloodGlucose, converted) == Self.defaultZone(.bloodGlucose, mmol),
                    "\(mmol) mmol/L came back as \(converted) mmol/L")
        }
    }

    @Test func aFractionOfOneIsAPercentage() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...100)) { percent in
            let back = UnitNormaliser.canonical(Double(percent) / 100, unit: "1", kind: .oxygenSaturation)
            #expect(back.map { abs($0 - Double(percent)) <= 1e-9 } == true, "\(percent) % → \(String(describing: back))")
        }
    }

    @Test func aCanonicalValueIsLeftAsItIs() async {
        await propertyCheck(count: 500, input: Gen<MeasurementKind?>.element(of: Self.judged + [.bodyWeight]).compactMap { $0 },
                            Gen.double(in: 0...300)) { kind, value in
            #expect(UnitNormaliser.canonical(value, unit: kind.canonicalUnit, kind: kind) == value)
        }
    }
}
