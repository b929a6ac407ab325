import Foundation
import GRDB
import VardeDomain

/// Full queue rows kept from one read to the next, each with the `textSeq` it was read at. `textSeq`
/// moves whenever anything a row shows changes (`MigrationsV13QueueText`, `MigrationsV14QueueRows`),
/// so after a commit elsewhere a read asks each visible alert's `textSeq` (one probe of the table by
/// rowid) and reads in full only the rows that moved: a sync page changes a few alerts, not the screen.
final class QueueRowMemo: @unchecked Sendable {
    private var viewer: Viewer?
    private var epoch: Int64 = -1
    private var rows: [Int64: (seq: Int64, entry: QueueEntry)] = [:]
    /// About two screens of rows and the recent red ones; more is dropped and read again when shown.
    static let capacity = 2_000

    /// Full rows of these alerts, from the memo where their `textSeq` has not moved since.
    func entries(_ db: Database, viewer: Viewer, ids: [Int64]) throws -> [Int64: QueueEntry] {
        guard !ids.isEmpty else { return [:] }
        // A deleted alert's id can come back with its old `textSeq`: a delete moves the epoch, and the memo starts over.
        let epoch = try Int64.fetchOne(db.cachedStatement(sql: "SELECT epoch FROM queue_text_epoch")) ?? 0
        if epoch != self.epoch || viewer != self.viewer {
            rows = [:]
            (self.epoch, self.viewer) = (epoch, viewer)
        }
        let list = QueueWindowRead.jsonList(ids)
        var entries: [Int64: QueueEntry] = [:]
        var moved: [Int64] = []
        let versions = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT a.id, a.textSeq FROM json_each(?) j JOIN alert a ON a.id = j.value
            """), arguments: [list])
        while let row = try versions.next() {
            let id: Int64 = row[0]
            if let kept = rows[id], kept.seq == row[1] { entries[id] = kept.entry } else { moved.append(id) }
        }
        guard !moved.isEmpty else { return entries }
        if rows.count + moved.count > Self.capacity { rows = [:] }
        try QueueWindowRead.fullRows(db, viewer: viewer, ids: moved) { entry, row in
            entries[entry.alertID] = entry
            rows[entry.alertID] = (row[CacheDatabase.queueRowSeqColumn], entry)
        }
        return entries
    }
}
