import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeSim
import VardeStore
import VardeSync

/// A PMD-style second source: per-patient POST searches, subjects by fødselsnummer, municipality in
/// meta.tag; measurements shared with the follow-up service are stored once.
@Suite(.serialized)
struct PMDSourceTests {
    @Test func everyRosteredPatientsMeasurementsArriveOnceWithTheRightPatientAndMunicipality() async throws {
        var config = frozenCentre(patients: 25)
        config.pmdOnlyShare = 0.2
        let sim = try await RunningSim(config)
        defer { sim.stop() }
        let cache = try CacheDatabase()
        let pmd = MeasurementSourceSync(client: FHIRClient(baseURL: "\(sim.baseURL)/pmd", http: CurlHTTPClient()),
                                        cache: cache, clock: { fixedStart })
        let engine = SyncEngine(client: FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient()), cache: cache,
                                measurementSource: pmd, clock: { fixedStart })
        let summary = try await offPool { try engine.syncOnce() }

        let everything = sim.centre.allObservations()
        let pmdOnly = everything.filter { sim.centre.isPMDOnly($0) }
        let shared = everything.filter { sim.centre.isInPMD($0) && !sim.centre.isPMDOnly($0) }
        #expect(!pmdOnly.isEmpty && !shared.isEmpty)
        #expect(summary.duplicates == shared.count, "shared measurements are recognised, not stored twice")
        #expect(try cache.counts().measurements == everything.count)

        // Each PMD-only measurement sits with the patient whose fødselsnummer it named.
        let patients = Dictionary(uniqueKeysWithValues: sim.centre.allPatients.map { ($0.id, $0) })
        let stored = try cache.allMeasurements()
        let byIdentifier = Dictionary(uniqueKeysWithValues: stored.compactMap { m in m.sourceIdentifier.map { ($0, m) } })
        for m in pmdOnly {
            let cached = try #require(byIdentifier[m.sourceIdentifier ?? ""])
            #expect(cached.id == "pmd-\(m.id)")
            #expect(cached.patientID == m.patientID)
            #expect(cached.value == m.value && cached.effective == m.effective)
        }
        let roster = try cache.roster()
        #expect(roster.count == 25)
        for entry in roster { #expect(entry.municipalityNumber == patients[entry.patientID]?.municipalityNumber) }

        // A second pass finds nothing new and stores nothing twice.
        let again = try await offPool { try engine.syncOnce() }
        #expect(try cache.counts().measurements == everything.count)
        #expect(again.alertsOpened == 0 && again.alertsEscalated == 0)
    }

    @Test func aPatientKnownOnlyByTheTagGetsTheirMunicipalityFromPMD() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 3))
        defer { sim.stop() }
        let cache = try CacheDatabase()
        let source = sim.centre.allPatients[0]
        var unplaced = source
        unplaced.municipalityNumber = ""
        try cache.storePatients([unplaced], municipalities: [], cursor: nil)
        let pmd = MeasurementSourceSync(client: FHIRClient(baseURL: "\(sim.baseURL)/pmd", http: CurlHTTPClient()),
                                        cache: cache, clock: { fixedStart })
        let summary = try await offPool { var s = SyncSummary(); try pmd.syncOnce(into: &s); return s }
        #expect(summary.fetched > 0)
        #expect(try cache.roster().first?.municipalityNumber == source.municipalityNumber)
    }

    @Test func getSearchIsRefusedAsPMDDoes() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 2))
        defer { sim.stop() }
        let client = CurlHTTPClient()
        let response = try await offPool { try client.send(HTTPRequest(url: "\(sim.baseURL)/pmd/Observation")) }
        #expect(response.status == 405)
    }
}
