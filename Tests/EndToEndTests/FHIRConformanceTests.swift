import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeSim

/// The simulator read by FHIR client libraries it was not written against (Tests/Conformance): fhirpy
/// reads every served type by id and searches with every declared parameter; fhir.resources validates
/// every resource as FHIR R4 4.0.1. The first run makes the libraries' virtual environment (PyPI).
@Suite struct FHIRConformanceTests {
    @Test func aRealFHIRClientReadsAndSearchesEverythingTheSimulatorDeclares() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 40, municipalities: 12))
        defer { sim.stop() }
        // A block, so that Consent is served too.
        let patient = try #require(sim.centre.allPatients.first)
        sim.server.blocks.set(PatientBlock(id: "consent-conformance-1", patientID: patient.id, operatorID: "kari"))
        // A journal note as Varde's sync delivers it, so that DocumentReference is served (and validated) too.
        let note = JournalNote(patientID: patient.id, alertKey: "\(patient.id)--conformance", author: "kari", written: fixedStart,
                               text: "Journalnotat – digital hjemmeoppfølging\nRinget pasienten. Ny måling 94 %.")
        let body = try JSONEncoder().encode(DocumentReferenceMapping.resource(from: note))
        let created = try await offPool {
            try CurlHTTPClient().send(HTTPRequest(method: "POST", url: "\(sim.baseURL)/DocumentReference",
                                                  headers: [("Content-Type", "application/fhir+json")], body: body))
        }
        #expect(created.status == 201)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Conformance/run").path
        let url = sim.baseURL
        let result = try await offPool { try runCommand(script, [url]) }
        #expect(result.status == 0, "the conformance run failed:\n\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains(" checks, 0 failed"), "\(result.stdout)")
        #expect(!result.stdout.contains("note Consent"), "Consent was not served: \(result.stdout)")
        #expect(!result.stdout.contains("note DocumentReference"), "DocumentReference was not served: \(result.stdout)")
        #expect(!result.stdout.contains("note Practitioner"), "Practitioner was not served: \(result.stdout)")
    }
}
