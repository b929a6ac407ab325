import Foundation
import GRDB
import VardeDomain

/// A queue row's words as the console shows them (patient, municipality, finding), for the filter to
/// search; `language` is the filter's.
public typealias QueueRowText = @Sendable (_ entry: QueueEntry, _ language: String) -> String

/// Reads the queue's window: the rows around the selection and the figures, each a short walk of an
/// index or a sum over buckets; only a filter with words looks at every row (and keeps what it found).
struct QueueWindowRead {
    let db: Database
    let viewer: Viewer
    let request: QueueWindowRequest
    let memo: QueueTextMemo
    /// Full rows kept from earlier reads.
    let rows: QueueRowMemo
    let rowText: QueueRowText

    func read() throws -> QueueWindow {
        let all = SQLQueueScope(db, viewer: viewer, filter: QueueFilter(), municipalityNumbers: nil)
        let shown: any QueueScope = request.filter.isEmpty ? all : try scope()
        return try QueueWindowing(request: request, all: all, shown: shown, recentRed: recentRed) { ids in
            try rows.entries(db, viewer: viewer, ids: ids)
        }.window()
    }

    /// The scope the filter asks for: SQL's alone, or with words or a municipality the kept keys.
    private func scope() throws -> any QueueScope {
        let filter = request.filter
        let numbers = try filter.municipality.map(municipalityNumbers)
        let sql = SQLQueueScope(db, viewer: viewer, filter: filter, municipalityNumbers: numbers)
        guard !filter.words.isEmpty || numbers != nil else { return sql }
        return try QueueTextFilter(db: db, viewer: viewer, filter: filter, sql: sql, memo: memo, rowText: rowText).scope()
    }

    /// The kommunenummer a folded name or number names: every municipality whose name folds to it, and itself.
    private func municipalityNumbers(_ folded: String) throws -> [String] {
        let version = try Int64.fetchOne(db.cachedStatement(sql: "SELECT version FROM municipality_version")) ?? 0
        if let known = memo.municipalities, known.version == version, known.filter == folded { return known.numbers }
        var numbers = [folded]
        for row in try Row.fetchAll(db, sql: "SELECT number, name FROM municipality") {
            let number: String = row[0], name: String = row[1]
            if number == folded || memo.foldedName(name) == folded { numbers.append(number) }
        }
        memo.municipalities = (version, folded, numbers)
        return numbers
    }

    /// Red alerts raised since the request's time, in queue order (tenancy applies, the filter does not).
    private func recentRed() throws -> [QueueEntry] {
        guard request.redSince < .infinity else { return [] }
        let outside = Privacy.outsideTenancySQL("p", for: viewer)
        let ids = try Int64.fetchAll(db, sql: """
            SELECT a.id FROM alert a LEFT JOIN patient p ON p.id = a.patientID
            WHERE a.status = 'open' AND a.zone = 2 AND a.raisedAt >= ? AND NOT \(outside.sql) ORDER BY a.raisedAt, a.id
            """, arguments: [request.redSince] + outside.arguments)
        let entries = try rows.entries(db, viewer: viewer, ids: ids)
        return ids.compactMap { entries[$0] }
    }

    /// Each full row of these alerts with its row (for `textSeq` and `wordsSeq`), by one cached statement
    /// (the ids go as a JSON list).
    static func fullRows(_ db: Database, viewer: Viewer, ids: [Int64], _ body: (QueueEntry, Row) -> Void) throws {
        guard !ids.isEmpty else { return }
        let statement = try db.cachedStatement(sql: CacheDatabase.queueRowSQL(where: "a.id IN (SELECT value FROM json_each(?))"))
        let rows = try Row.fetchCursor(statement, arguments: [viewer.operatorID, jsonList(ids)])
        while let row = try rows.next() {
            body(CacheDatabase.queueEntry(row), row)
        }
    }

