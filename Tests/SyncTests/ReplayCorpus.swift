import Foundation
import VardeDomain
import VardeService

/// The replay corpus (`Replay/*.json`) read as data: each case is one patient with an optional
/// self-care plan and one or more passes of Observations, each pass with the outcome expected after
/// it. Tables are compact lists of single readings, one case per row. README.md in the folder says
/// how to write them.
struct ReplayCase {
    var name: String
    var rule: String
    var file: String
    var patient: [String: Any]
    var plan: [String: Any]?
    var pageSize: Int
    /// The pass (1-based) before which the server first serves the patient and plan.
    var patientInPass: Int = 1
    var passes: [ReplayPass]
}

/// One sync pass of a case: what the server serves from then on, and what the cache must say after.
struct ReplayPass {
    var observations: [[String: Any]]
    /// Pages served byte for byte instead of assembled Bundles ({base} and {deep:N} expanded).
    var rawPages: [String]?
    /// The engine's clock for this pass (nil: the case's fixed instant).
    var now: Date?
    /// What the server's `Date` header says (nil: the pass's `now`).
    var serverDate: Date?
    /// A nurse's handling of the open alert before the pass: `claim` or `resolve` (claims, then resolves).
    var handling: String?
    /// Observation searches answered normally before the server answers 503 to the rest of the pass.
    var failObservationSearchesAfter: Int?
    var expect: [String: Any]
}

enum ReplayCorpus {
    /// The fixture's fixed instant: 22 November 2026 12:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_348_800)

    /// The folder of corpus files: the test bundle's copy, or the sources next to this file.
    static func folder() -> URL {
        if let url = Bundle.module.url(forResource: "Replay", withExtension: nil) { return url }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Replay")
    }

    static func load() throws -> [ReplayCase] {
        let files = try FileManager.default.contentsOfDirectory(at: folder(), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        var cases: [ReplayCase] = []
        for file in files {
            let data = try Data(contentsOf: file)
            guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw CorpusError(message: "\(file.lastPathComponent): not a JSON object")
            }
            let name = file.deletingPathExtension().lastPathComponent
            for item in root["cases"] as? [[String: Any]] ?? [] { cases.append(try replayCase(item, file: name)) }
            for table in root["tables"] as? [[String: Any]] ?? [] { cases += try expand(table, file: name) }
        }
        let names = cases.map(\.name)
        if let twice = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw CorpusError(message: "case name \(twice) appears twice")
        }
        return cases
    }

    static func replayCase(_ item: [String: Any], file: String) throws -> ReplayCase {
        guard let name = item["name"] as? String else { throw CorpusError(message: "\(file): a case without a name") }
        guard let passes = item["passes"] as? [[String: Any]], !passes.isEmpty else {
            throw CorpusError(message: "\(name): no passes")
        }
        return ReplayCase(
            name: name, rule: ruleText(item["rule"]), file: file, patient: item["patient"] as? [String: Any] ?? [:],
            plan: item["plan"] as? [String: Any], pageSize: item["pageSize"] as? Int ?? 50,
            patientInPass: item["patientInPass"] as? Int ?? 1,
            passes: try passes.map { pass in
                ReplayPass(observations: pass["observations"] as? [[String: Any]] ?? [],
                           rawPages: pass["rawPages"] as? [String],
                           now: try (pass["now"] as? String).map { try instant($0, in: name) },
                           serverDate: try (pass["serverDate"] as? String).map { try instant($0, in: name) },
                           handling: pass["handling"] as? String,
                           failObservationSearchesAfter: pass["failObservationSearchesAfter"] as? Int,
                           expect: pass["expect"] as? [String: Any] ?? [:])
            })
    }

    /// A table: `observation` is the template, each row `[value, zone, {more expectations}?]` one case;
    /// a value that is a pair is a blood pressure panel (systolic, diastolic).
    static func expand(_ table: [String: Any], file: String) throws -> [ReplayCase] {
        guard let name = table["table"] as? String, let rows = table["rows"] as? [[Any]] else {
            throw CorpusError(message: "\(file): a table without a name or rows")
        }
        let template = table["observation"] as? [String: Any] ?? [:]
        return try rows.map { row in
            guard row.count >= 2, let zone = row[1] as? String else { throw CorpusError(message: "\(name): bad row \(row)") }
            var observation = template
            observation["id"] = observation["id"] ?? "o1"
            var label: String
            if let pair = row[0] as? [Any], pair.count == 2, let systolic = number(pair[0]), let diastolic = number(pair[1]) {
                let unit = template["unit"] ?? "mm[Hg]"
                observation["components"] = [["code": MeasurementKind.systolicCode, "value": systolic, "unit": unit],
                                             ["code": MeasurementKind.diastolicCode, "value": diastolic, "unit": unit]]
                label = "\(format(systolic))/\(format(diastolic))"
            } else if let value = number(row[0]) {
                observation["value"] = value
                label = format(value)
            } else {
                throw CorpusError(message: "\(name): bad value \(row[0])")
            }
            var expect = table["expect"] as? [String: Any] ?? [:]
            expect["zone"] = zone
            if row.count > 2, var more = row[2] as? [String: Any] {
                // A row may change the template ("observation": {"code": …}) as well as add expectations.
                if let changes = more.removeValue(forKey: "observation") as? [String: Any] {
                    observation.merge(changes) { $1 }
                }
                expect.merge(more) { $1 }
            }
            if row.count > 2, let more = row[2] as? [String: Any], let tag = more["label"] as? String { label = tag }
            return ReplayCase(name: "\(name) \(label)", rule: ruleText(table["rule"]), file: file,
                              patient: table["patient"] as? [String: Any] ?? [:], plan: table["plan"] as? [String: Any],
                              pageSize: 50,
                              passes: [ReplayPass(observations: [observation], rawPages: nil, now: nil, serverDate: nil,
                                                  handling: nil, failObservationSearchesAfter: nil, expect: expect)])
        }
    }

    static func ruleText(_ value: Any?) -> String {
        if let n = value as? Int { return String(n) }
        return value as? String ?? "?"
    }

    static func number(_ value: Any?) -> Double? {
        if let n = value as? NSNumber { return n.doubleValue }
        return nil
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }

    static func instant(_ text: String, in name: String) throws -> Date {
        guard let date = FHIRDateTime.parse(text) else { throw CorpusError(message: "\(name): bad instant \(text)") }
        return date
    }

    struct CorpusError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// Turns the corpus's short forms into FHIR R4 JSON as a follow-up service (or a device vendor) sends it.
