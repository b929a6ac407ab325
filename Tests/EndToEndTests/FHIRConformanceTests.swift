import Foundation
import Testing
import TestSupport
import VardeDomain
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
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Conformance/run").path
        let url = sim.baseURL
        let result = try await offPool { try runCommand(script, [url]) }
        #expect(result.status == 0, "the conformance run failed:\n\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains(" checks, 0 failed"), "\(result.stdout)")
        #expect(!result.stdout.contains("note Consent"), "Consent was not served: \(result.stdout)")
    }
}
