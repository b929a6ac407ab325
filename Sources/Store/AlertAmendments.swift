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
}