struct ReplayFHIR {
    let base: String
    let now: Date
    static let patientID = "p1"

    func stamp(_ date: Date) -> String { FHIRDateTime.format(date) }

    /// `{base}` → the server's address; `{deep:N}` → N nested arrays; `{filler:N}` → N letters.
    func expand(_ text: String) -> String {
        var text = text.replacingOccurrences(of: "{base}", with: base)
        while let range = text.range(of: #"\{deep:[0-9]+\}"#, options: .regularExpression) {
            let depth = Int(text[range].dropFirst(6).dropLast()) ?? 0
            text.replaceSubrange(range, with: String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        }
        while let range = text.range(of: #"\{filler:[0-9]+\}"#, options: .regularExpression) {
            text.replaceSubrange(range, with: String(repeating: "x", count: Int(text[range].dropFirst(8).dropLast()) ?? 0))
        }
        return text
    }

    func expandAll(_ value: Any) -> Any {
        switch value {
        case let text as String: expand(text)
        case let list as [Any]: list.map(expandAll)
        case let object as [String: Any]: object.mapValues(expandAll)
        default: value
        }
    }

    func json(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    func patient(_ spec: [String: Any]) -> [String: Any] {
        if let fhir = spec["fhir"] as? [String: Any] { return expandAll(fhir) as? [String: Any] ?? fhir }
        let municipality = spec["municipality"] as? String ?? "0301"
        let diagnoses = (spec["diagnoses"] as? [String] ?? []).compactMap(Diagnosis.init(rawValue:))
        var patient: [String: Any] = [
            "resourceType": "Patient", "id": Self.patientID,
            "meta": ["lastUpdated": stamp(now.addingTimeInterval(-7200))],
            "identifier": [["system": NationalIdentityNumber.system, "value": spec["nationalID"] as? String ?? "01817012345"]],
            "name": [["use": "official", "family": spec["family"] as? String ?? "Replay", "given": ["Kari"]]],
            "gender": "female", "birthDate": "1948-01-01",
            "address": [[
                "district": municipality,
                "extension": [["url": FHIRProfile.municipalityExtension,
                               "valueCoding": ["system": FHIRProfile.municipalitySystem, "code": municipality,
                                               "display": spec["municipalityName"] as? String ?? municipality]]],
            ]],
        ]
        if !diagnoses.isEmpty {
            patient["extension"] = diagnoses.map {
                ["url": FHIRProfile.followUpDiagnosisExtension,
                 "valueCodeableConcept": ["coding": [["system": FHIRProfile.icd10, "code": $0.icd10]]]]
            }
        }
        return patient
    }

    /// `{"approved": bool, "limits": [{"code", "system"?, "unit"?, "green": [low, high], "yellow": [low, high]}]}`;
    /// a null bound leaves that side open, a missing band leaves the band out.
    func carePlan(_ spec: [String: Any]) -> [String: Any] {
        if let fhir = spec["fhir"] as? [String: Any] { return expandAll(fhir) as? [String: Any] ?? fhir }
        var contained: [[String: Any]] = []
        for (index, limit) in (spec["limits"] as? [[String: Any]] ?? []).enumerated() {
            let unit = limit["unit"] as? String
            func quantity(_ value: Any?) -> [String: Any]? {
                guard let value = ReplayCorpus.number(value) else { return nil }
                var q: [String: Any] = ["value": value]
                if let unit { q["unit"] = unit; q["system"] = FHIRProfile.ucum; q["code"] = unit }
                return q
            }
            var intervals: [[String: Any]] = []
            for (zone, category) in [("green", "reference"), ("yellow", "critical")] {
                guard let band = limit[zone] as? [Any], band.count == 2 else { continue }
                var range: [String: Any] = [:]
                range["low"] = quantity(band[0])
                range["high"] = quantity(band[1])
                intervals.append(["extension": [["url": CarePlanMapping.zoneExtension, "valueString": zone]],
                                  "category": category, "range": range])
            }
            contained.append([
                "resourceType": "ObservationDefinition", "id": "limits-\(index + 1)",
                "code": ["coding": [["system": limit["system"] as? String ?? MeasurementKind.loinc,
                                     "code": limit["code"] as? String ?? ""]]],
                "qualifiedInterval": intervals,
            ])
        }
        var plan: [String: Any] = [
            "resourceType": "CarePlan", "id": "plan-\(Self.patientID)", "status": "active", "intent": "plan",
            "meta": ["lastUpdated": stamp(now.addingTimeInterval(-7000))],
            "subject": ["reference": "Patient/\(Self.patientID)"],
            "created": stamp(now.addingTimeInterval(-30 * 86400)),
        ]
        if !contained.isEmpty { plan["contained"] = contained }
        if spec["approved"] as? Bool ?? true {
            plan["extension"] = [["url": CarePlanMapping.approvalExtension, "valueString": "2026-11-01"]]
            plan["author"] = ["display": "Fastlege Replay"]
        }
        return plan
    }

    /// An Observation from its short form (see Replay/README.md), with its id and the stamp the
    /// server files it under; `raw` gives its text exactly.
    func observation(_ spec: [String: Any], defaultStamp: Date) -> (id: String, lastUpdated: Date, body: Data) {
        let id = spec["id"] as? String ?? "o1"
        let lastUpdatedText = spec["lastUpdated"] as? String
        let lastUpdated = lastUpdatedText.flatMap(FHIRDateTime.parse) ?? defaultStamp
        if let raw = spec["raw"] as? String {
            return (id, lastUpdated, Data(expand(raw).utf8))
        }
        if let fhir = spec["fhir"] as? [String: Any] {
            return (id, lastUpdated, json(expandAll(fhir)))
        }
        func quantity(_ value: Any?, _ unit: String?, _ unitText: String?, _ comparator: String?) -> [String: Any] {
            var q: [String: Any] = [:]
            if let value { q["value"] = value }
            if let unit { q["unit"] = unit; q["system"] = FHIRProfile.ucum; q["code"] = unit }
            if let unitText { q["unit"] = unitText }
            if let comparator { q["comparator"] = comparator }
            return q
        }
        var coding: [String: Any] = ["system": spec["system"] as? String ?? MeasurementKind.loinc,
                                     "code": spec["code"] as? String ?? ""]
        if let display = spec["display"] { coding["display"] = display }
        var meta: [String: Any] = ["lastUpdated": lastUpdatedText ?? stamp(lastUpdated)]
        if let version = spec["versionId"] { meta["versionId"] = "\(version)" }
        var observation: [String: Any] = [
            "resourceType": "Observation", "id": id, "meta": meta,
            "status": spec["status"] as? String ?? "final",
            "category": [["coding": [["system": FHIRProfile.observationCategory, "code": "vital-signs"]]]],
            "code": ["coding": [coding]],
            "subject": ["reference": expand(spec["subject"] as? String ?? "Patient/\(Self.patientID)")],
        ]
        if let period = spec["effectivePeriod"] as? [String: Any] {
            observation["effectivePeriod"] = period
        } else if let instant = spec["effectiveInstant"] as? String {
            observation["effectiveInstant"] = instant
        } else {
            observation["effectiveDateTime"] = spec["effective"] as? String ?? stamp(now.addingTimeInterval(-3600))
        }
        if let components = spec["components"] as? [[String: Any]] {
            observation["component"] = components.map { c -> [String: Any] in
                ["code": ["coding": [["system": MeasurementKind.loinc, "code": c["code"] as? String ?? ""]]],
                 "valueQuantity": quantity(c["value"], c["unit"] as? String, c["unitText"] as? String, c["comparator"] as? String)]
            }
        } else if spec.keys.contains("value") {
            observation["valueQuantity"] = quantity(spec["value"], spec["unit"] as? String, spec["unitText"] as? String,
                                                    spec["comparator"] as? String)
        }
        if let identifier = spec["identifier"] as? String {
            observation["identifier"] = [["system": "urn:replay", "value": identifier]]
        }
        return (id, lastUpdated, json(observation))
    }
}
