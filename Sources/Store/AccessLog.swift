import Foundation
import GRDB
import VardeDomain

extension CacheDatabase {
    /// Writes one access to the local log; the sync delivers it later as an AuditEvent.
    public func recordAccess(_ access: AccessRecord) throws {
        try writer.write { db in try Self.insert(access, db) }
    }

    static func insert(_ access: AccessRecord, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO access_log(identifier, at, operatorID, patientID, what, workstation) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(identifier) DO NOTHING
            """, arguments: [access.identifier, access.at.timeIntervalSince1970, access.operatorID, access.patientID,
                             access.what.rawValue, access.workstation])
    }

    /// Opens a patient for a viewer: the access is logged in the same transaction that reads the
    /// record, so no patient data is ever read without its log line. Nil (and nothing logged) when
    /// the patient is not cached, blocked for this operator or outside their municipalities.
    public func openPatient(_ patientID: String, for viewer: Viewer, what: AccessKind, workstation: String,
                            at now: Date, since: Date, until: Date = .distantFuture) throws -> PatientRecord? {
        try writer.write { db in
            guard let record = try Self.patientRecord(db, patientID, for: viewer, since: since, until: until) else { return nil }
            try Self.insert(AccessRecord(at: now, operatorID: viewer.operatorID, patientID: patientID, what: what,
                                         workstation: workstation), db)
            return record
        }
    }

    /// The local access log, newest last; optionally one patient's and from `since`.
    public func accessLog(patientID: String? = nil, since: Date? = nil) throws -> [AccessRecord] {
        try reader.read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let patientID { conditions.append("patientID = ?"); arguments.append(patientID) }
            if let since { conditions.append("at >= ?"); arguments.append(since.timeIntervalSince1970) }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: "SELECT * FROM access_log \(filter) ORDER BY at, id",
                                    arguments: StatementArguments(arguments)).map(Self.access)
        }
    }

    /// Accesses waiting to reach the server, oldest first.
    public func undeliveredAccesses(limit: Int = 200) throws -> [AccessRecord] {
        try reader.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM access_log WHERE deliveredAt IS NULL ORDER BY id LIMIT ?",
                             arguments: [limit]).map(Self.access)
        }
    }

    /// The server has the AuditEvent: the access leaves the outbox.
    public func accessDelivered(identifier: String, at now: Date) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE access_log SET deliveredAt = ?, lastError = NULL WHERE identifier = ?",
                           arguments: [now.timeIntervalSince1970, identifier])
        }
    }

    public func accessDeliveryFailed(identifier: String, reason: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE access_log SET attempts = attempts + 1, lastError = ? WHERE identifier = ?",
                           arguments: [reason, identifier])
        }
    }

    private static func access(_ row: Row) -> AccessRecord {
        let delivered: Double? = row["deliveredAt"]
        return AccessRecord(identifier: row["identifier"], at: Date(timeIntervalSince1970: row["at"]),
                            operatorID: row["operatorID"], patientID: row["patientID"],
                            what: AccessKind(rawValue: row["what"]) ?? .render, workstation: row["workstation"],
                            deliveredAt: delivered.map(Date.init(timeIntervalSince1970:)))
    }
}
