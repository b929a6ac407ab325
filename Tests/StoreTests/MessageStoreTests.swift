import Foundation
import Testing
import VardeDomain
import VardeStore

/// Messages in the cache: the outbox, the patients' messages and the alerts they open, drafts.
struct MessageStoreTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func patientMessage(_ id: String, patient: String = "p1", at offset: TimeInterval = 0) -> PatientMessage {
        PatientMessage(id: id, serverID: "com-\(id)", patientID: patient, direction: .fromPatient, text: "Jeg er tungpusten",
                       author: "Åse Lie", written: now.addingTimeInterval(offset), status: .received)
    }

    @Test func aSentMessageIsInTheOutboxUntilTheServerHasItAndKeepsItsOrder() throws {
        let cache = try CacheDatabase()
        let first = try cache.queueMessage(to: "p1", text: "Mål på nytt", by: "kari", at: now)
        let second = try cache.queueMessage(to: "p1", text: "Og ring oss", by: "kari", at: now)
        #expect(try cache.messageOutbox().map(\.id) == [first.id, second.id])
        #expect(try cache.queuedMessageCount() == 2)
        try cache.messageDeliveryDelayed(id: first.id, reason: "cannot reach the server")
        #expect(try cache.messageOutbox().count == 2, "a transient failure keeps it queued")
        try cache.messageDelivered(id: first.id, serverID: "com-9")
        #expect(try cache.messageOutbox().map(\.id) == [second.id])
        #expect(try cache.thread(of: "p1").map(\.status) == [.sent, .queued])
    }

    @Test func aRefusedMessageIsFailedWithItsReasonAndCanBeSentAgain() throws {
        let cache = try CacheDatabase()
        let message = try cache.queueMessage(to: "p1", text: "x", by: "kari", at: now)
        try cache.messageFailed(id: message.id, reason: "server answered 422")
        #expect(try cache.thread(of: "p1").first?.failure == "server answered 422")
        #expect(try cache.messageOutbox().isEmpty)
        try cache.retryMessage(id: message.id)
        #expect(try cache.messageOutbox().map(\.id) == [message.id])
    }

    @Test func aPatientsMessageOpensOneRoutineAlertOrJoinsTheOpenOne() throws {
        let cache = try CacheDatabase()
        let result = try cache.storeMessages([patientMessage("a"), patientMessage("b", at: 60)], cursor: nil)
        #expect(result.newFromPatients == 2)
        #expect(result.alertsOpened == 1)
        let queue = try cache.queue()
        #expect(queue.count == 1)
        #expect(queue.first?.basis == .message)
        #expect(queue.first?.zone == .green)
        #expect(queue.first?.trigger == nil)
        #expect(queue.first?.message == "Jeg er tungpusten")
        #expect(queue.first?.unreadMessages == 2)

        // The same messages again (a repeated page) change nothing.
        let again = try cache.storeMessages([patientMessage("a"), patientMessage("b", at: 60)], cursor: nil)
        #expect(again.newFromPatients == 0)
        #expect(try cache.queue().count == 1)

        // Opening the messages makes them read here; the alert stays until a nurse resolves it.
        try cache.markMessagesSeen(of: "p1", at: now)
        #expect(try cache.queue().first?.unreadMessages == 0)
        #expect(try cache.unreadMessageCount() == 0)
        #expect(try cache.queue().count == 1)
    }

    @Test func theCentresOwnMessagesComeBackAsSentAndThenRead() throws {
        let cache = try CacheDatabase()
        let mine = try cache.queueMessage(to: "p1", text: "Mål på nytt", by: "kari", at: now)
        var echoed = mine
        echoed.serverID = "com-1"
        echoed.status = .sent
        _ = try cache.storeMessages([echoed], cursor: nil)
        #expect(try cache.thread(of: "p1").first?.status == .sent)
        #expect(try cache.messageOutbox().isEmpty)
        echoed.readByPatient = now.addingTimeInterval(300)
        _ = try cache.storeMessages([echoed], cursor: nil)
        #expect(try cache.thread(of: "p1").first?.status == .read)
        #expect(try cache.queue().isEmpty, "the centre's own messages open no alert")
    }

    @Test func aDraftSurvivesClosingTheCacheAndIsGoneOnceSent() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("varde-draft-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("cache.sqlite").path
        do {
            let cache = try CacheDatabase(path: path)
            try cache.saveDraft(for: "p1", text: "Hei Åse, vi", inResponseTo: "urn:uuid:x", at: now)
        }
        let reopened = try CacheDatabase(path: path)
        let draft = try #require(try reopened.draft(for: "p1"))
        #expect(draft.text == "Hei Åse, vi")
        #expect(draft.inResponseTo == "urn:uuid:x")
        try reopened.queueMessage(to: "p1", text: draft.text, by: "kari", at: now)
        #expect(try reopened.draft(for: "p1") == nil)
    }
}
