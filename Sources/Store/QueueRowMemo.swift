import Foundation
import GRDB
import VardeDomain

/// Full queue rows kept from one read to the next, each with the `textSeq` it was read at. `textSeq`
/// moves whenever anything a row shows changes (`MigrationsV13QueueText`, `MigrationsV14QueueRows`),
/// so after a commit elsewhere a read asks each visible alert's `textSeq` (one probe of the table by
/// rowid) and reads in full only the rows that moved: a sync page changes a few alerts, not the screen.
/// A row whose `wordsSeq` stands (it changed hands, or its zone or unread count moved) is brought up
/// to date from the alert row alone.
final class QueueRowMemo: @unchecked Sendable {
    private var viewer: Viewer?
    private var epoch: Int64 = -1
    private var rows: [Int64: (seq: Int64, wordsSeq: Int64, entry: QueueEntry)] = [:]
    /// About two screens of rows and the recent red ones; more is dropped and read again when shown.
    static let capacity = 2_000

    /// Full rows of these alerts, from the memo where their `textSeq` has not moved since.
    func entries(_ db: Database, viewer: Viewer, ids: [Int64]) throws -> [Int64: QueueEntry] {
        guard !ids.isEmpty else { return [:] }
        // A deleted patient leaves its alerts' rows changed without moving their `textSeq`: a delete moves the
        // epoch, and the memo starts over.
        let epoch = try Int64.fetchOne(db.cachedStatement(sql: "SELECT epoch FROM queue_text_epoch")) ?? 0
        if epoch != self.epoch || viewer != self.viewer {
            rows = [:]
            (self.epoch, self.viewer) = (epoch, viewer)
        }
        let list = QueueWindowRead.jsonList(ids)
        var entries: [Int64: QueueEntry] = [:]
        var moved: [Int64] = [], handled: [Int64] = []
        let versions = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT a.id, a.textSeq, a.wordsSeq FROM json_each(?) j JOIN alert a ON a.id = j.value
            """), arguments: [list])
        while let row = try versions.next() {
            let id: Int64 = row[0]
            guard let kept = rows[id] else {
                moved.append(id)
                continue
            }
            if kept.seq == row[1] {
                entries[id] = kept.entry
            } else if kept.wordsSeq == row[2] {
                handled.append(id)
            } else {
                moved.append(id)
            }
        }
        try refreshHandling(db, handled, into: &entries)
        guard !moved.isEmpty else { return entries }
        if rows.count + moved.count > Self.capacity { rows = [:] }
        try QueueWindowRead.fullRows(db, viewer: viewer, ids: moved) { entry, row in
            entries[entry.alertID] = entry
            rows[entry.alertID] = (row[CacheDatabase.queueRowSeqColumn], row[CacheDatabase.queueRowWordsSeqColumn], entry)
        }
        return entries
    }

    /// Rows whose words stand but whose handling moved (claimed, released, escalated, marked, a message
    /// arrived or was read): read again from the alert row and the patient's unread count alone, without
    /// the patient, the measurement and the municipality.
    private func refreshHandling(_ db: Database, _ ids: [Int64], into entries: inout [Int64: QueueEntry]) throws {
        guard !ids.isEmpty else { return }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT a.id, a.textSeq, a.zone, a.raisedAt, a.openedAt, a.owner, a.marks,
                   (SELECT COUNT(*) FROM message u WHERE u.patientID = a.patientID AND u.direction = 'fromPatient'
                      AND u.seenByCentre IS NULL)
            FROM json_each(?) j JOIN alert a ON a.id = j.value
            """), arguments: [QueueWindowRead.jsonList(ids)])
        while let row = try rows.next() {
            let id: Int64 = row[0]
            guard var kept = self.rows[id] else { continue }
            var entry = kept.entry
            entry.zone = Zone(rawValue: row[2]) ?? .yellow
            entry.raisedAt = Date(timeIntervalSince1970: row[3])
            entry.owner = row[5]
            // A patient who blocked the viewer stays a row without details (as `CacheDatabase.queueEntry`).
            if !entry.isBlocked {
                entry.escalated = (row[4] as Double) < (row[3] as Double)
                entry.marks = FindingMarks.decode(row[6])
                entry.unreadMessages = row[7]
            }
            kept.seq = row[1]
            kept.entry = entry
            self.rows[id] = kept
            entries[id] = entry
        }
    }
}