    /// Ids as a JSON array, for `json_each(?)`.
    static func jsonList(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}

/// The window's steps on any scope: the figures, the selected row's key, the keys around it and its place.
struct QueueWindowing {
    let request: QueueWindowRequest
    let all: any QueueScope
    let shown: any QueueScope
    let recentRed: () throws -> [QueueEntry]
    /// Full rows of these alerts.
    let entries: ([Int64]) throws -> [Int64: QueueEntry]

    static let order: [Zone] = [.red, .yellow, .green]

    func window() throws -> QueueWindow {
        var window = QueueWindow()
        window.all = try figures(all)
        for zone in Self.order {
            window.nextOverdue[zone] = try all.firstAfter(zone, cutoff: request.overdueCutoffs[zone] ?? -.infinity)
        }
        window.shown = request.filter.isEmpty ? window.all : try figures(shown)
        window.recentRed = try recentRed()
        guard let selected = try resolve(request.anchor, shown) else { return window }
        let before = try keys(shown, before: selected, limit: request.margin).reversed()
        let after = try keys(shown, after: selected, inclusive: true, limit: request.margin + 1)
        var position = try shown.countBefore(selected)
        for zone in Self.order where zone > selected.zone { position += try shown.count(zone) }
        let keys = Array(before) + after
        let rows = try entries(keys.map(\.alertID))
        window.rows = keys.compactMap { rows[$0.alertID] }
        window.start = position - before.count
        window.selected = position
        window.selectedKey = selected
        return window
    }

    private func figures(_ scope: any QueueScope) throws -> QueueFigures {
        var figures = QueueFigures()
        for zone in Self.order {
            figures[zone] = try scope.count(zone)
            figures.overdue += try scope.overdue(zone, cutoff: request.overdueCutoffs[zone] ?? -.infinity)
        }
        return figures
    }

    /// The selected row's key: the anchor's alert where it is now (or the row that took its place), moved by the offset.
    private func resolve(_ anchor: QueueAnchor, _ scope: any QueueScope) throws -> QueueKey? {
        switch anchor {
        case .first: return try keys(scope, after: nil, inclusive: true, limit: 1).first
        case .last: return try keys(scope, before: nil, limit: 1).first
        case .key(let old, let offset):
            let key = try scope.key(of: old.alertID) ?? old
            if offset >= 0 {
                let run = try keys(scope, after: key, inclusive: true, limit: offset + 1)
                return try run.last ?? keys(scope, before: key, limit: 1).first
            }
            let run = try keys(scope, before: key, limit: -offset)
            return try run.last ?? keys(scope, after: key, inclusive: true, limit: 1).first
        }
    }

    /// Keys from `key` on across the zones in queue order.
    private func keys(_ scope: any QueueScope, after key: QueueKey?, inclusive: Bool, limit: Int) throws -> [QueueKey] {
        var result: [QueueKey] = []
        for zone in Self.order where result.count < limit {
            guard let key else {
                result += try scope.keys(zone, after: nil, inclusive: true, limit: limit - result.count)
                continue
            }
            if zone > key.zone { continue }
            result += try scope.keys(zone, after: zone == key.zone ? key : nil, inclusive: inclusive, limit: limit - result.count)
        }
        return result
    }

    /// Keys before `key` across the zones, nearest first (from the end without one).
    private func keys(_ scope: any QueueScope, before key: QueueKey?, limit: Int) throws -> [QueueKey] {
        var result: [QueueKey] = []
        for zone in Self.order.reversed() where result.count < limit {
            if let key, zone < key.zone { continue }
            result += try scope.keys(zone, before: key?.zone == zone ? key : nil, limit: limit - result.count)
        }
        return result
    }

}

/// Case and accents ignored, and ø/æ typed as o/ae match too (any keyboard finds Bodø).
public enum TextFolding {
    public static func fold(_ text: String) -> String {
        // Plain ASCII (most names, numbers and measurement words) folds by lowercasing, without Foundation.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5a ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "ø", with: "o").replacingOccurrences(of: "æ", with: "ae")
    }

    /// Whether `haystack` holds `needle` (bytes of folded text).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}
