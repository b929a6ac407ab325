import Foundation
import GRDB
import Testing
import VardeDomain
@testable import VardeStore

/// A colleague's resolution, arriving as a Task, closes the alert as ours would: what the patient wrote
/// and nobody here opened keeps an item of its own in the queue.
struct RemoteResolutionTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func aColleaguesResolutionLeavesTheUnreadMessageAsAnItem() throws {
        let cache = try CacheDatabase()
        let alert = Alert(patientID: "p1", zone: .red, openedAt: now, raisedAt: now, triggerMeasurementID: "obs-1")
        try cache.writer.write { db in
            var stored = alert
            try stored.insert(db)
        }
        let message = PatientMessage(id: "urn:uuid:00000000-0000-4000-a000-0000000000bb", serverID: "com-1", patientID: "p1",
                                     direction: .fromPatient, text: "Kan noen ringe meg?", author: "Åse Lie",
                                     written: now.addingTimeInterval(60), status: .received)
        let ingest = try cache.storeMessages([message], cursor: nil)
        #expect(ingest.alertsOpened == 0, "the message joins the open alert")

        try cache.applyRemote(alertKey: alert.key, owner: "hanne", resolved: true, outcome: .contactedPatient,
                              note: "Ringt.", taskVersion: "2", at: now.addingTimeInterval(600))
        let queue = try cache.queue()
        #expect(!queue.contains { $0.alertID == alert.id ?? -1 && $0.basis != .message })
        let item = try #require(queue.first { $0.patientID == "p1" })
        #expect(item.basis == .message)
        #expect(item.message == "Kan noen ringe meg?")
    }
}
