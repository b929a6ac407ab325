import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeSim
import VardeStore
import VardeSync

/// The sync under the nurse's day, against the simulator over loopback HTTP: contacts and GPs come in,
/// journal notes go out once, and a reopened or corrected alert never overwrites a colleague.
@Suite(.serialized)
struct DaySyncTests {
    func workstation(_ sim: RunningSim, nurse: String) throws -> (CacheDatabase, SyncEngine) {
        let cache = try CacheDatabase()
        let engine = SyncEngine(client: FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient(),
                                                   retry: RetryPolicy(attempts: 2, baseDelay: 0.01, maxDelay: 0.02)),
                                cache: cache, nurse: nurse, clock: { fixedStart })
        return (cache, engine)
    }

    @Test func contactsAndTheGPsNameAndPhoneArriveWithThePatients() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 40))
        defer { sim.stop() }
        let (cache, sync) = try workstation(sim, nurse: "kari")
        let pass = try await offPool { try sync.syncOnce() }
        #expect(pass.practitionersRead > 0)
        #expect(try cache.unreadPractitionerIDs(now: fixedStart).isEmpty)
        let card = try #require(try cache.contacts(of: "pas-00001"))
        #expect(card.contacts.phone?.hasPrefix("01 ") == true)
        let gp = try #require(card.contacts.generalPractitioner)
        #expect(gp.phone?.hasPrefix("01 ") == true)
        #expect(gp.name?.isEmpty == false)
        #expect(card.gpProblem == nil)
        let second = try await offPool { try sync.syncOnce() }
        #expect(second.practitionersRead == 0, "a GP is read once")
    }

    @Test func aJournalNoteIsDeliveredOnceAndARefusalIsKeptWithTheReason() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 20))
        defer { sim.stop() }
        let (cache, sync) = try workstation(sim, nurse: "kari")
        _ = try await offPool { try sync.syncOnce() }
        let note = try #require(try cache.queueJournalNote(JournalNote(patientID: "pas-00003", alertKey: nil, author: "kari",
                                                                       written: fixedStart, text: "Ringte pasienten. Alt vel.")))
        let pass = try await offPool { try sync.syncOnce() }
        #expect(pass.notesDelivered == 1)
        _ = try await offPool { try sync.syncOnce() }
        #expect(sim.server.journalNotes.count == 1)
        let stored = try #require(sim.server.journalNotes.first)
        #expect(stored.subject?.reference == "Patient/pas-00003")
        #expect(DocumentReferenceMapping.text(of: stored) == note.text)
        #expect(try cache.journalNotes(of: "pas-00003").first?.serverID == stored.id)

        // A correction replaces the note: the service keeps both, the first marked superseded.
        let alertNote = try #require(try cache.queueJournalNote(JournalNote(patientID: "pas-00003", alertKey: "pas-00003--obs-9",
                                                                           author: "kari", written: fixedStart, text: "Ringte.")))
        _ = try await offPool { try sync.syncOnce() }
        let latest = try #require(try cache.journalNote(forAlert: "pas-00003--obs-9"))
        #expect(latest.id == alertNote.id)
        try cache.queueJournalNote(JournalNote(patientID: "pas-00003", alertKey: "pas-00003--obs-9", author: "kari",
                                               written: fixedStart.addingTimeInterval(60), text: "Ringte. Ny måling 94 %.",
                                               replaces: latest.id))
        _ = try await offPool { try sync.syncOnce() }
        let onService = sim.server.journalNotes.filter { $0.context?.related?.first?.reference == "Task/pas-00003--obs-9" }
        #expect(onService.map(\.status) == ["superseded", "current"])
        #expect(onService.last?.relatesTo?.first?.target.identifier?.value == alertNote.id)

        // A note about a patient the service does not know is refused for good, and says why.
        try cache.storePatients([Patient(id: "ukjent-1", nationalID: "", givenName: "A", familyName: "B", birthDate: "", gender: "unknown",
                                         municipalityNumber: "", diagnoses: [], lastUpdated: fixedStart)], municipalities: [], cursor: nil)
        let orphan = try #require(try cache.queueJournalNote(JournalNote(patientID: "ukjent-1", alertKey: nil, author: "kari",
                                                                         written: fixedStart, text: "x")))
        let refused = try await offPool { try sync.syncOnce() }
        #expect(refused.notesFailed == 1)
        let failed = try #require(try cache.journalNotes(of: "ukjent-1").first { $0.id == orphan.id })
        #expect(failed.status == .failed)
        #expect(failed.failure?.contains("422") == true)
    }

    @Test func aCorrectionRacingAColleaguesReopenGets412AndTheColleagueWins() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 40))
        defer { sim.stop() }
        let (kari, kariSync) = try workstation(sim, nurse: "Kari")
        let (ola, olaSync) = try workstation(sim, nurse: "Ola")
        _ = try await offPool { try kariSync.syncOnce() }
        // An alert nobody holds (the simulated colleagues may have taken some).
        let first = try #require(try kari.queue().first { $0.owner == nil && !$0.isBlocked })
        guard case .success = try kari.handle(alertID: first.alertID, .resolve(.contactedPatient, note: "ringt"), by: "Kari", at: fixedStart)
        else { Issue.record("Kari could not resolve"); return }
        _ = try await offPool { try kariSync.syncOnce() }
        _ = try await offPool { try olaSync.syncOnce() }
        let key = try #require(try kari.alert(id: first.alertID)).key
        let olasCopy = try #require(try ola.alert(key: key))
        let olasID = try #require(olasCopy.id)
        #expect(olasCopy.status == .resolved)

        // Ola reopens (a new red reading came); Kari, not yet synced, corrects her note.
        guard case .success = try ola.amend(alertID: olasID, .reopen(reason: "ny rød måling"), by: "Ola",
                                            at: fixedStart.addingTimeInterval(600)),
              case .success = try kari.amend(alertID: first.alertID, .correctNote("ringt, ny måling 94 %"), by: "Kari",
                                             at: fixedStart.addingTimeInterval(610))
        else { Issue.record("a local amendment was refused"); return }
        let olaPass = try await offPool { try olaSync.syncOnce() }
        #expect(olaPass.delivered == 1)
        let kariPass = try await offPool { try kariSync.syncOnce() }
        #expect(kariPass.conflicts == 1, "If-Match with the old version: 412")

        // Kari's copy follows the server: open again, Ola's; she is told who won; nothing of hers overwrote it.
        let mine = try #require(try kari.alert(id: first.alertID))
        #expect(mine.status == .open)
        #expect(mine.owner == "Ola")
        #expect(try kari.notices(after: 0).map(\.text).contains("taken:Ola"))
        #expect(try kari.outbox().isEmpty)
        let history = try kari.history(patientID: first.patientID)
        #expect(history.contains { $0.what == "note corrected: ringt, ny måling 94 %" && $0.who == "Kari" }, "her step stays in the history")
        #expect(history.contains { $0.what == "reopened" && $0.who == "Ola" })
        let client = FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient())
        let (task, _) = try await offPool { try client.read("Task/\(TaskMapping.taskID(mine.key))", as: FHIRTask.self) }
        #expect(task.status == "in-progress")
        #expect(task.owner?.display == "Ola")
    }
}
