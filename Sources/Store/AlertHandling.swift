import Foundation
import GRDB
import VardeDomain

/// One line of an alert's history: who did what, when.
public struct HistoryEntry: Sendable, Equatable {
    public var at: Date
    public var who: String
    public var what: String

    public init(at: Date, who: String, what: String) {
        self.at = at
        self.who = who
        self.what = what
    }
}

/// An alert whose shared Task must reach the server.
public struct OutboxEntry: Sendable, Equatable {
    public var id: Int64
    public var alert: Alert
    public var attempts: Int
}

extension CacheDatabase {
    public func alert(id: Int64) throws -> Alert? {
        try reader.read { db in try Alert.fetchOne(db, key: id) }
    }

    /// Takes a handling step locally first: the alert, its history and the outbox entry are written in
    /// one transaction before anything goes on the network. Refusals change nothing.
    public func handle(alertID: Int64, _ step: HandlingStep, by nurse: String, at now: Date) throws -> Result<Alert, HandlingRefusal> {
        try writer.write { db in
            guard let alert = try Alert.fetchOne(db, key: alertID) else { return .failure(.notOpen) }
            if try Self.isBlocked(alert.patientID, nurse, db) { return .failure(.blocked) }
            let result = Handling.apply(step, to: alert, by: nurse)
            guard case .success(let changed) = result else { return result }
            try changed.update(db)
            try db.execute(sql: "INSERT INTO outbox(alertKey, createdAt) VALUES (?, ?)",
                           arguments: [changed.key, now.timeIntervalSince1970])
            try record(changed, who: nurse, what: Self.describe(step), at: now, db)
            if case .resolve = step { try Self.keepUnreadMessageOpen(of: changed.patientID, db) }
            return .success(changed)
        }
    }

    /// Resolving an alert never closes what the patient wrote and nobody here has opened: the newest
    /// unread message gets an item of its own in the queue (unless the patient still has an open one).
    static func keepUnreadMessageOpen(of patientID: String, _ db: Database) throws {
        guard try Alert.filter(Column("patientID") == patientID && Column("status") == "open").fetchCount(db) == 0,
              let unread = try PatientMessage.fetchOne(db, sql: """
                  SELECT * FROM message WHERE patientID = ? AND direction = 'fromPatient' AND seenByCentre IS NULL
                  ORDER BY written DESC, rowid DESC LIMIT 1
                  """, arguments: [patientID])
        else { return }
        var alert = Alert.forMessage(unread)
        // The message's own item, once resolved, stays resolved: the nurse closed that one on purpose.
        guard try Alert.filter(Column("key") == alert.key).fetchCount(db) == 0 else { return }
        try alert.insert(db)
    }

    static func describe(_ step: HandlingStep) -> String {
        switch step {
        case .claim: "claimed"
        case .release: "released"
        case .resolve(let outcome, let note): note.isEmpty ? "resolved: \(outcome.rawValue)" : "resolved: \(outcome.rawValue): \(note)"
        }
    }

