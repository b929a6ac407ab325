import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeStore

/// A journal note is in the outbox the moment the nurse saves it. Killing the sync process before the
/// service is up and at random moments of delivery, then starting it again, puts exactly one valid
/// DocumentReference per note on the service.
@Suite(.serialized)
struct JournalNoteDeliveryTests {
    let varde = vardeExecutable()

    func startSim(port: Int) throws -> (ChildProcess, String) {
        let sim = try ChildProcess(varde, ["sim", "--port", "\(port)", "--patients", "20", "--seed", "5", "--frozen",
                                           "--start", fixedStartInstant, "--latency-ms", "60"])
        guard let line = sim.waitForLine(containing: "listening on"), let url = line.split(separator: " ").last else {
            sim.stop()
            throw SimDidNotStart()
        }
        return (sim, String(url))
    }

    struct SimDidNotStart: Error {}

    @Test func killingTheSyncBeforeAndDuringDeliveryLeavesExactlyOneDocumentReferencePerNote() throws {
        var (sim, url) = try startSim(port: 0)
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-notes-\(UUID().uuidString)").path
        let firstSync = Date()
        #expect(try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home]).status == 0)
        // The kills spread over at least as long as a whole first sync took: a loaded machine starts the client slower.
        let killWindow = UInt32(max(Double(700_000) / 1_000_000, Date().timeIntervalSince(firstSync)) * 1_000_000)
        let cache = try CacheDatabase(path: home + "/cache.sqlite")
        let patientID = try #require(try cache.queue().first?.patientID)

        // Before: the service is down; a note waits, and the sync retrying it is killed.
        sim.stop()
        var ids = [try #require(try cache.queueJournalNote(JournalNote(patientID: patientID, alertKey: nil, author: "kari",
                                                                       written: Date(), text: "Notat 0: ringte pasienten.")))].map(\.id)
        var client = try ChildProcess(varde, ["sync", "--now", fixedStartInstant, "--server", url, "--home", home, "--interval", "0.1"])
        usleep(600_000)
        kill(client.pid, SIGKILL)
        client.wait()
        #expect(try cache.journalOutbox().count == 1)

        // During: the service is back on the same address; each new note's sync is killed at a random moment.
        let port = try #require(URLComponents(string: url)?.port)
        (sim, url) = try startSim(port: port)
        defer { sim.stop() }
        var generator = SystemRandomNumberGenerator()
        let http = CurlHTTPClient()
        func copiesOnService(_ id: String) throws -> [FHIRDocumentReference] {
            let response = try http.send(HTTPRequest(url: "\(url)/DocumentReference?\(DocumentReferenceMapping.identifierQuery(id))"))
            return try JSONDecoder().decode(ReceivedPage<FHIRDocumentReference>.self, from: response.body).entries.map { try $0.get() }
        }
        // Where each kill landed: not yet on the service, stored there but not yet recorded here, or recorded.
        var landed: [String: Int] = [:]
        for run in 1...25 {
            ids.append(try #require(try cache.queueJournalNote(JournalNote(patientID: patientID, alertKey: nil, author: "kari",
                                                                          written: Date(), text: "Notat \(run): ringte pasienten."))).id)
            client = try ChildProcess(varde, ["sync", "--now", fixedStartInstant, "--server", url, "--home", home, "--interval", "0.05"])
            usleep(UInt32.random(in: 20_000...killWindow, using: &generator))
            kill(client.pid, SIGKILL)
            client.wait()
            let id = try #require(ids.last)
            let recorded = try cache.journalNotes(of: patientID).first { $0.id == id }?.status == .delivered
            let stored = try !copiesOnService(id).isEmpty
            landed[recorded ? "recorded" : stored ? "stored, not recorded" : "not sent", default: 0] += 1
        }
        print("kill points: \(landed.sorted { $0.key < $1.key })")
        #expect(landed.count >= 2, "random kills land in more than one place: \(landed)")
        let last = try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home])
        #expect(last.status == 0, "\(last.stderr)")

        for id in ids {
            let copies = try copiesOnService(id)
            #expect(copies.count == 1, "\(id) is on the service \(copies.count) times")
            if let copy = copies.first {
                #expect(DocumentReferenceMapping.problems(copy).isEmpty, "valid FHIR R4 DocumentReference")
                #expect(copy.status == "current" && copy.subject?.reference == "Patient/\(patientID)")
            }
        }
        #expect(try cache.journalOutbox().isEmpty)
        #expect(try cache.journalNotes(of: patientID).allSatisfy { $0.status == .delivered && $0.serverID != nil })
    }
}
