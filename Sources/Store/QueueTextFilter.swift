import Foundation
import GRDB
import VardeDomain

/// What the words filter keeps from one read to the next: the open alerts the rest of the filter keeps
/// (brought up to date by the rows whose `textSeq` moved, `MigrationsV13QueueText`), each one's folded
/// text, and the keys the words kept.
final class QueueTextMemo: @unchecked Sendable {
    /// The alerts the filter without its words keeps, as of `seq`.
    struct Base {
        var viewer: Viewer
        var filter: QueueFilter
        var epoch: Int64
        var seq: Int64
        var keys: [Int64: QueueKey]
    }
    var base: Base?
    /// Each alert's folded row text, in `language`.
    var texts: [Int64: [UInt8]] = [:]
    var language = ""
    /// The keys the words kept, as of the base's `seq`.
    var kept: (seq: Int64, filter: QueueFilter, scope: ListQueueScope)?
    var municipalities: (token: Int64, filter: String, numbers: [String])?
    /// Municipality names as folded (a commit elsewhere does not make them fold again).
    private var foldedNames: [String: String] = [:]

    func foldedName(_ name: String) -> String {
        if let known = foldedNames[name] { return known }
        if foldedNames.count > 5_000 { foldedNames.removeAll() }
        let folded = TextFolding.fold(name)
        foldedNames[name] = folded
        return folded
    }
}

/// The words filter over the alerts SQL keeps: the first read folds every row's text, later reads only
/// the rows that changed since (a commit of a sync page touches a few alerts, not fifty thousand).
struct QueueTextFilter {
    let db: Database
    let viewer: Viewer
    let filter: QueueFilter
    let sql: SQLQueueScope
    let memo: QueueTextMemo
    let rowText: QueueRowText

    func scope() throws -> ListQueueScope {
        let row = try Row.fetchOne(db, sql: "SELECT (SELECT epoch FROM queue_text_epoch), (SELECT IFNULL(MAX(textSeq), 0) FROM alert)")
        let epoch: Int64 = row?[0] ?? 0, newest: Int64 = row?[1] ?? 0
        if memo.language != filter.language {
            memo.texts = [:]
            memo.language = filter.language
        }
        var sqlFilter = filter
        sqlFilter.words = ""
        sqlFilter.inverted = false
        var changed: [Int64] = []
        if var base = memo.base, base.viewer == viewer, base.filter == sqlFilter, base.epoch == epoch {
            if base.seq < newest {
                // The memo lets go of its copy first: the keys of fifty thousand alerts are then changed in place.
                memo.base = nil
                for (id, key) in try changes(since: base.seq) {
                    changed.append(id)
                    base.keys[id] = key
                    memo.texts[id] = nil
                }
                base.seq = newest
                memo.base = base
            }
        } else {
            // Rows changed since the last read may carry an id a deleted alert had: their texts go too.
            if let old = memo.base { for (id, _) in try changes(since: old.seq) { memo.texts[id] = nil } }
            let keys = try sql.keys()
            memo.base = .init(viewer: viewer, filter: sqlFilter, epoch: epoch, seq: newest,
                              keys: Dictionary(keys.map { ($0.alertID, $0) }) { a, _ in a })
            memo.kept = nil
            if memo.texts.count > keys.count * 2 + 1000 { memo.texts = [:] }
        }
        let base = memo.base!
        try fold(base.keys.keys.filter { memo.texts[$0] == nil })
        let needle = Array(filter.words.utf8)
        let keeps = { (id: Int64) in memo.texts[id].map { TextFolding.contains($0, needle) != filter.inverted } ?? false }
        if var kept = memo.kept, kept.filter == filter {
            if kept.seq == base.seq { return kept.scope }
            memo.kept = nil
            for id in changed {
                kept.scope.remove(id)
                if let key = base.keys[id], keeps(id) { kept.scope.insert(key) }
            }
            memo.kept = (base.seq, filter, kept.scope)
            return kept.scope
        }
        let scope = ListQueueScope(keys: base.keys.values.filter { keeps($0.alertID) })
        memo.kept = (base.seq, filter, scope)
        return scope
    }

    /// The alerts whose text or place may have changed since `seq`: the key of each the filter still keeps,
    /// nil for those it no longer keeps (resolved, moved elsewhere, hidden).
    private func changes(since seq: Int64) throws -> [(Int64, QueueKey?)] {
        let zoneList = sql.zones.map { String($0.rawValue) }.joined(separator: ",")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT a.id, a.zone, a.raisedAt, a.status = 'open' AND a.zone IN (\(zoneList))\(sql.condition)
            FROM alert a LEFT JOIN patient p ON p.id = a.patientID WHERE a.textSeq > ?
            """, arguments: sql.arguments + [seq])
        var result: [(Int64, QueueKey?)] = []
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let kept: Bool = row[3]
            result.append((id, kept ? QueueKey(zone: Zone(rawValue: row[1]) ?? .yellow, raisedAt: row[2], alertID: id) : nil))
        }
        return result
    }

    /// Folds the row text of these alerts into the memo, 500 at a time.
    private func fold(_ ids: [Int64]) throws {
        for start in stride(from: 0, to: ids.count, by: 500) {
            let slice = Array(ids[start..<min(ids.count, start + 500)])
            for (id, entry) in try QueueWindowRead.entries(db, viewer: viewer, ids: slice) {
                memo.texts[id] = Array(TextFolding.fold(rowText(entry, filter.language)).utf8)
            }
        }
    }
}
