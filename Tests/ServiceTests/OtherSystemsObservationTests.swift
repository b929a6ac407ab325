import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService

/// Observations as other systems write them: other spellings, units, shapes; and pages with one
/// unreadable resource.
struct OtherSystemsObservationTests {
    func observation(code: String = "59408-5", system: String = "http://loinc.org", value: String = "85",
                     unit: String = "%", extra: String = "", effective: String = "\"effectiveDateTime\":\"2026-11-22T08:00:00Z\"",
                     subject: String = "Patient/p1") -> String {
        """
        {"resourceType":"Observation","id":"o1","status":"final","code":{"coding":[{"system":"\(system)","code":"\(code)"}]},
         "subject":{"reference":"\(subject)"},\(effective),
         "valueQuantity":{"value":\(value),"unit":"\(unit)"\(extra)}}
        """
    }

    func map(_ json: String, base: String? = "https://fhir.example.no/r4") throws(EntryProblem) -> HomeMeasurement {
        let resource = try! JSONDecoder().decode(FHIRObservation.self, from: Data(json.utf8))
        return try ObservationMapping.measurement(from: resource, serverBase: base)
    }

    @Test(arguments: [
        ("8867-4", "72", "beats/minute", MeasurementKind.heartRate, 72.0), ("8889-8", "72", "bpm", .heartRate, 72),
        ("8310-5", "100.4", "degF", .bodyTemperature, 38), ("8310-5", "37.5", "°C", .bodyTemperature, 37.5),
        ("41653-7", "90", "mg/dl", .bloodGlucose, 5), ("14743-9", "5.5", "mmol/l", .bloodGlucose, 5.5),
        ("8480-6", "182", "mm Hg", .bloodPressure, 182), ("8462-4", "95", "mmHg", .diastolicPressure, 95),
        ("29463-7", "180", "lbs", .bodyWeight, 81.65), ("9279-1", "18", "breaths/min", .respiratoryRate, 18),
        ("59408-5", "0.94", "1", .oxygenSaturation, 94),
    ])
    func otherSpellingsAreReadAsTheirKind(code: String, value: String, unit: String, kind: MeasurementKind, expected: Double) throws {
        let m = try map(observation(code: code, value: value, unit: unit))
        #expect(m.kind == kind)
        #expect(m.value == expected)
        #expect(m.unit == kind.canonicalUnit)
    }

    @Test func theLOINCObjectIdentifierIsLOINC() throws {
        #expect(try map(observation(system: "urn:oid:2.16.840.1.113883.6.1")).kind == .oxygenSaturation)
    }

