import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeSim

/// The simulator as a FHIR server any client can use: read by id for every type, search parameters
/// that narrow as FHIR says, unsupported parameters refused, and a CapabilityStatement that says so.
@Suite(.serialized)
struct SimulatorSearchTests {
    func send(_ url: String, method: String = "GET", headers: [(String, String)] = [], body: Data? = nil) async throws -> HTTPResponse {
        let client = CurlHTTPClient()
        return try await offPool { try client.send(HTTPRequest(method: method, url: url, headers: headers, body: body)) }
    }

    func json(_ url: String) async throws -> [String: Any] {
        let response = try await send(url)
        #expect(response.status == 200, "\(url)")
        return try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
    }

    /// Every resource of a search, following `next` links.
    func all(_ url: String) async throws -> [[String: Any]] {
        var resources: [[String: Any]] = []
        var next: String? = url
        var pages = 0
        while let url = next, pages < 200 {
            let bundle = try await json(url)
            resources += (bundle["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
            next = (bundle["link"] as? [[String: Any]])?.first { $0["relation"] as? String == "next" }?["url"] as? String
            pages += 1
        }
        return resources
    }

    func expectNotFound(_ url: String) async throws {
        let response = try await send(url)
        #expect(response.status == 404, "\(url)")
        let outcome = try JSONDecoder().decode(FHIROperationOutcome.self, from: response.body)
        #expect(outcome.issue.first?.code == "not-found")
    }

    @Test func everyTypeIsReadByIdAndAnUnknownIdIs404() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 20))
        defer { sim.stop() }
        let base = sim.baseURL
        let patient = try #require(sim.centre.allPatients.first)
        let read = try await json("\(base)/Patient/\(patient.id)")
        #expect(read["resourceType"] as? String == "Patient" && read["id"] as? String == patient.id)

        let observation = try #require(sim.centre.allObservations().last { !sim.centre.isPMDOnly($0) })
        let readObservation = try await json("\(base)/Observation/\(observation.id)")
        #expect(readObservation["id"] as? String == observation.id)
        #expect((readObservation["subject"] as? [String: Any])?["reference"] as? String == "Patient/\(observation.patientID)")

        let plan = try #require(sim.centre.allPlans.first)
        #expect(try await json("\(base)/CarePlan/\(plan.id)")["id"] as? String == plan.id)

        let message = try #require(sim.server.communications.first?.id)
        #expect(try await json("\(base)/Communication/\(message)")["id"] as? String == message)

        sim.server.blocks.set(PatientBlock(id: "consent-1", patientID: patient.id, operatorID: "kari"))
        #expect(try await json("\(base)/Consent/consent-1")["resourceType"] as? String == "Consent")

        let task = #"{"resourceType":"Task","status":"requested","intent":"order"}"#
        let put = try await send("\(base)/Task/t-1", method: "PUT", headers: [("If-None-Match", "*"), ("Content-Type", "application/fhir+json")],
                                 body: Data(task.utf8))
        #expect(put.status == 201)
        #expect(try await json("\(base)/Task/t-1")["id"] as? String == "t-1")

        let access = AccessRecord(at: fixedStart, operatorID: "kari", patientID: patient.id, what: .history, workstation: "ws-2")
        let posted = try await send("\(base)/AuditEvent", method: "POST", headers: [("Content-Type", "application/fhir+json")],
                                    body: try JSONEncoder().encode(AuditEventMapping.resource(from: access)))
        #expect(posted.status == 201)
        let auditID = try #require(sim.server.auditEvents.all().first?.id)
        #expect(try await json("\(base)/AuditEvent/\(auditID)")["resourceType"] as? String == "AuditEvent")

