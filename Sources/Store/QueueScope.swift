import Foundation
import GRDB
import VardeDomain

/// The open alerts one filter keeps, asked about zone by zone in queue order: how many, how many
/// before a place, how many overdue, and the keys around a place.
protocol QueueScope {
    func count(_ zone: Zone) throws -> Int
    /// Rows of `key.zone` before `key`.
    func countBefore(_ key: QueueKey) throws -> Int
    /// Rows of `zone` raised at or before `cutoff`.
    func overdue(_ zone: Zone, cutoff: Double) throws -> Int
    /// When the first row of `zone` raised after `cutoff` was raised.
    func firstAfter(_ zone: Zone, cutoff: Double) throws -> Double?
    /// Keys of `zone` from `key` on (all of them without one), ascending.
    func keys(_ zone: Zone, after key: QueueKey?, inclusive: Bool, limit: Int) throws -> [QueueKey]
    /// Keys of `zone` before `key` (all of them without one), nearest first.
    func keys(_ zone: Zone, before key: QueueKey?, limit: Int) throws -> [QueueKey]
    /// The alert's key now, if it is open and kept.
    func key(of alertID: Int64) throws -> QueueKey?
}

/// A filter SQL answers: the viewer's municipalities, the claimant, a municipality, a zone. With no
/// condition but the zone, counts come from the triggers' buckets (`MigrationsV11QueueWindow`).
struct SQLQueueScope: QueueScope {
    let db: Database
    /// The joins and condition after `WHERE a.status = 'open'`, with their arguments.
    let from: String
    let condition: String
    let arguments: StatementArguments
    let bucketed: Bool
    let zones: Set<Zone>
    /// The operator whose blocks hide patients (the stamp says whether a row is blocked).
    let viewerOperator: String
    /// The kommunenummer the municipality filter stands for as of this read.
    let municipalityNumbers: [String]?

    init(_ db: Database, viewer: Viewer, filter: QueueFilter, municipalityNumbers: [String]?) {
        self.db = db
        viewerOperator = viewer.operatorID
        self.municipalityNumbers = municipalityNumbers
        var condition = ""
        var arguments: StatementArguments = []
        let outside = Privacy.outsideTenancySQL("p", for: viewer)
        var joinsPatient = false
        if outside.sql != "0" {
            condition += " AND NOT \(outside.sql)"
            arguments += outside.arguments
            joinsPatient = true
        }
        if let numbers = municipalityNumbers {
            condition += " AND p.municipalityNumber IN (\(numbers.map { _ in "?" }.joined(separator: ",")))"
            arguments += StatementArguments(numbers)
            joinsPatient = true
        }
        if let owner = filter.owner {
            condition += " AND a.owner = ?"
            arguments += [owner]
        }
        if municipalityNumbers != nil {
            // A municipality's patients first (their index), then each one's open alert (one per patient):
            // a few hundred lookups where the other way round visits every open alert of the zone.
            from = "patient p CROSS JOIN alert a ON a.patientID = p.id"
        } else {
            from = joinsPatient ? "alert a LEFT JOIN patient p ON p.id = a.patientID" : "alert a"
        }
        self.condition = condition
        self.arguments = arguments
        bucketed = condition.isEmpty
        zones = filter.zone.map { [$0] } ?? Set(Zone.allCases)
    }

    private func where_(_ zone: Zone) -> String { "a.status = 'open' AND a.zone = \(zone.rawValue)\(condition)" }

    func count(_ zone: Zone) throws -> Int {
        guard zones.contains(zone) else { return 0 }
        if bucketed {
            return try Int.fetchOne(db.cachedStatement(sql: "SELECT IFNULL(SUM(count), 0) FROM alert_open_bucket WHERE zone = ?"),
                                    arguments: [zone.rawValue]) ?? 0
        }
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM \(from) WHERE \(where_(zone))"), arguments: arguments) ?? 0
    }