    @Test func aVitalSignInAnUnreadableUnitIsRefusedWithTheUnitNamed() {
        #expect {
            try map(observation(unit: "furlongs"))
        } throws: { ($0 as? EntryProblem)?.reason == "ukjent enhet «furlongs» for oksygenmetning" }
    }

    @Test func aComparatorIsKept() throws {
        let m = try map(observation(code: "15074-8", value: "1.1", unit: "mmol/L", extra: ",\"comparator\":\"<\""))
        #expect(m.comparator == .less)
        #expect(m.value == 1.1)
        #expect(abs(m.judgedValue - 1.0) < 1e-9)
    }

    @Test(arguments: [
        "\"effectiveInstant\":\"2026-11-22T08:00:00.000Z\"",
        "\"effectivePeriod\":{\"start\":\"2026-11-22T07:00:00Z\",\"end\":\"2026-11-22T08:00:00Z\"}",
        "\"effectivePeriod\":{\"start\":\"2026-11-22T08:00:00Z\"}",
    ])
    func effectiveInstantAndPeriodAreRead(effective: String) throws {
        #expect(try map(observation(effective: effective)).effective == FHIRDateTime.parse("2026-11-22T08:00:00Z"))
    }

    @Test func absoluteReferencesToTheSameServerAreReferences() throws {
        #expect(try map(observation(subject: "https://fhir.example.no/r4/Patient/p1")).patientID == "p1")
        #expect(try map(observation(subject: "Patient/p1/_history/3")).patientID == "p1")
        #expect(throws: EntryProblem.self) { try map(observation(subject: "https://other.example.no/Patient/p1")) }
    }

    @Test func aPanelWithOneComponentIsJudgedOnIt() throws {
        func panel(_ component: String) -> String {
            """
            {"resourceType":"Observation","id":"bp","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},
             "subject":{"reference":"Patient/p1"},"effectiveDateTime":"2026-11-22T08:00:00Z",
             "component":[{"code":{"coding":[{"system":"http://loinc.org","code":"\(component)"}]},"valueQuantity":{"value":88,"code":"mm[Hg]"}}]}
            """
        }
        let systolic = try map(panel("8480-6"))
        #expect(systolic.kind == .bloodPressure && systolic.value == 88 && systolic.secondValue == nil)
        #expect(try map(panel("8462-4")).kind == .diastolicPressure)
    }

    @Test func anImpossibleValueAsksForTheDeviceToBeChecked() {
        #expect {
            try map(observation(value: "120"))
        } throws: { ($0 as? EntryProblem)?.deviceCheck?.patientID == "p1" }
    }

    @Test(arguments: ["NaN", "1e400", String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)])
    func oneUnreadableResourceIsQuarantinedAndTheRestOfItsPageIsTaken(poison: String) throws {
        let good = observation()
        let bad = observation(value: poison).replacingOccurrences(of: "\"o1\"", with: "\"o-bad\"")
        let red = observation(value: "80").replacingOccurrences(of: "\"o1\"", with: "\"o2\"")
        let page = """
        {"resourceType":"Bundle","type":"searchset","link":[{"relation":"next","url":"https://x/next"}],
         "entry":[{"resource":\(good)},{"resource":\(bad)},{"resource":\(red)}]}
        """
        let decoded = try ObservationPageDecoder.decodeOrFallBack(Data(page.utf8))
        #expect(decoded.nextURL == "https://x/next")
        #expect(decoded.entries.count == 3)
        let taken = decoded.entries.compactMap { try? $0.get() }.map(\.id)
        #expect(taken.contains("o1") && taken.contains("o2"))
        let problems = decoded.entries.compactMap { entry -> EntryProblem? in
            if case .failure(let problem) = entry { return problem }
            if case .success(let resource) = entry, (try? ObservationMapping.measurement(from: resource)) == nil {
                return EntryProblem(resourceType: "Observation", resourceID: resource.id, reason: "unmapped")
            }
            return nil
        }
        #expect(problems.map(\.resourceID) == ["o-bad"])
        if let raw = problems.first?.raw { #expect(raw.utf8.count <= EntryProblem.rawLimit) }
    }
}

/// A server that trickles its answer is abandoned after the client's slow-transfer time, not held for minutes.
struct TrickleTests {
    @Test func aTricklingServerIsAbandonedWithinSeconds() throws {
        let server = try HostileServer { connection in
            guard HostileServer.deliver(Data("HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\nContent-Length: 1000\r\n\r\n".utf8),
                                        to: connection) else { return }
            for _ in 0..<30 {
                guard HostileServer.deliver(Data(" ".utf8), to: connection) else { return }
                Thread.sleep(forTimeInterval: 1)
            }
        }
        defer { server.stop() }
        var settings = HTTPSettings()
        settings.slowFor = 2
        let client = FHIRClient(baseURL: server.baseURL, http: CurlHTTPClient(settings: settings), retry: RetryPolicy(attempts: 1))
        let started = Date()
        #expect(throws: ServiceError.self) { _ = try client.page(server.baseURL + "/Observation", of: FHIRObservation.self) }
        #expect(Date().timeIntervalSince(started) < 20, "the trickle is abandoned long before its 30 s")
    }
}
