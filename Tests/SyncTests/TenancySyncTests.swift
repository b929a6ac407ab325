import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeSim
import VardeStore
import VardeSync

/// An operator authorised for two municipalities: the sync asks only for those, and only those are stored.
@Suite(.serialized)
struct TenancySyncTests {
    @Test func anOperatorLimitedToTwoMunicipalitiesFetchesAndSeesOnlyThose() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 60, municipalities: 8))
        defer { sim.stop() }
        let allowed: Set<String> = Set(MunicipalityCatalogue.all.prefix(2).map(\.number))
        let cache = try CacheDatabase()
        let sync = SyncEngine(client: FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient()), cache: cache, pageSize: 25,
                              nurse: "ola", municipalities: allowed, clock: { fixedStart })
        let summary = try await offPool { try sync.syncOnce() }
        let theirs = sim.centre.allPatients.filter { allowed.contains($0.municipalityNumber) }
        let theirIDs = Set(theirs.map(\.id))
        let theirObservations = sim.centre.allObservations().filter { theirIDs.contains($0.patientID) }
        #expect(theirs.count >= 2 && theirs.count < 60)
        // Not fetched: the server was asked for the two municipalities only.
        let theirMessages = sim.server.communications.filter { message in
            theirIDs.contains(message.subject?.reference.map { String($0.dropFirst("Patient/".count)) } ?? "")
        }
        let theirTasks = sim.server.sharedTasks.filter { theirIDs.contains($0.for?.reference.map { String($0.dropFirst("Patient/".count)) } ?? "") }
        #expect(summary.fetched == theirs.count + theirObservations.count + theirMessages.count
                + sim.centre.allPlans.filter { theirIDs.contains($0.patientID) }.count + theirTasks.count)
        let counts = try cache.counts()
        #expect(counts.patients == theirs.count)
        #expect(counts.measurements == theirObservations.count)
        // Not shown: even an unrestricted read of this cache holds nothing else.
        let queue = try cache.queue(for: Viewer(operatorID: "ola", municipalities: allowed))
        #expect(!queue.isEmpty)
        #expect(Set(try cache.queue().map(\.municipality.number)).isSubset(of: allowed))
    }
}