    private func record(_ alert: Alert, who: String, what: String, at: Date, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO alert_history(alertKey, patientID, at, who, what) VALUES (?, ?, ?, ?, ?)",
                       arguments: [alert.key, alert.patientID, at.timeIntervalSince1970, who, what])
        // The first claim and the resolution also go on the alert, for the caseload figures.
        if what == "claimed" {
            try db.execute(sql: "UPDATE alert SET claimedAt = ?, claimedBy = ? WHERE key = ? AND (claimedAt IS NULL OR claimedAt > ?)",
                           arguments: [at.timeIntervalSince1970, who, alert.key, at.timeIntervalSince1970])
        } else if what.hasPrefix("resolved") {
            try db.execute(sql: "UPDATE alert SET resolvedAt = ?, resolvedBy = ? WHERE key = ? AND (resolvedAt IS NULL OR resolvedAt > ?)",
                           arguments: [at.timeIntervalSince1970, who, alert.key, at.timeIntervalSince1970])
        }
    }

    /// The alerts waiting to be delivered, oldest step first, one entry per alert.
    public func outbox() throws -> [OutboxEntry] {
        try reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT MIN(o.id) AS id, o.alertKey, MAX(o.attempts) AS attempts FROM outbox o GROUP BY o.alertKey ORDER BY MIN(o.id)
                """).compactMap { row in
                guard let alert = try Alert.filter(Column("key") == (row["alertKey"] as String)).fetchOne(db) else { return nil }
                return OutboxEntry(id: row["id"], alert: alert, attempts: row["attempts"])
            }
        }
    }

    /// The server has the alert's state: its entries leave the outbox, the new version is kept.
    public func delivered(alertKey: String, taskVersion: String?) throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM outbox WHERE alertKey = ?", arguments: [alertKey])
            try db.execute(sql: "UPDATE alert SET taskVersion = ? WHERE key = ?", arguments: [taskVersion, alertKey])
        }
    }

    public func deliveryFailed(alertKey: String, reason: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1, lastError = ? WHERE alertKey = ?",
                           arguments: [reason, alertKey])
        }
    }

    /// Applies the shared Task as the server has it (another nurse's claim or resolution). When it
    /// overrules a step taken here, the step is dropped and the operator is told who has the alert.
    ///
    /// A Task under a name this workstation does not know, for a `patientID` whose open alert nobody here
    /// has shared and which opened before the step (`steppedAt`), is that alert as the colleague's
    /// workstation named it (it judged a measurement later withdrawn, or history this one never judged):
    /// the alert takes the Task's name. A resolution covers what was measured up to `steppedAt`; with
    /// `triage`, what the patient measured after it is judged again and opens an alert of its own.
    public func applyRemote(alertKey: String, owner: String?, resolved: Bool, outcome: HandlingOutcome?, note: String?,
                            taskVersion: String?, at now: Date, conflictFor nurse: String? = nil,
                            patientID: String? = nil, steppedAt: Date? = nil, triage: Triage? = nil) throws {
        try writer.write { db in
            guard var alert = try Self.alert(named: alertKey, db)
                    ?? Self.episode(of: patientID, openedBy: steppedAt ?? now, db) else { return }
            try Self.takeName(alertKey, of: &alert, db)
            let before = alert
            alert.owner = owner
            alert.taskVersion = taskVersion
            var reopened = false
            if resolved, alert.status == .open {
                alert.status = .resolved
                alert.outcome = outcome
                alert.note = note
            } else if resolved, alert.status == .resolved {
                // A colleague's corrected note (or outcome) replaces ours; the history keeps both.
                alert.outcome = outcome ?? alert.outcome
                alert.note = note
            } else if !resolved, alert.status == .resolved, owner != nil,
                      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert WHERE patientID = ? AND status = 'open'",
                                       arguments: [alert.patientID]) == 0 {
                // A colleague reopened it (the same day): it is back in the queue, theirs.
                alert.status = .open
                alert.outcome = nil
                alert.note = nil
                reopened = true
            }
            try alert.update(db)
            try db.execute(sql: "DELETE FROM outbox WHERE alertKey = ?", arguments: [alertKey])
            if before.status == .open, alert.status == .resolved {
                if let triage { try judgeAgain(alert.patientID, measuredAfter: steppedAt ?? now, triage: triage, now: now, db) }
                // A colleague's resolution, like ours, leaves what the patient wrote and nobody here opened as an item.
                try Self.keepUnreadMessageOpen(of: alert.patientID, db)
            }
            if reopened {
                try record(alert, who: owner ?? "?", what: "reopened", at: now, db)
            } else if before.owner != alert.owner || before.status != alert.status {
                let what = alert.status == .resolved ? "resolved: \(outcome?.rawValue ?? "")" : owner.map { _ in "claimed" } ?? "released"
                try record(alert, who: owner ?? "?", what: what, at: now, db)
            } else if before.note != alert.note, alert.status == .resolved {
                try record(alert, who: owner ?? "?", what: "note corrected: \(note ?? "")", at: now, db)
            }
            if let nurse, let owner, owner != nurse {
                try db.execute(sql: "INSERT INTO notice(at, text) VALUES (?, ?)",
                               arguments: [now.timeIntervalSince1970, "taken:\(owner)"])
            }
        }
    }

    /// The newest notice after `afterID`, for the console's status line.
    public func notices(after afterID: Int64) throws -> [(id: Int64, text: String)] {
        try reader.read { db in
            try Row.fetchAll(db, sql: "SELECT id, text FROM notice WHERE id > ? ORDER BY id", arguments: [afterID])
                .map { (id: $0["id"], text: $0["text"]) }
        }
    }

    public func history(patientID: String) throws -> [HistoryEntry] {
        try reader.read { db in
            try Row.fetchAll(db, sql: "SELECT at, who, what FROM alert_history WHERE patientID = ? ORDER BY at, id",
                             arguments: [patientID])
                .map { HistoryEntry(at: Date(timeIntervalSince1970: $0["at"]), who: $0["who"], what: $0["what"]) }
        }
    }

    public func alert(key: String) throws -> Alert? {
        try reader.read { db in try Self.alert(named: key, db) }
    }

    /// The alert a shared Task names: by its key, or by a name it had before a late upload renamed it
    /// (`Alert.named(byEarlier:)`). A colleague's Task under that earlier name is the one the centre
    /// shares, so the alert takes that name back, unless it has been shared under its new one meanwhile.
    static func alert(named key: String, _ db: Database) throws -> Alert? {
        if let alert = try Alert.filter(Column("key") == key).fetchOne(db) { return alert }
        guard let id = try Int64.fetchOne(db, sql: "SELECT alertID FROM alert_alias WHERE key = ?", arguments: [key]),
              let alert = try Alert.fetchOne(db, key: id), !alert.isShared else { return nil }
        return alert
    }

    /// Gives the alert back the name a colleague's Task uses (see `alert(named:)`); its newer name becomes the alias.
    static func takeName(_ key: String, of alert: inout Alert, _ db: Database) throws {
        guard alert.key != key, let id = alert.id else { return }
        let renamed = alert.key
        alert.key = key
        try alert.update(db)
        try db.execute(sql: "DELETE FROM alert_alias WHERE key = ?", arguments: [key])
        try db.execute(sql: "INSERT OR REPLACE INTO alert_alias(key, alertID) VALUES (?, ?)", arguments: [renamed, id])
        try db.execute(sql: "UPDATE alert_history SET alertKey = ? WHERE alertKey = ?", arguments: [key, renamed])
    }
}
