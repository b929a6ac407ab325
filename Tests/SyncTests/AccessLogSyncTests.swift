import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeSim
import VardeStore
import VardeSync

/// Every opened patient reaches the server as exactly one AuditEvent, whatever happens on the way.
@Suite(.serialized)
struct AccessLogSyncTests {
    func workstation(_ sim: RunningSim, nurse: String) -> (CacheDatabase, SyncEngine) {
        let cache = try! CacheDatabase()
        let engine = SyncEngine(client: FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient(),
                                                   retry: RetryPolicy(attempts: 2, baseDelay: 0.01, maxDelay: 0.02)),
                                cache: cache, nurse: nurse, clock: { fixedStart })
        return (cache, engine)
    }

    @Test func openingAPatientCreatesExactlyOneAuditEventOnTheServer() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 40))
        defer { sim.stop() }
        let (cache, sync) = workstation(sim, nurse: "kari")
        _ = try await offPool { try sync.syncOnce() }
        let patientID = try #require(try cache.queue().first?.patientID)
        _ = try cache.openPatient(patientID, for: Viewer(operatorID: "kari"), what: .trends, workstation: "ws-7",
                                  at: fixedStart, since: .distantPast)
        let pass = try await offPool { try sync.syncOnce() }
        #expect(pass.delivered == 1)
        _ = try await offPool { try sync.syncOnce() }
        let events = sim.server.auditEvents.all(patientID: patientID)
        #expect(events.count == 1)
        let access = try #require(events.first.flatMap(AuditEventMapping.access(from:)))
        #expect(access.operatorID == "kari" && access.workstation == "ws-7" && access.what == .trends && access.at == fixedStart)
        #expect(try cache.undeliveredAccesses().isEmpty)
    }

    @Test func aDeliveryWhoseAnswerWasLostIsNotDuplicated() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 40))
        defer { sim.stop() }
        let (cache, sync) = workstation(sim, nurse: "kari")
        _ = try await offPool { try sync.syncOnce() }
        let patientID = try #require(try cache.queue().first?.patientID)
        _ = try cache.openPatient(patientID, for: Viewer(operatorID: "kari"), what: .plan, workstation: "ws", at: fixedStart,
                                  since: .distantPast)
        // The AuditEvent reaches the server but the answer never comes back (as if killed first).
        let access = try #require(try cache.undeliveredAccesses().first)
        let client = FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient())
        let body = try JSONEncoder().encode(AuditEventMapping.resource(from: access))
        let first = try await offPool { try client.conditionalCreate("AuditEvent", body: body, ifNoneExist: AuditEventMapping.ifNoneExist(access)).status }
        #expect(first == 201)
        _ = try await offPool { try sync.syncOnce() }
        #expect(sim.server.auditEvents.all(patientID: patientID).count == 1)
        #expect(try cache.undeliveredAccesses().isEmpty)
    }

    @Test func accessesMadeWhileTheServerIsDownAreDeliveredOnceWhenItReturns() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 40))
        defer { sim.stop() }
        let (cache, sync) = workstation(sim, nurse: "kari")
        _ = try await offPool { try sync.syncOnce() }
        let ids = try cache.queue().prefix(3).map(\.patientID)
        sim.server.faults.faults = SimFaults(failRate: 1)
        for id in ids {
            _ = try cache.openPatient(id, for: Viewer(operatorID: "kari"), what: .trends, workstation: "ws", at: fixedStart,
                                      since: .distantPast)
        }
        #expect((try? await offPool { try sync.syncOnce() }) == nil)
        #expect(try cache.undeliveredAccesses().count == 3)
        sim.server.faults.faults = SimFaults()
        _ = try await offPool { try sync.syncOnce() }
        #expect(sim.server.auditEvents.all().count == 3)
        #expect(Set(sim.server.auditEvents.all().compactMap(AuditEventMapping.patientID(of:))) == Set(ids))
    }
}
