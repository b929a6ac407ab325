import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeSim
import VardeStore
import VardeSync

/// With each fault mode on, sync keeps going; once the faults stop, the cache holds exactly the
/// server's data: nothing duplicated, nothing lost, the unusable resources quarantined.
@Suite(.serialized)
struct FaultConvergenceTests {
    static let faults: [(String, SimFaults)] = [
        ("503 with Retry-After", SimFaults(failRate: 0.3)),
        ("slow server", SimFaults(latencyMs: 40)),
        ("broken JSON pages", SimFaults(malformedRate: 0.3)),
        ("connections cut halfway", SimFaults(dropRate: 0.3)),
        ("invalid resources", SimFaults(invalidResourceRate: 0.05)),
        ("everything at once", SimFaults(failRate: 0.2, latencyMs: 10, malformedRate: 0.2, dropRate: 0.2,
                                         invalidResourceRate: 0.03)),
    ]

    @Test(arguments: faults.map(\.0))
    func theCacheConvergesToTheServersDataOnceFaultsStop(fault: String) async throws {
        let faults = try #require(Self.faults.first { $0.0 == fault }?.1)
        let sim = try await RunningSim(frozenCentre(patients: 30, faults: faults))
        defer { sim.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("varde-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cache = try CacheDatabase(path: folder.appendingPathComponent("cache.sqlite").path)
        let engine = SyncEngine(
            client: FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient(settings: HTTPSettings(totalTimeout: 10)),
                               retry: RetryPolicy(attempts: 3, baseDelay: 0.01, maxDelay: 0.05)),
            cache: cache, pageSize: 40, clock: { fixedStart })

        // Under faults: passes may fail, but each keeps what it stored and the next goes on from there.
        for _ in 0..<4 { _ = try? await offPool { try engine.syncOnce() } }
        let keptUnderFaults = try cache.counts().measurements

        var healthy = faults
        healthy.failRate = 0
        healthy.latencyMs = 0
        healthy.malformedRate = 0
        healthy.dropRate = 0
        sim.server.faults.faults = healthy
        _ = try await offPool { try engine.syncOnce() }

        let served = sim.centre.allObservations()
        let invalid = served.filter { sim.server.faults.isInvalid($0.id) }
        let valid = served.filter { !sim.server.faults.isInvalid($0.id) }
        #expect(try cache.counts().measurements == valid.count)
        #expect(try cache.counts().measurements >= keptUnderFaults)
        #expect(try cache.measurementChecksum() == MeasurementChecksum.of(valid))
        #expect(try cache.quarantineCount() == invalid.count)
        #expect(try cache.counts().patients == 30)
        if faults.invalidResourceRate > 0 {
            #expect(!invalid.isEmpty)
            #expect(try cache.quarantined().allSatisfy { $0.reason.contains("Patient") && $0.resourceType == "Observation" })
        }
    }

    @Test func aServerThatKeepsFailingGivesItsOwnExplanationAfterTheRetries() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 5, faults: SimFaults(failRate: 1)))
        defer { sim.stop() }
        let client = FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient(),
                                retry: RetryPolicy(attempts: 3, baseDelay: 0.01, maxDelay: 0.05))
        let url = client.searchURL("Patient", [("_count", "10")])
        var failure: ServiceError?
        do { _ = try await offPool { try client.page(url, of: FHIRPatient.self) } } catch let error as ServiceError { failure = error }
        guard case .http(let status, _, let message, _)? = failure else { Issue.record("expected an HTTP error"); return }
        #expect(status == 503)
        #expect(message == "simulated outage")
    }

    @Test func correctedMeasurementsArriveAsEnteredInErrorAndWithdrawTheirAlerts() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 120, historyDays: 3))
        defer { sim.stop() }
        let cache = try CacheDatabase()
        let engine = SyncEngine(client: FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient()), cache: cache,
                                pageSize: 500, clock: { fixedStart })
        _ = try await offPool { try engine.syncOnce() }
        let corrected = sim.centre.allObservations().filter { $0.status == .enteredInError }
        #expect(!corrected.isEmpty)
        let queue = try cache.queue()
        #expect(!queue.contains { $0.trigger?.status == .enteredInError })
    }
}
