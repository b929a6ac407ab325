import Foundation
import GRDB
import VardeDomain

extension CacheDatabase {
    /// Reopens a resolved alert or corrects its note, the same day it was resolved: the alert, a new
    /// history step and the outbox entry for the shared Task are written in one transaction before
    /// anything goes on the network. The earlier resolution stays in the history. Refusals change nothing.
    public func amend(alertID: Int64, _ amendment: Amendment, by nurse: String, at now: Date,
                      timeZone: TimeZone = TimeZone(identifier: "Europe/Oslo") ?? .current) throws -> Result<Alert, AmendmentRefusal> {
        try writer.write { db in
            guard let alert = try Alert.fetchOne(db, key: alertID) else { return .failure(.notResolved) }
            if try Self.isBlocked(alert.patientID, nurse, db) { return .failure(.blocked) }
            let last = try Row.fetchOne(db, sql: """
                SELECT at, who FROM alert_history WHERE alertKey = ? AND what LIKE 'resolved%' ORDER BY at DESC, id DESC LIMIT 1
                """, arguments: [alert.key])
            let resolvedAt = last.map { Date(timeIntervalSince1970: $0["at"]) }
            let result = Amending.apply(amendment, to: alert, resolvedAt: resolvedAt, resolvedBy: last?["who"], by: nurse,
                                        now: now, timeZone: timeZone)
            guard case .success(let changed) = result else { return result }
            if case .reopen = amendment {
                let others = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert WHERE patientID = ? AND status = 'open'",
                                              arguments: [alert.patientID]) ?? 0
                if others > 0 { return .failure(.patientHasOpenAlert) }
            }
            try changed.update(db)
            try db.execute(sql: "INSERT INTO outbox(alertKey, createdAt) VALUES (?, ?)",
                           arguments: [changed.key, now.timeIntervalSince1970])
            try db.execute(sql: "INSERT INTO alert_history(alertKey, patientID, at, who, what) VALUES (?, ?, ?, ?, ?)",
                           arguments: [changed.key, changed.patientID, now.timeIntervalSince1970, nurse, Self.describe(amendment)])
            return .success(changed)
        }
    }

    static func describe(_ amendment: Amendment) -> String {
        switch amendment {
        case .reopen(let reason): reason.isEmpty ? "reopened" : "reopened: \(reason)"
        case .correctNote(let note): "note corrected: \(note)"
        }
    }

    /// The patient's resolved alerts, newest resolution first, that may still be reopened or corrected
    /// today (and older ones, which may not), for the patient view.
    public func resolvedAlerts(of patientID: String, limit: Int = 20) throws -> [Alert] {
        try reader.read { db in
            try Alert.fetchAll(db, sql: "SELECT * FROM alert WHERE patientID = ? AND status = 'resolved' ORDER BY resolvedAt DESC, id DESC LIMIT ?",
                               arguments: [patientID, limit])
        }
    }

    /// The patient's alerts resolved since `since` (newest resolution first), each with its last
    /// resolution's time and nurse: what the patient view offers to reopen or correct. Empty when the
    /// viewer may not see the patient.
    public func resolvedAlerts(of patientID: String, for viewer: Viewer, since: Date) throws -> [ResolvedAlert] {
        try reader.read { db in
            guard let patient = try Patient.fetchOne(db, key: patientID), try Self.maySee(patient, viewer, db) else { return [] }
            let rows = try Row.fetchAll(db, sql: """
                SELECT alert.id AS alertID, h.at AS at, h.who AS who FROM alert
                JOIN alert_history h ON h.id = (SELECT id FROM alert_history WHERE alertKey = alert.key AND what LIKE 'resolved%'
                                                ORDER BY at DESC, id DESC LIMIT 1)
                WHERE alert.patientID = ? AND alert.status = 'resolved' AND h.at >= ?
                ORDER BY h.at DESC, alert.id DESC
                """, arguments: [patientID, since.timeIntervalSince1970])
            return try rows.compactMap { row -> ResolvedAlert? in
                guard let alert = try Alert.fetchOne(db, key: row["alertID"] as Int64) else { return nil }
                return ResolvedAlert(alert: alert, resolvedAt: Date(timeIntervalSince1970: row["at"]), resolvedBy: row["who"])
            }
        }
    }
}

/// A resolved alert with when and by whom it was resolved.
public struct ResolvedAlert: Sendable, Equatable {
    public var alert: Alert
    public var resolvedAt: Date
    public var resolvedBy: String

    public init(alert: Alert, resolvedAt: Date, resolvedBy: String) {
        self.alert = alert
        self.resolvedAt = resolvedAt
        self.resolvedBy = resolvedBy
    }
}