    func countBefore(_ key: QueueKey) throws -> Int {
        guard zones.contains(key.zone) else { return 0 }
        if bucketed {
            return try bucketsBefore(key.zone, key.raisedAt)
                + inBucket(key.zone, key.raisedAt, "(a.raisedAt, a.id) < (?, ?)", [key.raisedAt, key.alertID])
        }
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM \(from) WHERE \(where_(key.zone)) AND (a.raisedAt, a.id) < (?, ?)"),
                                arguments: arguments + [key.raisedAt, key.alertID]) ?? 0
    }

    func overdue(_ zone: Zone, cutoff: Double) throws -> Int {
        guard zones.contains(zone), cutoff > -.infinity else { return 0 }
        if bucketed { return try bucketsBefore(zone, cutoff) + inBucket(zone, cutoff, "a.raisedAt <= ?", [cutoff]) }
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM \(from) WHERE \(where_(zone)) AND a.raisedAt <= ?"),
                                arguments: arguments + [cutoff]) ?? 0
    }

    func firstAfter(_ zone: Zone, cutoff: Double) throws -> Double? {
        guard zones.contains(zone) else { return nil }
        let bound = cutoff > -.infinity ? cutoff : -Double.greatestFiniteMagnitude
        return try Double.fetchOne(db.cachedStatement(sql: "SELECT a.raisedAt FROM \(from) WHERE \(where_(zone)) AND a.raisedAt > ? ORDER BY a.raisedAt LIMIT 1"),
                                   arguments: arguments + [bound])
    }

    func keys(_ zone: Zone, after key: QueueKey?, inclusive: Bool, limit: Int) throws -> [QueueKey] {
        guard zones.contains(zone), limit > 0 else { return [] }
        let range = key.map { _ in " AND (a.raisedAt, a.id) \(inclusive ? ">=" : ">") (?, ?)" } ?? ""
        let bounds: StatementArguments = key.map { [$0.raisedAt, $0.alertID] } ?? []
        return try fetchKeys("SELECT a.zone, a.raisedAt, a.id FROM \(from) WHERE \(where_(zone))\(range) ORDER BY a.raisedAt, a.id LIMIT ?",
                             arguments + bounds + [limit])
    }

    func keys(_ zone: Zone, before key: QueueKey?, limit: Int) throws -> [QueueKey] {
        guard zones.contains(zone), limit > 0 else { return [] }
        let range = key.map { _ in " AND (a.raisedAt, a.id) < (?, ?)" } ?? ""
        let bounds: StatementArguments = key.map { [$0.raisedAt, $0.alertID] } ?? []
        return try fetchKeys("SELECT a.zone, a.raisedAt, a.id FROM \(from) WHERE \(where_(zone))\(range) ORDER BY a.raisedAt DESC, a.id DESC LIMIT ?",
                             arguments + bounds + [limit])
    }

    func key(of alertID: Int64) throws -> QueueKey? {
        let zoneList = zones.map { String($0.rawValue) }.joined(separator: ",")
        return try fetchKeys("SELECT a.zone, a.raisedAt, a.id FROM \(from) WHERE a.status = 'open' AND a.zone IN (\(zoneList))\(condition) AND a.id = ?",
                             arguments + [alertID]).first
    }

    /// Every key the scope keeps (for the words filter).
    func keys() throws -> [QueueKey] {
        let zoneList = zones.map { String($0.rawValue) }.joined(separator: ",")
        return try fetchKeys("SELECT a.zone, a.raisedAt, a.id FROM \(from) WHERE a.status = 'open' AND a.zone IN (\(zoneList))\(condition)",
                             arguments)
    }

    private func fetchKeys(_ sql: String, _ arguments: StatementArguments) throws -> [QueueKey] {
        var keys: [QueueKey] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try rows.next() {
            keys.append(QueueKey(zone: Zone(rawValue: row[0]) ?? .yellow, raisedAt: row[1], alertID: row[2]))
        }
        return keys
    }

    /// Open alerts of `zone` in the buckets wholly before the one `time` falls in.
    private func bucketsBefore(_ zone: Zone, _ time: Double) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT IFNULL(SUM(count), 0) FROM alert_open_bucket WHERE zone = ? AND bucket < ?"),
                         arguments: [zone.rawValue, QueueBuckets.of(time)]) ?? 0
    }

    /// Open alerts of `zone` in the bucket `time` falls in that pass `test`. The bucket is named as the
    /// triggers compute it, so that no rounding of its bounds can count a row twice or not at all.
    private func inBucket(_ zone: Zone, _ time: Double, _ test: String, _ testArguments: StatementArguments) throws -> Int {
        let bucket = QueueBuckets.of(time)
        let low = Double(bucket) * QueueBuckets.width - 1, high = Double(bucket + 1) * QueueBuckets.width + 1
        return try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(*) FROM alert a WHERE a.status = 'open' AND a.zone = ? AND a.raisedAt BETWEEN ? AND ?
              AND CAST(a.raisedAt / \(Int(QueueBuckets.width)) AS INTEGER) = ? AND \(test)
            """), arguments: [zone.rawValue, low, high, bucket] + testArguments) ?? 0
    }
}

/// A filter with words: the keys SQL keeps, matched against each row's folded text in Swift, held in
/// queue order for as long as nothing is committed and the filter stays.
struct ListQueueScope: QueueScope {
    /// Per zone, ascending.
    private(set) var keys: [Zone: [QueueKey]]
    private(set) var byID: [Int64: QueueKey]

    init(keys all: [QueueKey]) {
        var keys: [Zone: [QueueKey]] = [:]
        for key in all { keys[key.zone, default: []].append(key) }
        for zone in keys.keys { keys[zone]?.sort { $0.precedes($1) } }
        self.keys = keys
        byID = Dictionary(all.map { ($0.alertID, $0) }) { a, _ in a }
    }

    private func list(_ zone: Zone) -> [QueueKey] { keys[zone] ?? [] }

    /// The first index in `zone` whose key does not pass `before`.
    private func boundary(_ zone: Zone, _ before: (QueueKey) -> Bool) -> Int {
        let list = list(zone)
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if before(list[mid]) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func count(_ zone: Zone) -> Int { list(zone).count }
    func countBefore(_ key: QueueKey) -> Int { boundary(key.zone) { $0.precedes(key) } }
    func overdue(_ zone: Zone, cutoff: Double) -> Int { boundary(zone) { $0.raisedAt <= cutoff } }

    func firstAfter(_ zone: Zone, cutoff: Double) -> Double? {
        let index = boundary(zone) { $0.raisedAt <= cutoff }
        return index < list(zone).count ? list(zone)[index].raisedAt : nil
    }

    func keys(_ zone: Zone, after key: QueueKey?, inclusive: Bool, limit: Int) -> [QueueKey] {
        let list = list(zone)
        let start = key.map { key in boundary(zone) { inclusive ? $0.precedes(key) : !key.precedes($0) } } ?? 0
        return Array(list[start..<min(list.count, start + max(0, limit))])
    }

    func keys(_ zone: Zone, before key: QueueKey?, limit: Int) -> [QueueKey] {
        let list = list(zone)
        let end = key.map { key in boundary(zone) { $0.precedes(key) } } ?? list.count
        return Array(list[max(0, end - max(0, limit))..<end].reversed())
    }

    func key(of alertID: Int64) -> QueueKey? { byID[alertID] }

    /// The alert leaves the scope (if it was there).
    mutating func remove(_ alertID: Int64) {
        guard let key = byID.removeValue(forKey: alertID) else { return }
        let index = boundary(key.zone) { $0.precedes(key) }
        if index < list(key.zone).count, list(key.zone)[index] == key { keys[key.zone]?.remove(at: index) }
    }

    /// The alert joins the scope at its place in the queue's order.
    mutating func insert(_ key: QueueKey) {
        remove(key.alertID)
        byID[key.alertID] = key
        keys[key.zone, default: []].insert(key, at: boundary(key.zone) { $0.precedes(key) })
    }
}
