import Foundation
import VardeDomain

/// FHIR Observation ↔ `HomeMeasurement`.
public enum ObservationMapping {
    /// Maps a received Observation; throws an `EntryProblem` naming what made it unusable.
    /// `patientByNationalID` resolves subjects referenced by fødselsnummer (the PMD style).
    public static func measurement(from observation: FHIRObservation,
                                   patientByNationalID: (String) -> String? = { _ in nil })
        throws(EntryProblem) -> HomeMeasurement {
        func problem(_ reason: String) -> EntryProblem {
            EntryProblem(resourceType: "Observation", resourceID: observation.id, reason: reason)
        }
        guard let id = observation.id, !id.isEmpty else { throw problem("no id") }
        let patientID: String
        if let reference = observation.subject?.reference, reference.hasPrefix("Patient/"),
           reference.count > "Patient/".count {
            patientID = String(reference.dropFirst("Patient/".count))
        } else if let identifier = observation.subject?.identifier, identifier.system == NationalIdentityNumber.system,
                  let number = identifier.value {
            guard let known = patientByNationalID(number) else { throw problem("subject's fødselsnummer is not a rostered patient") }
            patientID = known
        } else {
            throw problem("subject is not a Patient reference")
        }
        guard let effectiveText = observation.effectiveDateTime, let effective = FHIRDateTime.parse(effectiveText)
        else { throw problem("no valid effectiveDateTime") }
        let lastUpdated = observation.meta?.lastUpdated.flatMap(FHIRDateTime.parse) ?? effective
        let status = MeasurementStatus(rawValue: observation.status) ?? .unknown

        let codings = observation.code.coding ?? []
        let recognised = codings.lazy.compactMap { coding -> (MeasurementKind, FHIRCoding)? in
            guard let code = coding.code else { return nil }
            let kind = MeasurementKind(system: coding.system, code: code)
            return kind == .other ? nil : (kind, coding)
        }.first
        guard let coding = recognised?.1 ?? codings.first, let code = coding.code else { throw problem("no code") }
        var kind = recognised?.0 ?? .other
        let codeText = "\(coding.system ?? "")|\(code)"
        let display = coding.display ?? observation.code.text

        var value: Double
        var second: Double?
        var unit: String
        if kind == .bloodPressure {
            let parts = observation.component ?? []
            func component(_ code: String) -> FHIRQuantity? {
                parts.first(where: { $0.code.coding?.contains(where: { $0.code == code }) ?? false })?.valueQuantity
            }
            guard let systolic = component(MeasurementKind.systolicCode), let sys = systolic.value,
                  let diastolic = component(MeasurementKind.diastolicCode), let dia = diastolic.value
            else { throw problem("blood pressure without systolic and diastolic components") }
            unit = systolic.code ?? systolic.unit ?? kind.canonicalUnit
            guard let s = UnitNormaliser.canonical(sys, unit: unit, kind: kind),
                  let d = UnitNormaliser.canonical(dia, unit: unit, kind: kind)
            else { return other(id, patientID, codeText, display, sys, dia, unit, effective, lastUpdated, status) }
            value = s; second = d; unit = kind.canonicalUnit
        } else {
            guard let quantity = observation.valueQuantity, let raw = quantity.value, raw.isFinite
            else { throw problem("no numeric valueQuantity") }
            unit = quantity.code ?? quantity.unit ?? ""
            if kind != .other, let canonical = UnitNormaliser.canonical(raw, unit: unit, kind: kind) {
                value = canonical
                unit = kind.canonicalUnit
            } else {
                kind = .other
                value = raw
            }
        }
        if let reason = PhysicalLimits.problem(kind, value: value, second: second) { throw problem(reason) }
        return HomeMeasurement(id: id, patientID: patientID, kind: kind, code: codeText, codeDisplay: display,
                               value: value, secondValue: second, unit: unit, effective: effective,
                               lastUpdated: lastUpdated, status: status,
                               sourceIdentifier: observation.identifier?.first.map { "\($0.system ?? "")|\($0.value ?? "")" })
    }

    // A value in a unit Varde cannot convert is kept, as "other", with its own unit.
    private static func other(_ id: String, _ patientID: String, _ code: String, _ display: String?, _ value: Double,
                              _ second: Double?, _ unit: String, _ effective: Date, _ lastUpdated: Date,
                              _ status: MeasurementStatus) -> HomeMeasurement {
        HomeMeasurement(id: id, patientID: patientID, kind: .other, code: code, codeDisplay: display, value: value,
                        secondValue: second, unit: unit, effective: effective, lastUpdated: lastUpdated, status: status)
    }

    /// The Observation the simulator serves for a measurement.
    public static func observation(from m: HomeMeasurement) -> FHIRObservation {
        let coding = m.kind.codes.first.map { FHIRCoding(system: $0.system, code: $0.code, display: display(m.kind)) }
            ?? FHIRCoding(system: String(m.code.split(separator: "|").first ?? ""),
                          code: String(m.code.split(separator: "|").last ?? ""), display: m.codeDisplay)
        let category = FHIRCodeableConcept(coding: [FHIRCoding(system: FHIRProfile.observationCategory,
                                                               code: "vital-signs", display: "Vital Signs")])
        func quantity(_ value: Double) -> FHIRQuantity {
            FHIRQuantity(value: value, unit: unitDisplay(m.unit), code: m.unit)
        }
        let identifier = m.sourceIdentifier.map { text -> [FHIRIdentifier] in
            let parts = text.split(separator: "|", maxSplits: 1).map(String.init)
            return [FHIRIdentifier(system: parts.first, value: parts.count > 1 ? parts[1] : nil)]
        }
        var observation = FHIRObservation(
            id: m.id, meta: FHIRMeta(lastUpdated: FHIRDateTime.format(m.lastUpdated)), identifier: identifier,
            status: m.status.rawValue,
            category: [category], code: FHIRCodeableConcept(coding: [coding]),
            subject: FHIRReference(reference: "Patient/\(m.patientID)"),
            effectiveDateTime: FHIRDateTime.format(m.effective), valueQuantity: nil)
        if m.kind == .bloodPressure, let diastolic = m.secondValue {
            observation.component = [
                .init(code: FHIRCodeableConcept(coding: [FHIRCoding(system: MeasurementKind.loinc,
                                                                    code: MeasurementKind.systolicCode,
                                                                    display: "Systolic blood pressure")]),
                      valueQuantity: quantity(m.value)),
                .init(code: FHIRCodeableConcept(coding: [FHIRCoding(system: MeasurementKind.loinc,
                                                                    code: MeasurementKind.diastolicCode,
                                                                    display: "Diastolic blood pressure")]),
                      valueQuantity: quantity(diastolic)),
            ]
        } else {
            observation.valueQuantity = quantity(m.value)
        }
        return observation
    }

    static func display(_ kind: MeasurementKind) -> String {
        switch kind {
        case .heartRate: "Heart rate"
        case .oxygenSaturation: "Oxygen saturation in Arterial blood by Pulse oximetry"
        case .bloodPressure: "Blood pressure panel with all children optional"
        case .respiratoryRate: "Respiratory rate"
        case .bodyTemperature: "Body temperature"
        case .bodyWeight: "Body weight"
        case .bloodGlucose: "Glucose [Moles/volume] in Blood"
        case .frailty: "Clinical Frailty Scale score"
        case .news2: "NEWS2 total score"
        case .other: "Other"
        }
    }

    static func unitDisplay(_ ucum: String) -> String {
        switch ucum {
        case "/min": "/min"
        case "mm[Hg]": "mmHg"
        case "Cel": "°C"
        default: ucum
        }
    }
}
