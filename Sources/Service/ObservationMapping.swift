import Foundation
import VardeDomain

/// FHIR Observation ↔ `HomeMeasurement`.
public enum ObservationMapping {
    /// Maps a received Observation; throws an `EntryProblem` naming what made it unusable.
    /// `patientByNationalID` resolves subjects referenced by fødselsnummer (the PMD style); `serverBase`
    /// makes absolute references to the same server (`https://…/fhir/Patient/7`) references too.
    public static func measurement(from observation: FHIRObservation,
                                   patientByNationalID: (String) -> String? = { _ in nil },
                                   serverBase: String? = nil)
        throws(EntryProblem) -> HomeMeasurement {
        func problem(_ reason: String) -> EntryProblem {
            EntryProblem(resourceType: "Observation", resourceID: observation.id, reason: reason)
        }
        guard let id = observation.id, !id.isEmpty else { throw problem("no id") }
        let patientID: String
        if let reference = observation.subject?.reference,
           let local = FHIRReferences.patientID(reference, serverBase: serverBase) {
            patientID = local
        } else if let identifier = observation.subject?.identifier, identifier.system == NationalIdentityNumber.system,
                  let number = identifier.value {
            guard let known = patientByNationalID(number) else { throw problem("subject's fødselsnummer is not a rostered patient") }
            patientID = known
        } else {
            throw problem("subject is not a Patient reference")
        }
        guard let effectiveText = observation.effectiveText, let effective = FHIRDateTime.parse(effectiveText)
        else { throw problem("no valid effective[x] (dateTime, instant or period)") }
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
        let codeText = MeasurementKind.codeText(system: coding.system, code: code)
        let display = coding.display ?? observation.code.text

        /// A quantity in the kind's canonical unit; a judged vital sign in a unit Varde cannot read is refused.
        func canonical(_ quantity: FHIRQuantity, _ kind: MeasurementKind) throws(EntryProblem) -> Double {
            guard let raw = quantity.value, raw.isFinite else { throw problem("no numeric valueQuantity") }
            for unit in [quantity.code, quantity.unit].compactMap({ $0 }) {
                if let value = UnitNormaliser.canonical(raw, unit: unit, kind: kind) { return value }
            }
            if quantity.code == nil && quantity.unit == nil { return raw } // no unit: the kind's own, as FHIR allows
            let spelled = quantity.code ?? quantity.unit ?? ""
            throw problem("ukjent enhet «\(spelled)» for \(norwegianName(kind))")
        }

        var value: Double
        var second: Double?
        var comparator: ValueComparator?
        var unit: String
        if kind == .bloodPressure && (observation.component?.isEmpty == false || observation.valueQuantity == nil) {
            let parts = observation.component ?? []
            func component(_ code: String) -> FHIRQuantity? {
                parts.first(where: { $0.code.coding?.contains(where: { $0.code == code }) ?? false })?.valueQuantity
            }
            let systolic = component(MeasurementKind.systolicCode), diastolic = component(MeasurementKind.diastolicCode)
            switch (systolic, diastolic) {
            case let (sys?, dia?): value = try canonical(sys, kind); second = try canonical(dia, kind)
            case let (sys?, nil): value = try canonical(sys, kind)
            case let (nil, dia?): kind = .diastolicPressure; value = try canonical(dia, kind)
            case (nil, nil): throw problem("blood pressure without systolic and diastolic components")
            }
            unit = kind.canonicalUnit
        } else {
            guard let quantity = observation.valueQuantity else { throw problem("no numeric valueQuantity") }
            if kind.isJudged {
                value = try canonical(quantity, kind)
                unit = kind.canonicalUnit
                comparator = quantity.comparator.flatMap(ValueComparator.init(rawValue:))
            } else {
                guard let raw = quantity.value, raw.isFinite else { throw problem("no numeric valueQuantity") }
                value = raw
                unit = quantity.code ?? quantity.unit ?? ""
                comparator = quantity.comparator.flatMap(ValueComparator.init(rawValue:))
            }
        }
        if let reason = PhysicalLimits.problem(kind, value: value, second: second) {
            var impossible = problem(reason)
            impossible.deviceCheck = ImpossibleValue(patientID: patientID, resourceID: id, measuredAt: effective)
            throw impossible
        }
        return HomeMeasurement(id: id, patientID: patientID, kind: kind, code: codeText, codeDisplay: display,
                               value: value, secondValue: second, unit: unit, effective: effective,
                               lastUpdated: lastUpdated, status: status,
                               sourceIdentifier: observation.identifier?.first.map { "\($0.system ?? "")|\($0.value ?? "")" },
                               comparator: comparator)
    }

    /// The kind as a quarantine reason names it.
    static func norwegianName(_ kind: MeasurementKind) -> String {
        switch kind {
        case .heartRate: "puls"
        case .oxygenSaturation: "oksygenmetning"
        case .bloodPressure: "blodtrykk"
        case .diastolicPressure: "diastolisk blodtrykk"
        case .respiratoryRate: "respirasjonsfrekvens"
        case .bodyTemperature: "temperatur"
        case .bodyWeight: "vekt"
        case .bloodGlucose: "blodsukker"
        case .frailty: "skrøpelighetsskår"
        case .news2: "NEWS2"
        case .other: "annen måling"
        }
    }

    /// The Observation the simulator serves for a measurement.
    public static func observation(from m: HomeMeasurement) -> FHIRObservation {
        let coding = m.kind.codes.first.map { FHIRCoding(system: $0.system, code: $0.code, display: display(m.kind)) }
            ?? FHIRCoding(system: String(m.code.split(separator: "|").first ?? ""),
                          code: String(m.code.split(separator: "|").last ?? ""), display: m.codeDisplay)
        let category = FHIRCodeableConcept(coding: [FHIRCoding(system: FHIRProfile.observationCategory,
                                                               code: "vital-signs", display: "Vital Signs")])
        func quantity(_ value: Double) -> FHIRQuantity {
            FHIRQuantity(value: value, unit: unitDisplay(m.unit), code: m.unit, comparator: m.comparator?.rawValue)
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
        case .diastolicPressure: "Diastolic blood pressure"
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
