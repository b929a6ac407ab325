import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeSim
import VardeStore
import VardeSync

/// Sync over real HTTP (libcurl → Hummingbird on loopback) into a real SQLite cache.
@Suite(.serialized)
struct SyncAgainstSimulatorTests {
    /// Quick retries so fault tests stay fast; the policy itself is the production one.
    static let quickRetries = RetryPolicy(attempts: 4, baseDelay: 0.01, maxDelay: 0.05)

    func engine(_ url: String, _ cache: CacheDatabase, pageSize: Int = 100, retry: RetryPolicy = quickRetries) -> SyncEngine {
        SyncEngine(client: FHIRClient(baseURL: url, http: CurlHTTPClient(settings: HTTPSettings(totalTimeout: 10)),
                                      retry: retry),
                   cache: cache, pageSize: pageSize, clock: { fixedStart })
    }

    func temporaryCache() throws -> CacheDatabase {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("varde-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try CacheDatabase(path: folder.appendingPathComponent("cache.sqlite").path)
    }

    @Test func theCacheConvergesToExactlyTheServersDataAndResyncFetchesNothingNew() async throws {
        let sim = try await RunningSim(frozenCentre(colleagues: 3))
        defer { sim.stop() }
        let cache = try temporaryCache()
        let sync = engine(sim.baseURL, cache)
        let first = try await offPool { try sync.syncOnce() }
        let server = sim.centre.allObservations()
        #expect(first.quarantined == 0)
        // The colleagues' Tasks come too (they worked on Friday afternoon of this frozen weekend).
        #expect(first.fetched == server.count + 40 + sim.centre.allPlans.count + sim.server.communications.count
                + sim.server.sharedTasks.count)
        #expect(first.messagesFromPatients == sim.server.communications.count)
        #expect(first.pages > 2)
        let counts = try cache.counts()
        #expect(counts.patients == 40)
        #expect(counts.measurements == server.count)
        #expect(counts.municipalities == 12)
        #expect(try cache.measurementChecksum() == MeasurementChecksum.of(server))
        #expect(counts.openAlerts > 0)

        // Plans arrived before the measurements, so alerts say which limits judged them.
        let plans = sim.centre.allPlans
        #expect(!plans.isEmpty)
        for plan in plans.prefix(5) { #expect(try cache.plan(patientID: plan.patientID)?.limits == plan.limits) }
        #expect(try cache.queue().contains { $0.basis == .plan })

        // The searches overlap the last one by the cursor's own instant (`ge`), so the newest resource of each
        // type comes again; it changes nothing.
        let second = try await offPool { try sync.syncOnce() }
        #expect(second.fetched <= 5)
        #expect(second.alertsOpened == 0 && second.alertsEscalated == 0 && second.alertsWithdrawn == 0)
        #expect(try cache.counts() == counts)
        #expect(try cache.syncState()?.connection == .online)
    }

    @Test func newMeasurementsArriveIncrementally() async throws {
        var config = frozenCentre(patients: 20)
        config.frozen = false
        config.start = Date()
        config.speed = 20_000 // a simulated half day passes every two seconds
        let sim = try await RunningSim(config)
        defer { sim.stop() }
        let cache = try temporaryCache()
        let sync = engine(sim.baseURL, cache)
        let first = try await offPool { try sync.syncOnce() }
        try await Task.sleep(nanoseconds: 2_000_000_000)
        let second = try await offPool { try sync.syncOnce() }
        #expect(second.fetched > 0)
        #expect(first.fetched > 0)
        // Nothing fetched twice, nothing missed: the cache holds exactly the server's measurements.
        #expect(try cache.counts().measurements == sim.centre.allObservations().count)
        #expect(try cache.measurementChecksum() == MeasurementChecksum.of(sim.centre.allObservations()))
    }

    @Test func aMalformedPageStopsTheSyncWithAClearErrorAndLosesNothing() async throws {
        let sim = try await RunningSim(frozenCentre())
        defer { sim.stop() }
        let cache = try temporaryCache()
        let sync = engine(sim.baseURL, cache, pageSize: 50)
        sim.server.faults.faults = SimFaults(malformedRate: 1)
        var failure: (any Error)?
        do { _ = try await offPool { try sync.syncOnce() } } catch { failure = error }
        let error = try #require(failure as? ServiceError)
        guard case .malformed = error else { Issue.record("expected malformed, got \(error)"); return }
        #expect("\(error)".contains("malformed FHIR JSON"))
        #expect(!"\(error)".contains("\n"))
        let kept = try cache.counts()
        #expect(try cache.syncState()?.connection != .online)

        // Once the server behaves again the same cache converges, keeping what it had.
        sim.server.faults.faults = SimFaults()
        _ = try await offPool { try sync.syncOnce() }
        #expect(try cache.counts().measurements >= kept.measurements)
        #expect(try cache.measurementChecksum() == MeasurementChecksum.of(sim.centre.allObservations()))
    }

    @Test func aServerThatIsNotRunningGivesAClearErrorAndKeepsTheCache() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 10))
        let cache = try temporaryCache()
        _ = try await offPool { try engine(sim.baseURL, cache).syncOnce() }
        let before = try cache.counts()
        let checksum = try cache.measurementChecksum()
        sim.stop()
        try await Task.sleep(nanoseconds: 300_000_000)
        var failure: (any Error)?
        do { _ = try await offPool { try engine(sim.baseURL, cache).syncOnce() } } catch { failure = error }
        let error = try #require(failure as? ServiceError)
        guard case .unreachable = error else { Issue.record("expected unreachable, got \(error)"); return }
        #expect("\(error)".contains("cannot reach"))
        #expect(try cache.counts() == before)
        #expect(try cache.measurementChecksum() == checksum)
    }
}
