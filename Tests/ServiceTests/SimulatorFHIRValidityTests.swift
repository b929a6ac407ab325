import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService

/// The simulator's answers, fetched over loopback HTTP with libcurl, obey the FHIR R4 rules Varde relies on.
@Suite(.serialized)
struct SimulatorFHIRValidityTests {
    nonisolated(unsafe) static let idPattern = try! Regex("^[A-Za-z0-9\\-\\.]{1,64}$")
    nonisolated(unsafe) static let instantPattern = try! Regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$")
    nonisolated(unsafe) static let datePattern = try! Regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

    func get(_ url: String) async throws -> [String: Any] {
        let client = CurlHTTPClient()
        let response = try await offPool { try client.send(HTTPRequest(url: url)) }
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/fhir+json")
        let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        return try #require(object)
    }

    /// FHIR forbids empty objects, arrays and strings and JSON null anywhere in a resource.
    func checkNoEmptyElements(_ value: Any, path: String) {
        switch value {
        case let object as [String: Any]:
            #expect(!object.isEmpty, "empty object at \(path)")
            for (key, child) in object { checkNoEmptyElements(child, path: "\(path).\(key)") }
        case let array as [Any]:
            #expect(!array.isEmpty, "empty array at \(path)")
            for (i, child) in array.enumerated() { checkNoEmptyElements(child, path: "\(path)[\(i)]") }
        case let string as String:
            #expect(!string.isEmpty, "empty string at \(path)")
        case is NSNull:
            Issue.record("null at \(path)")
        default: break
        }
    }

    func checkSearchset(_ bundle: [String: Any], resourceType: String, base: String) -> [[String: Any]] {
        #expect(bundle["resourceType"] as? String == "Bundle")
        #expect(bundle["type"] as? String == "searchset")
        checkNoEmptyElements(bundle, path: "Bundle")
        let links = bundle["link"] as? [[String: Any]] ?? []
        #expect(links.contains { $0["relation"] as? String == "self" })
        for link in links { #expect((link["url"] as? String)?.hasPrefix(base) == true) }
        let entries = bundle["entry"] as? [[String: Any]] ?? []
        return entries.map { entry in
            let resource = entry["resource"] as? [String: Any] ?? [:]
            let id = resource["id"] as? String ?? ""
            #expect(entry["fullUrl"] as? String == "\(base)/\(resourceType)/\(id)")
            #expect(resource["resourceType"] as? String == resourceType)
            #expect(id.wholeMatch(of: Self.idPattern) != nil, "bad id \(id)")
            let meta = resource["meta"] as? [String: Any]
            #expect((meta?["lastUpdated"] as? String)?.wholeMatch(of: Self.instantPattern) != nil)
            return resource
        }
    }

    func checkQuantity(_ quantity: [String: Any]?, path: String) {
        #expect(quantity?["value"] is NSNumber, "\(path).value is not a number")
        #expect(quantity?["system"] as? String == "http://unitsofmeasure.org")
        #expect(quantity?["code"] is String)
    }

    @Test func patientsAndObservationsAreValidSearchsets() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 30))
        defer { sim.stop() }
        let metadata = try await get("\(sim.baseURL)/metadata")
        #expect(metadata["resourceType"] as? String == "CapabilityStatement")
        #expect(metadata["fhirVersion"] as? String == "4.0.1")

        let patients = checkSearchset(try await get("\(sim.baseURL)/Patient?_count=50"), resourceType: "Patient", base: sim.baseURL)
        #expect(patients.count == 30)
        for patient in patients {
            let identifier = (patient["identifier"] as? [[String: Any]])?.first
            #expect(identifier?["system"] as? String == NationalIdentityNumber.system)
            let number = identifier?["value"] as? String ?? ""
            #expect(NationalIdentityNumber.isValid(number) && NationalIdentityNumber.isSynthetic(number))
            #expect(["male", "female", "other", "unknown"].contains(patient["gender"] as? String ?? ""))
            #expect((patient["birthDate"] as? String)?.wholeMatch(of: Self.datePattern) != nil)
            let address = (patient["address"] as? [[String: Any]])?.first
            let coding = ((address?["extension"] as? [[String: Any]])?.first?["valueCoding"]) as? [String: Any]
            #expect(coding?["system"] as? String == FHIRProfile.municipalitySystem)
            #expect((coding?["code"] as? String)?.count == 4)
        }

        var url: String? = "\(sim.baseURL)/Observation?_count=200&_sort=_lastUpdated"
        var seen = 0
        while let next = url {
            let bundle = try await get(next)
            for observation in checkSearchset(bundle, resourceType: "Observation", base: sim.baseURL) {
                seen += 1
                #expect(["registered", "preliminary", "final", "amended", "entered-in-error"].contains(observation["status"] as? String ?? ""))
                let subject = (observation["subject"] as? [String: Any])?["reference"] as? String ?? ""
                #expect(subject.hasPrefix("Patient/"))
                #expect((observation["effectiveDateTime"] as? String)?.wholeMatch(of: Self.instantPattern) != nil)
                let coding = ((observation["code"] as? [String: Any])?["coding"] as? [[String: Any]])?.first
                #expect(coding?["system"] is String && coding?["code"] is String)
                if let components = observation["component"] as? [[String: Any]] {
                    #expect(components.count == 2)
                    #expect(observation["valueQuantity"] == nil)
                    for component in components { checkQuantity(component["valueQuantity"] as? [String: Any], path: "component") }
                } else {
                    checkQuantity(observation["valueQuantity"] as? [String: Any], path: "valueQuantity")
                }
            }
            url = (bundle["link"] as? [[String: Any]])?.first { $0["relation"] as? String == "next" }?["url"] as? String
        }
        #expect(seen == sim.centre.observationCount)
        #expect(seen > 100)
    }

    @Test func aBadSearchIsAnsweredWithAnOperationOutcome() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 5))
        defer { sim.stop() }
        let client = CurlHTTPClient()
        let response = try await offPool { try client.send(HTTPRequest(url: "\(sim.baseURL)/Observation?_lastUpdated=yesterday")) }
        #expect(response.status == 400)
        let outcome = try JSONDecoder().decode(FHIROperationOutcome.self, from: response.body)
        #expect(outcome.issue.first?.diagnostics?.contains("_lastUpdated") == true)
    }
}

/// The simulator compresses like a production server, and the client takes it in its stride.
@Suite struct GzipTests {
    @Test func pagesComeGzippedWhenAcceptedAndDecodeAsUsual() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 10))
        defer { sim.stop() }
        // Off the cooperative pool: the simulator in this process must be free to answer.
        let response = try await offPool { try CurlHTTPClient().send(HTTPRequest(url: "\(sim.baseURL)/Observation?_count=50")) }
        #expect(response.headers["content-encoding"] == "gzip")
        let page = try JSONDecoder().decode(ReceivedPage<FHIRObservation>.self, from: response.body)
        #expect(page.entries.count == 50)
    }
}
