import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeStore

/// A message is in the outbox the moment the nurse sends it. Killing the client at any moment after
/// that — before the request, while the server stores it, before the answer is recorded — and starting
/// it again delivers every message exactly once.
@Suite(.serialized)
struct MessageDeliveryTests {
    let varde = vardeExecutable()

    @Test func killingTheClientAnywhereBetweenSendAndStoredNeverLosesOrDuplicatesAMessage() throws {
        let sim = try ChildProcess(varde, ["sim", "--port", "0", "--patients", "20", "--seed", "5", "--frozen",
                                           "--start", "2026-11-22T12:00:00Z", "--latency-ms", "60"])
        defer { sim.stop() }
        let line = try #require(sim.waitForLine(containing: "listening on"))
        let url = String(try #require(line.split(separator: " ").last))
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-kill-\(UUID().uuidString)").path
        let firstSync = Date()
        #expect(try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home]).status == 0)
        // The kills spread over at least as long as a whole first sync took: a loaded machine starts the client slower.
        let killWindow = UInt32(max(Double(900_000) / 1_000_000, Date().timeIntervalSince(firstSync)) * 1_000_000)

        // The test writes to the outbox exactly as the console's Ctrl-s does, through the same cache file.
        let cache = try CacheDatabase(path: home + "/cache.sqlite")
        let patientID = try #require(try cache.queue().first?.patientID)
        var ids: [String] = []
        var generator = SystemRandomNumberGenerator()
        let http = CurlHTTPClient()
        func copiesOnServer(_ id: String) throws -> Int {
            let response = try http.send(HTTPRequest(url: "\(url)/Communication?\(CommunicationMapping.identifierQuery(id))"))
            return try JSONDecoder().decode(ReceivedPage<FHIRCommunication>.self, from: response.body).entries.count
        }
        // Where each kill landed: not yet on the server, stored but not yet recorded here, or recorded.
        var landed: [String: Int] = [:]
        for run in 1...50 {
            let id = try cache.queueMessage(to: patientID, text: "melding \(run)", by: "kari", at: Date()).id
            ids.append(id)
            let client = try ChildProcess(varde, ["sync", "--now", fixedStartInstant, "--server", url, "--home", home, "--interval", "0.05"])
            usleep(UInt32.random(in: 20_000...killWindow, using: &generator))
            kill(client.pid, SIGKILL)
            client.wait()
            let recorded = try cache.thread(of: patientID).first { $0.id == id }?.status != .queued
            let stored = try copiesOnServer(id) > 0
            landed[recorded ? "recorded" : stored ? "stored, not recorded" : "not sent", default: 0] += 1
        }
        print("kill points: \(landed.sorted { $0.key < $1.key })")
        // Random moments land in more than one place (on a loaded machine the client starts slower).
        #expect(landed.count >= 2, "\(landed)")
        // Started again, the client finishes whatever the kills left undone.
        let restart = try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home])
        #expect(restart.status == 0, "\(restart.stderr)")

        for id in ids {
            let copies = try copiesOnServer(id)
            #expect(copies == 1, "\(id) is on the server \(copies) times")
        }
        let thread = try cache.thread(of: patientID).filter { $0.direction == .toPatient }
        #expect(thread.count == 50)
        #expect(thread.allSatisfy { $0.status == .sent || $0.status == .read }, "\(thread.map(\.status))")
        #expect(try cache.queuedMessageCount() == 0)
    }
}