        for type in ["Patient", "Observation", "CarePlan", "Communication", "Consent", "Task", "AuditEvent"] {
            try await expectNotFound("\(base)/\(type)/no-such-id")
        }
    }

    @Test func observationSearchesNarrowByPatientCodeDateAndId() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 20))
        defer { sim.stop() }
        let base = sim.baseURL
        let served = sim.centre.allObservations().filter { !sim.centre.isPMDOnly($0) }
        let patientID = try #require(served.first?.patientID)
        let expected = Set(served.filter { $0.patientID == patientID }.map(\.id))

        for parameter in ["patient=Patient/\(patientID)", "patient=\(patientID)", "subject=Patient/\(patientID)"] {
            let found = try await all("\(base)/Observation?\(parameter)&_count=7")
            #expect(Set(found.compactMap { $0["id"] as? String }) == expected, "\(parameter)")
            #expect(found.count == expected.count)
        }

        let cut = fixedStart.addingTimeInterval(-86_400)
        let since = served.filter { $0.effective >= cut }
        let found = try await all("\(base)/Observation?date=ge\(FHIRDateTime.format(cut))&_count=50")
        #expect(Set(found.compactMap { $0["id"] as? String }) == Set(since.map(\.id)))
        #expect(!since.isEmpty && since.count < served.count)
        let before = try await all("\(base)/Observation?date=lt\(FHIRDateTime.format(cut))&_count=500")
        #expect(before.count == served.count - since.count)

        let kind = try #require(served.first?.kind)
        let coding = try #require(kind.codes.first)
        let ofKind = Set(served.filter { $0.kind == kind }.map(\.id))
        let bySystemAndCode = try await all("\(base)/Observation?code=\(coding.system)%7C\(coding.code)&_count=500")
        #expect(Set(bySystemAndCode.compactMap { $0["id"] as? String }) == ofKind)
        let byCode = try await all("\(base)/Observation?code=\(coding.code)&_count=500")
        #expect(byCode.count == ofKind.count)

        let one = try #require(served.last)
        let byID = try await all("\(base)/Observation?_id=\(one.id)")
        #expect(byID.compactMap { $0["id"] as? String } == [one.id])

        // Combined, and the `next` links keep every parameter.
        let combined = try await all("\(base)/Observation?patient=\(patientID)&code=\(coding.code)&_count=1")
        #expect(Set(combined.compactMap { $0["id"] as? String }) == expected.intersection(ofKind))
    }

    @Test func patientAndCarePlanSearchesNarrow() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 20))
        defer { sim.stop() }
        let base = sim.baseURL
        let patient = try #require(sim.centre.allPatients.dropFirst(3).first)
        let byID = try await all("\(base)/Patient?_id=\(patient.id)")
        #expect(byID.compactMap { $0["id"] as? String } == [patient.id])
        let byIdentifier = try await all("\(base)/Patient?identifier=\(NationalIdentityNumber.system)%7C\(patient.nationalID)")
        #expect(byIdentifier.compactMap { $0["id"] as? String } == [patient.id])
        let byValue = try await all("\(base)/Patient?identifier=\(patient.nationalID)")
        #expect(byValue.compactMap { $0["id"] as? String } == [patient.id])
        #expect(try await all("\(base)/Patient?identifier=other%7C\(patient.nationalID)").isEmpty)

        let plan = try #require(sim.centre.allPlans.first)
        let plans = try await all("\(base)/CarePlan?patient=Patient/\(plan.patientID)")
        #expect(plans.compactMap { $0["id"] as? String } == [plan.id])
        #expect(try await all("\(base)/CarePlan?status=active&_count=3").count == sim.centre.allPlans.count)
        #expect(try await all("\(base)/CarePlan?status=draft").isEmpty)
        #expect(try await all("\(base)/CarePlan?_id=\(plan.id)").count == 1)
    }

    @Test func anUnsupportedParameterIsRefusedNamingIt() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 5))
        defer { sim.stop() }
        for url in ["Observation?value-quantity=gt100", "Patient?name=Kari", "CarePlan?category=x&_count=5", "Task?owner=kari",
                    "Consent?patient=p1", "Communication?recipient=x", "AuditEvent?agent=kari", "Observation?date=ap2026-11-22"] {
            let response = try await send("\(sim.baseURL)/\(url)")
            #expect(response.status == 400, "\(url)")
            let outcome = try JSONDecoder().decode(FHIROperationOutcome.self, from: response.body)
            #expect(outcome.resourceType == "OperationOutcome")
            let name = String(url.split(separator: "?")[1].split(separator: "=")[0])
            #expect(outcome.issue.first?.diagnostics?.contains(name == "date" ? "prefix" : name) == true, "\(url)")
        }
    }

    @Test func theCapabilityStatementDeclaresWhatIsSupported() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 5))
        defer { sim.stop() }
        let metadata = try await json("\(sim.baseURL)/metadata")
        let resources = ((metadata["rest"] as? [[String: Any]])?.first?["resource"] as? [[String: Any]]) ?? []
        func declared(_ type: String) -> (interactions: Set<String>, parameters: Set<String>) {
            let resource = resources.first { $0["type"] as? String == type } ?? [:]
            return (Set((resource["interaction"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }),
                    Set((resource["searchParam"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }))
        }
        let common: Set<String> = ["_lastUpdated", "_count", "_sort"]
        #expect(declared("Patient").parameters == common.union(["_id", "identifier", "municipality"]))
        #expect(declared("Observation").parameters == common.union(["_id", "patient", "subject", "code", "date", "municipality"]))
        #expect(declared("CarePlan").parameters == common.union(["_id", "patient", "subject", "status", "municipality"]))
        for type in ["Patient", "Observation", "CarePlan", "Task", "Communication", "Consent", "AuditEvent"] {
            #expect(declared(type).interactions.isSuperset(of: ["read", "search-type"]), "\(type)")
        }
        #expect(declared("AuditEvent").interactions.contains("create"))
        #expect(declared("Task").interactions.contains("update"))
    }
}
