import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeSim
import VardeStore
import VardeSync

/// Two nurses, two workstations, one simulator: claims go through the shared Task with
/// If-Match / If-None-Match, so exactly one wins and the other is told who has the alert.
@Suite(.serialized)
struct SharedHandlingTests {
    func workstation(_ sim: RunningSim, nurse: String) throws -> (CacheDatabase, SyncEngine) {
        let cache = try CacheDatabase()
        let engine = SyncEngine(client: FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient(),
                                                   retry: RetryPolicy(attempts: 2, baseDelay: 0.01, maxDelay: 0.02)),
                                cache: cache, nurse: nurse, clock: { fixedStart })
        return (cache, engine)
    }

    @Test func twoNursesClaimTheSameAlertExactlyOneWinsAndItIsResolvedOnce() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 40))
        defer { sim.stop() }
        let (kari, kariSync) = try workstation(sim, nurse: "Kari")
        let (ola, olaSync) = try workstation(sim, nurse: "Ola")
        _ = try await offPool { try kariSync.syncOnce() }
        _ = try await offPool { try olaSync.syncOnce() }
        let first = try #require(try kari.queue().first)
        let olasCopy = try #require(try ola.queue().first { $0.patientID == first.patientID })

        // Both claim before either has synced: both succeed locally...
        guard case .success = try kari.handle(alertID: first.alertID, .claim, by: "Kari", at: fixedStart),
              case .success = try ola.handle(alertID: olasCopy.alertID, .claim, by: "Ola", at: fixedStart)
        else { Issue.record("a local claim was refused"); return }
        // ...then the server decides: Kari's reaches it first.
        let kariPass = try await offPool { try kariSync.syncOnce() }
        let olaPass = try await offPool { try olaSync.syncOnce() }
        #expect(kariPass.delivered == 1)
        #expect(olaPass.conflicts == 1)
        #expect(try ola.alert(id: olasCopy.alertID)?.owner == "Kari")
        #expect(try ola.notices(after: 0).map(\.text) == ["taken:Kari"])
        #expect(try ola.outbox().isEmpty)

        // Ola can no longer take it locally; Kari resolves; Ola sees it resolved, once.
        #expect(try ola.handle(alertID: olasCopy.alertID, .claim, by: "Ola", at: fixedStart) == .failure(.claimedBy("Kari")))
        _ = try kari.handle(alertID: first.alertID, .resolve(.contactedPatient, note: "Ringte, ok etter ny måling"), by: "Kari", at: fixedStart)
        _ = try await offPool { try kariSync.syncOnce() }
        _ = try await offPool { try olaSync.syncOnce() }
        let resolved = try #require(try ola.alert(id: olasCopy.alertID))
        #expect(resolved.status == .resolved)
        #expect(resolved.outcome == .contactedPatient)
        #expect(resolved.note == "Ringte, ok etter ny måling")
        #expect(!(try ola.queue().contains { $0.alertID == olasCopy.alertID }))
        #expect(try ola.history(patientID: first.patientID).map(\.what).contains { $0.hasPrefix("resolved") })
    }

    @Test func aClaimMadeWhileTheServerIsDownIsDeliveredExactlyOnceWhenItReturns() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 40))
        defer { sim.stop() }
        let (kari, kariSync) = try workstation(sim, nurse: "Kari")
        _ = try await offPool { try kariSync.syncOnce() }
        let first = try #require(try kari.queue().first)
        sim.server.faults.faults = SimFaults(failRate: 1)
        _ = try kari.handle(alertID: first.alertID, .claim, by: "Kari", at: fixedStart)
        #expect((try? await offPool { try kariSync.syncOnce() }) == nil)
        #expect(try kari.outbox().count == 1)
        sim.server.faults.faults = SimFaults()
        let pass = try await offPool { try kariSync.syncOnce() }
        #expect(pass.delivered == 1)
        #expect(try kari.outbox().isEmpty)
        let client = FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient())
        let key = try #require(try kari.alert(id: first.alertID)?.key)
        let (task, version) = try await offPool { try client.read("Task/\(TaskMapping.taskID(key))", as: FHIRTask.self) }
        #expect(version == "1")
        #expect(task.owner?.display == "Kari")
        #expect(task.status == "in-progress")
    }

    @Test func aRepeatAfterAnUnseenSuccessIsRecognisedNotDuplicated() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 40))
        defer { sim.stop() }
        let (kari, kariSync) = try workstation(sim, nurse: "Kari")
        _ = try await offPool { try kariSync.syncOnce() }
        let first = try #require(try kari.queue().first)
        guard case .success(let claimed) = try kari.handle(alertID: first.alertID, .claim, by: "Kari", at: fixedStart) else { return }
        // The claim reaches the server, but the answer is lost (as if killed before recording it).
        let client = FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient())
        let body = try JSONEncoder().encode(TaskMapping.task(from: claimed))
        _ = try await offPool { try client.conditionalPut("Task/\(TaskMapping.taskID(claimed.key))", body: body, ifMatch: nil) }
        let pass = try await offPool { try kariSync.syncOnce() }
        #expect(pass.conflicts == 0)
        #expect(try kari.outbox().isEmpty)
        #expect(try kari.notices(after: 0).isEmpty)
        let (_, version) = try await offPool { try client.read("Task/\(TaskMapping.taskID(claimed.key))", as: FHIRTask.self) }
        #expect(version == "1")
    }
}
