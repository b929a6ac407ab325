import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeSim

/// Blocks as Consent and accesses as AuditEvent: valid FHIR R4 from the simulator, and a round trip
/// through the mapping that keeps who, which patient, what, when and where.
@Suite(.serialized)
struct PrivacyResourceTests {
    @Test func anAccessSurvivesTheRoundTripThroughAnAuditEvent() throws {
        let access = AccessRecord(at: fixedStart, operatorID: "kari", patientID: "pas-00003", what: .history, workstation: "ws-2")
        let json = try JSONEncoder().encode(AuditEventMapping.resource(from: access))
        let back = try #require(AuditEventMapping.access(from: try JSONDecoder().decode(FHIRAuditEvent.self, from: json)))
        #expect(back == access)
        #expect(AuditEventMapping.ifNoneExist(access) == "identifier=\(AuditEventMapping.accessSystem)|\(access.identifier)")
    }

    @Test(arguments: [true, false])
    func aBlockSurvivesTheRoundTripThroughAConsent(active: Bool) throws {
        let block = PatientBlock(id: "consent-9", patientID: "pas-00009", operatorID: "ola", active: active)
        let consent = ConsentMapping.resource(from: block, lastUpdated: fixedStart)
        #expect(consent.provision?.type == "deny")
        #expect(try ConsentMapping.blocks(from: consent) == [block])
        var permit = consent
        permit.provision?.type = "permit"
        #expect(try ConsentMapping.blocks(from: permit).isEmpty)
    }

    @Test func theSimulatorServesConsentsAndKeepsAuditEventsOnceAsValidFHIR() async throws {
        var config = frozenCentre(patients: 10)
        config.blocks = [PatientBlock(id: "block-1", patientID: "pas-00002", operatorID: "kari")]
        let sim = try await RunningSim(config)
        defer { sim.stop() }
        let client = CurlHTTPClient()
        let consents = try await offPool { try client.send(HTTPRequest(url: "\(sim.baseURL)/Consent?_count=10")) }
        #expect(consents.status == 200)
        let bundle = try #require(try JSONSerialization.jsonObject(with: consents.body) as? [String: Any])
        let entries = bundle["entry"] as? [[String: Any]] ?? []
        #expect(entries.count == 1)
        let consent = try #require(entries.first?["resource"] as? [String: Any])
        #expect(consent["resourceType"] as? String == "Consent" && consent["status"] as? String == "active")
        #expect((consent["patient"] as? [String: Any])?["reference"] as? String == "Patient/pas-00002")
        #expect(consent["policyRule"] != nil && consent["scope"] != nil && consent["category"] != nil)

        let access = AccessRecord(at: fixedStart, operatorID: "kari", patientID: "pas-00001", what: .trends, workstation: "ws")
        let fhir = FHIRClient(baseURL: sim.baseURL, http: client)
        let body = try JSONEncoder().encode(AuditEventMapping.resource(from: access))
        let statuses = try await offPool {
            try (0..<3).map { _ in try fhir.conditionalCreate("AuditEvent", body: body, ifNoneExist: AuditEventMapping.ifNoneExist(access)).status }
        }
        #expect(statuses == [201, 200, 200])
        let listed = try await offPool { try client.send(HTTPRequest(url: "\(sim.baseURL)/AuditEvent?patient=pas-00001")) }
        let events = try #require(try JSONSerialization.jsonObject(with: listed.body) as? [String: Any])
        #expect(events["total"] as? Int == 1)
        let event = try #require((events["entry"] as? [[String: Any]])?.first?["resource"] as? [String: Any])
        for key in ["type", "recorded", "agent", "source", "entity"] { #expect(event[key] != nil, "AuditEvent.\(key) is required") }
    }
}
