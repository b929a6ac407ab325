import Foundation
import GRDB
import VardeDomain

extension JournalNote: NumericDates, PersistableRecord {
    public static let databaseTableName = "journal_note"
}

extension CacheDatabase {
    /// Writes a journal note to the outbox (status `queued`) before any network call: from here on it is
    /// the sync's to deliver, once. Refused (nil) when the viewer may not see the patient.
    @discardableResult
    public func queueJournalNote(_ note: JournalNote, for viewer: Viewer = .unrestricted) throws -> JournalNote? {
        try writer.write { db in
            guard let patient = try Patient.fetchOne(db, key: note.patientID), try Self.maySee(patient, viewer, db) else { return nil }
            var queued = note
            queued.status = .queued
            try queued.insert(db)
            return queued
        }
    }

    /// Notes waiting for delivery, oldest first.
    public func journalOutbox() throws -> [JournalNote] {
        try reader.read { db in
            try JournalNote.fetchAll(db, sql: "SELECT * FROM journal_note WHERE status = 'queued' ORDER BY written, rowid")
        }
    }

    /// The service has the note (now, or on an earlier try we never heard back from).
    public func journalNoteDelivered(id: String, serverID: String?) throws {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE journal_note SET status = 'delivered', serverID = COALESCE(?, serverID), lastError = NULL, failure = NULL
                WHERE id = ? AND status IN ('queued', 'failed')
                """, arguments: [serverID, id])
        }
    }

    /// A try that may succeed later (service down, timeout): the note stays queued, the reason is kept.
    public func journalNoteDelayed(id: String, reason: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE journal_note SET attempts = attempts + 1, lastError = ? WHERE id = ?",
                           arguments: [reason, id])
        }
    }

    /// The service refused the note for good: the nurse sees why and can send it again.
    public func journalNoteFailed(id: String, reason: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE journal_note SET status = 'failed', failure = ?, attempts = attempts + 1 WHERE id = ?",
                           arguments: [reason, id])
        }
    }

    /// Puts a refused note back in the outbox.
    public func retryJournalNote(id: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE journal_note SET status = 'queued', failure = NULL WHERE id = ? AND status = 'failed'",
                           arguments: [id])
        }
    }

    /// The patient's journal notes, oldest first; empty when the viewer may not see the patient.
    public func journalNotes(of patientID: String, for viewer: Viewer = .unrestricted) throws -> [JournalNote] {
        try reader.read { db in
            guard let patient = try Patient.fetchOne(db, key: patientID), try Self.maySee(patient, viewer, db) else { return [] }
            return try JournalNote.fetchAll(db, sql: "SELECT * FROM journal_note WHERE patientID = ? ORDER BY written, rowid",
                                            arguments: [patientID])
        }
    }

    /// The newest note about an alert (the one a corrected note replaces), if any.
    public func journalNote(forAlert key: String) throws -> JournalNote? {
        try reader.read { db in
            try JournalNote.fetchOne(db, sql: "SELECT * FROM journal_note WHERE alertKey = ? ORDER BY written DESC, rowid DESC LIMIT 1",
                                     arguments: [key])
        }
    }

    /// Notes not yet delivered (queued or refused), for the status line and the handover.
    public func undeliveredJournalNoteCount() throws -> Int {
        try reader.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM journal_note WHERE status != 'delivered'") ?? 0
        }
    }
}
