import Foundation
import GRDB
import VardeDomain

extension PatientMessage: NumericDates, PersistableRecord {
    public static let databaseTableName = "message"
}

/// What a page of messages from the server changed in the cache.
public struct MessageIngest: Sendable, Equatable {
    public var stored = 0
    public var newFromPatients = 0
    public var alertsOpened = 0
    public init() {}
}

extension CacheDatabase {
    /// Writes a message to the outbox (status `queued`) and clears the patient's draft, in one
    /// transaction, before any network call: from here on it is the sync engine's to deliver.
    @discardableResult
    public func queueMessage(to patientID: String, text: String, by nurse: String, inResponseTo: String? = nil,
                             at now: Date, id: String = PatientMessage.newIdentifier()) throws -> PatientMessage {
        let message = PatientMessage(id: id, patientID: patientID, direction: .toPatient, text: text, author: nurse,
                                     written: now, status: .queued, inResponseTo: inResponseTo)
        try writer.write { db in
            try message.insert(db)
            try db.execute(sql: "DELETE FROM message_draft WHERE patientID = ?", arguments: [patientID])
        }
        return message
    }

    /// Messages waiting for delivery, in the order they were sent.
    public func messageOutbox() throws -> [PatientMessage] {
        try reader.read { db in
            try PatientMessage.fetchAll(db, sql: "SELECT * FROM message WHERE status = 'queued' ORDER BY written, rowid")
        }
    }

    /// The server has stored the message (now, or on an earlier try we never heard back from).
    public func messageDelivered(id: String, serverID: String?) throws {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE message SET status = 'sent', serverID = COALESCE(?, serverID), lastError = NULL
                WHERE id = ? AND status IN ('queued', 'failed')
                """, arguments: [serverID, id])
        }
    }

    /// A try that may succeed later (server down, timeout): the message stays queued.
    public func messageDeliveryDelayed(id: String, reason: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE message SET attempts = attempts + 1, lastError = ? WHERE id = ?",
                           arguments: [reason, id])
        }
    }

    /// The server refused the message for good: the nurse sees why and can send it again.
    public func messageFailed(id: String, reason: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE message SET status = 'failed', failure = ?, attempts = attempts + 1 WHERE id = ?",
                           arguments: [reason, id])
        }
    }

    /// Puts a failed message back in the outbox.
    public func retryMessage(id: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE message SET status = 'queued', failure = NULL WHERE id = ? AND status = 'failed'",
                           arguments: [id])
        }
    }

    /// Messages as the server holds them: the centre's own come back with their server id and
    /// whether the patient has read them; the patient's are new, and open a routine alert if the
    /// patient has no open alert. Saved with the page's cursor in one transaction.
    public func storeMessages(_ messages: [PatientMessage], cursor: SyncCursor?) throws -> MessageIngest {
        try writer.write { db in
            var result = MessageIngest()
            for message in messages {
                if var local = try PatientMessage.fetchOne(db, key: message.id) {
                    local.serverID = message.serverID ?? local.serverID
                    local.text = message.text
                    if message.direction == .toPatient {
                        local.readByPatient = message.readByPatient ?? local.readByPatient
                        local.status = local.readByPatient != nil ? .read : .sent
                        local.failure = nil
                    }
                    try local.update(db)
                    result.stored += 1
                    continue
                }
                try message.insert(db)
                result.stored += 1
                guard message.direction == .fromPatient else { continue }
                result.newFromPatients += 1
                let open = try Alert.fetchOne(db, sql: "SELECT * FROM alert WHERE patientID = ? AND status = 'open' LIMIT 1",
                                              arguments: [message.patientID])
                if open == nil {
                    var alert = Alert.forMessage(message)
                    if try Alert.filter(Column("key") == alert.key).fetchCount(db) == 0 {
                        try alert.insert(db)
                        result.alertsOpened += 1
                    }
                }
            }
            if let cursor { try saveCursor(cursor, db) }
            return result
        }
    }

    /// The patient's thread, oldest first; empty when the patient is blocked for the viewer or
    /// outside their municipalities.
    public func thread(of patientID: String, for viewer: Viewer = .unrestricted) throws -> [PatientMessage] {
        try reader.read { db in
            if let patient = try Patient.fetchOne(db, key: patientID), try !Self.maySee(patient, viewer, db) { return [] }
            return try Self.thread(of: patientID, db)
        }
    }

    static func thread(of patientID: String, _ db: Database) throws -> [PatientMessage] {
        try PatientMessage.fetchAll(db, sql: "SELECT * FROM message WHERE patientID = ? ORDER BY written, rowid",
                                    arguments: [patientID])
    }

    /// A nurse has opened the patient's messages: they are no longer unread at this workstation.
    public func markMessagesSeen(of patientID: String, at now: Date) throws {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE message SET seenByCentre = ? WHERE patientID = ? AND direction = 'fromPatient' AND seenByCentre IS NULL
                """, arguments: [now.timeIntervalSince1970, patientID])
        }
    }

    /// Messages from patients nobody here has opened.
    public func unreadMessageCount() throws -> Int {
        try reader.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE direction = 'fromPatient' AND seenByCentre IS NULL") ?? 0
        }
    }

    /// Messages in the outbox (queued, not yet stored by the server).
    public func queuedMessageCount() throws -> Int {
        try reader.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE status = 'queued'") ?? 0
        }
    }

    /// Keeps what the nurse is writing, so that Esc, a crash or a restart loses nothing.
    public func saveDraft(for patientID: String, text: String, inResponseTo: String? = nil, at now: Date) throws {
        try writer.write { db in
            if text.isEmpty {
                try db.execute(sql: "DELETE FROM message_draft WHERE patientID = ?", arguments: [patientID])
            } else {
                try db.execute(sql: """
                    INSERT INTO message_draft (patientID, text, inResponseTo, updated) VALUES (?, ?, ?, ?)
                    ON CONFLICT(patientID) DO UPDATE SET text = excluded.text, inResponseTo = excluded.inResponseTo,
                        updated = excluded.updated
                    """, arguments: [patientID, text, inResponseTo, now.timeIntervalSince1970])
            }
        }
    }

    /// The patient's unsent draft, if any.
    public func draft(for patientID: String) throws -> (text: String, inResponseTo: String?)? {
        try reader.read { db in
            try Row.fetchOne(db, sql: "SELECT text, inResponseTo FROM message_draft WHERE patientID = ?", arguments: [patientID])
                .map { ($0["text"], $0["inResponseTo"]) }
        }
    }
}
