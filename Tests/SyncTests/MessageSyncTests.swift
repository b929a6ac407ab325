import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeSim
import VardeStore
import VardeSync

/// Messages between the centre and patients over real HTTP: delivered once, in order, whatever the network does.
@Suite(.serialized)
struct MessageSyncTests {
    func engine(_ url: String, _ cache: CacheDatabase, attempts: Int = 3) -> SyncEngine {
        SyncEngine(client: FHIRClient(baseURL: url, http: CurlHTTPClient(settings: HTTPSettings(totalTimeout: 30)),
                                      retry: RetryPolicy(attempts: attempts, baseDelay: 0.01, maxDelay: 0.05)),
                   cache: cache, clock: { fixedStart })
    }

    func temporaryCache() throws -> CacheDatabase {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("varde-msg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try CacheDatabase(path: folder.appendingPathComponent("cache.sqlite").path)
    }

    func nurseMessages(_ sim: RunningSim) -> [FHIRCommunication] {
        sim.server.communications.filter { $0.sender?.reference?.hasPrefix("Patient/") != true }
    }

    @Test func aMessageReachesTheServerOnceAndThePatientReadsAndAnswersIt() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 20))
        defer { sim.stop() }
        let cache = try temporaryCache()
        let sync = engine(sim.baseURL, cache)
        _ = try await offPool { try sync.syncOnce() }
        let patient = try #require(sim.centre.allPatients.first)
        let sent = try cache.queueMessage(to: patient.id, text: "Hei! Kan du måle på nytt? 🙂", by: "kari", at: fixedStart)
        let summary = try await offPool { try sync.syncOnce() }
        #expect(summary.messagesSent == 1)
        #expect(nurseMessages(sim).count == 1)
        #expect(nurseMessages(sim).first?.payload?.first?.contentString == "Hei! Kan du måle på nytt? 🙂")
        // Sent, or already read if the patient was quicker than this pass.
        #expect([.sent, .read].contains(try cache.thread(of: patient.id).first { $0.id == sent.id }?.status))

        // The frozen centre's patient reads after about a second and answers after about three.
        try await Task.sleep(nanoseconds: 3_500_000_000)
        _ = try await offPool { try sync.syncOnce() }
        let thread = try cache.thread(of: patient.id)
        #expect(thread.first { $0.id == sent.id }?.status == .read)
        if FNV1a.fraction(sent.id) < 0.8 {
            #expect(thread.contains { $0.direction == .fromPatient && $0.inResponseTo == sent.id })
        }
        #expect(nurseMessages(sim).count == 1, "syncing again sends nothing again")
    }

    @Test func aRepeatAfterAnUnseenSuccessFindsTheFirstCopy() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 10))
        defer { sim.stop() }
        let cache = try temporaryCache()
        let sync = engine(sim.baseURL, cache)
        _ = try await offPool { try sync.syncOnce() }
        let patient = try #require(sim.centre.allPatients.first)
        let message = try cache.queueMessage(to: patient.id, text: "Ring oss", by: "kari", at: fixedStart)
        // The server stored it, but the answer never reached the workstation (killed, timed out).
        let body = try JSONEncoder().encode(CommunicationMapping.communication(from: message))
        _ = try sync.client.conditionalCreate("Communication", body: body,
                                              ifNoneExist: CommunicationMapping.identifierQuery(message.id))
        #expect(try cache.messageOutbox().count == 1)
        _ = try await offPool { try sync.syncOnce() }
        #expect(nurseMessages(sim).count == 1)
        #expect(try cache.messageOutbox().isEmpty)
        // Delivered: sent, or already read when the frozen centre's patient (about a second) was quicker than this pass.
        #expect([.sent, .read].contains(try cache.thread(of: patient.id).first { $0.id == message.id }?.status))
    }

    @Test func whileTheServerIsDownMessagesQueueAndLaterArriveInOrder() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 10))
        defer { sim.stop() }
        let cache = try temporaryCache()
        let sync = engine(sim.baseURL, cache, attempts: 2)
        _ = try await offPool { try sync.syncOnce() }
        let patient = try #require(sim.centre.allPatients.first)

        var down = sim.server.faults.faults
        down.failRate = 1
        sim.server.faults.faults = down
        var written: [String] = []
        for index in 1...5 {
            written.append(try cache.queueMessage(to: patient.id, text: "melding \(index)", by: "kari",
                                                  at: fixedStart.addingTimeInterval(Double(index))).id)
            await #expect(throws: (any Error).self) { try await offPool { try sync.syncOnce() } }
        }
        #expect(try cache.queuedMessageCount() == 5)
        #expect(try cache.syncState()?.connection != .online)
        #expect(nurseMessages(sim).isEmpty)

        down.failRate = 0
        sim.server.faults.faults = down
        let summary = try await offPool { try sync.syncOnce() }
        #expect(summary.messagesSent == 5)
        #expect(nurseMessages(sim).compactMap { $0.identifier?.first?.value } == written, "in the order they were written")
        #expect(try cache.queuedMessageCount() == 0)
        #expect(try cache.syncState()?.connection == .online)
    }

    @Test func aMessageTheServerRefusesIsFailedWithTheReasonAndTheRestStillGo() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 10))
        defer { sim.stop() }
        let cache = try temporaryCache()
        let sync = engine(sim.baseURL, cache)
        _ = try await offPool { try sync.syncOnce() }
        let patient = try #require(sim.centre.allPatients.first)
        // A message whose patient reference the server cannot accept (an empty id).
        let refused = try cache.queueMessage(to: "", text: "til ingen", by: "kari", at: fixedStart)
        let good = try cache.queueMessage(to: patient.id, text: "til pasienten", by: "kari", at: fixedStart.addingTimeInterval(1))
        let summary = try await offPool { try sync.syncOnce() }
        #expect(summary.messagesFailed == 1)
        #expect(summary.messagesSent == 1)
        let failed = try #require(try cache.thread(of: "").first { $0.id == refused.id })
        #expect(failed.status == .failed)
        #expect(failed.failure?.contains("422") == true)
        #expect(try cache.thread(of: patient.id).first { $0.id == good.id }?.status == .sent)
    }
}
