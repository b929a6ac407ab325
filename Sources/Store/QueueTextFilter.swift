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
        /// What the municipality filter stood for (a municipality renamed into the filter changes it).
        var numbers: [String]?
        var epoch: Int64
        var seq: Int64
        var keys: [Int64: QueueKey]
    }
    var base: Base?
    /// Each alert's folded row text, in `language`, with the `wordsSeq` it was folded at.
    var texts: [Int64: (seq: Int64, folded: [UInt8])] = [:]
    var language = ""
    /// The keys the words kept, as of the base's `seq`.
    var kept: (seq: Int64, filter: QueueFilter, scope: ListQueueScope)?
    /// What the municipality filter's folded name stood for, as of `municipality_version`.
    var municipalities: (version: Int64, filter: String, numbers: [String])?
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
/// A municipality filter without words keeps its keys the same way: a few hundred alerts found once,
/// then brought up to date, instead of a dozen walks of the municipality's patients per read.
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
        // Every text is folded again after a change of language or of what SQL keeps; else only the changed rows'.
        var foldAll = false
        if memo.language != filter.language {
            memo.texts = [:]
            memo.language = filter.language
            foldAll = true
        }
        var sqlFilter = filter
        sqlFilter.words = ""
        sqlFilter.inverted = false
        var changed: [Int64] = []
        var base: QueueTextMemo.Base
        let reusable = memo.base.map { $0.viewer == viewer && $0.filter == sqlFilter && $0.numbers == sql.municipalityNumbers && $0.epoch == epoch } ?? false
        if reusable, var taken = memo.base.take() {
            // Taken out of the memo: the keys of fifty thousand alerts change in place, not in a copy, and a
            // failure on the way leaves no half-folded base behind (the next read starts over).
            if taken.seq < newest {
                for (id, key, wordsSeq) in try changes(since: taken.seq) {
                    changed.append(id)
                    taken.keys[id] = key
                    // An alert that changed hands keeps its words: only a move of `wordsSeq` folds it again.
                    if memo.texts[id]?.seq != wordsSeq { memo.texts[id] = nil }
                }
                taken.seq = newest
            }
            base = taken
        } else {
            // Rows changed since the last base's read lose their texts (a deleted patient moved the epoch).
            // Without a base (the first read, or one that failed on the way) no text can be vouched for.
            if let old = memo.base.take() {
                for (id, _, _) in try changes(since: old.seq) { memo.texts[id] = nil }
            } else {
                memo.texts = [:]
            }
            let keys = try sql.keys()
            base = .init(viewer: viewer, filter: sqlFilter, numbers: sql.municipalityNumbers, epoch: epoch, seq: newest,
                         keys: Dictionary(keys.map { ($0.alertID, $0) }) { a, _ in a })
            memo.kept = nil
            if memo.texts.count > keys.count * 2 + 1000 { memo.texts = [:] }
            foldAll = true
        }
        // Without words (a municipality alone) every key SQL keeps is kept, and no text is needed.
        let needle = Array(filter.words.utf8)
        if !needle.isEmpty {
            try fold(foldAll ? base.keys.keys.filter { memo.texts[$0] == nil }
                             : changed.filter { base.keys[$0] != nil && memo.texts[$0] == nil })
        }
        memo.base = base
        let keeps = { (id: Int64) in
            needle.isEmpty || (memo.texts[id].map { TextFolding.contains($0.folded, needle) != filter.inverted } ?? false)
        }
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
    /// nil for those it no longer keeps (resolved, moved elsewhere, hidden), and its `wordsSeq`.
    private func changes(since seq: Int64) throws -> [(Int64, QueueKey?, Int64)] {
        let zoneList = sql.zones.map { String($0.rawValue) }.joined(separator: ",")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT a.id, a.zone, a.raisedAt, a.status = 'open' AND a.zone IN (\(zoneList))\(sql.condition), a.wordsSeq
            FROM alert a LEFT JOIN patient p ON p.id = a.patientID WHERE a.textSeq > ?
            """, arguments: sql.arguments + [seq])
        var result: [(Int64, QueueKey?, Int64)] = []
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let kept: Bool = row[3]
            result.append((id, kept ? QueueKey(zone: Zone(rawValue: row[1]) ?? .yellow, raisedAt: row[2], alertID: id) : nil, row[4]))
        }
        return result
    }

    /// Folds the row text of these alerts into the memo, 500 at a time.
    private func fold(_ ids: [Int64]) throws {
        for start in stride(from: 0, to: ids.count, by: 500) {
            let slice = Array(ids[start..<min(ids.count, start + 500)])
            try QueueWindowRead.fullRows(db, viewer: viewer, ids: slice) { entry, row in
                memo.texts[entry.alertID] = (row[CacheDatabase.queueRowWordsSeqColumn],
                                             Array(TextFolding.fold(rowText(entry, filter.language)).utf8))
            }
        }
    }
}
