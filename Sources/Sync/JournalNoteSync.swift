import Foundation
import VardeDomain
import VardeService
import VardeStore

extension SyncEngine {
    /// Delivers the journal-note outbox, oldest first, each as a conditional create of a
    /// DocumentReference carrying the note's own identifier: a repeat after a timeout, a 5xx or a crash
    /// finds the first copy on the service and stores nothing new. A transient failure stops the flush
    /// (notes keep their order); a refusal for good marks the note failed with the service's reason.
    func flushJournalNotes(into summary: inout SyncSummary) throws {
        for note in try cache.journalOutbox() {
            let body = try JSONEncoder().encode(DocumentReferenceMapping.resource(from: note))
            do {
                let answer = try client.conditionalCreate("DocumentReference", body: body,
                                                          ifNoneExist: DocumentReferenceMapping.identifierQuery(note.id))
                let stored: FHIRDocumentReference
                do {
                    stored = try JSONDecoder().decode(FHIRDocumentReference.self, from: answer.body)
                } catch {
                    // The service said it has the note; its answer just cannot be read. The note is there.
                    try cache.journalNoteDelivered(id: note.id, serverID: nil)
                    summary.notesDelivered += 1
                    continue
                }
                try cache.journalNoteDelivered(id: note.id, serverID: stored.id)
                summary.notesDelivered += 1
            } catch let error as ServiceError {
                if case .http(let status, _, _, _) = error, Self.refusesForGood(status) {
                    try cache.journalNoteFailed(id: note.id, reason: "\(error)")
                    summary.notesFailed += 1
                    continue
                }
                try cache.journalNoteDelayed(id: note.id, reason: "\(error)")
                throw error
            }
        }
    }

    /// Reads the GPs the patients name that are not cached yet, or are due again (`GET /Practitioner/{id}`).
    /// A GP the service does not have, or sends unreadable, is kept with the reason, which the contact
    /// panel shows, and asked for again an hour later; it never stops the sync. A service that cannot be reached stops here until the next pass.
    func resolvePractitioners(into summary: inout SyncSummary) throws {
        for id in try cache.unreadPractitionerIDs(now: clock()).prefix(200) {
            let practitioner: FHIRPractitioner
            do {
                practitioner = try client.read("Practitioner/\(id)", as: FHIRPractitioner.self).0
            } catch {
                switch error {
                case .http(let status, _, _, _) where Self.refusesForGood(status):
                    try cache.storePractitioner(id: id, name: nil, phone: nil, problem: "\(error)", at: clock())
                    continue
                case .malformed:
                    try cache.storePractitioner(id: id, name: nil, phone: nil, problem: "\(error)", at: clock())
                    continue
                default:
                    throw error
                }
            }
            let (name, phone) = PatientMapping.practitioner(practitioner)
            try cache.storePractitioner(id: id, name: name, phone: phone,
                                        problem: name == nil ? "the Practitioner has no name" : nil, at: clock())
            summary.practitionersRead += 1
        }
    }
}
