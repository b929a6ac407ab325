import Foundation
import GRDB
import VardeDomain

/// What `varde cache rebuild` kept from a damaged cache, table by table, and what it could not read.
public struct CacheRebuildReport: Sendable {
    /// Where the damaged file was moved (with its -wal and -shm beside it).
    public var damagedCopy: String
    public var tables: [Table]
    /// The damaged file could not be opened at all: nothing was kept.
    public var unreadableFile: String?
    /// Alerts raised again from copied measurements that no copied alert covered (their row was lost).
    public var alertsRaised = 0

    /// One table: rows copied into the new cache, and rows or ranges of rows that could not be read.
    public struct Table: Sendable {
        public var name: String
        public var copied: Int
        /// Row ranges (rowids) SQLite could not read, as "1501–2000".
        public var unreadable: [String]
    }
}

extension CacheDatabase {
    /// Tables kept by triggers (filled again as alerts are copied), migration bookkeeping, the sync cursors
    /// (reset, so that the next sync fetches everything from the service again) and the triage facts' stamp.
    static let notCopied: Set<String> = ["grdb_migrations", "alert_caseload", "nurse", "sync_cursor", "sync_state",
                                         "triage_facts_stamp"]
    /// Parents before children, so that what triggers read is already there.
    static let copyOrder = ["municipality", "patient", "care_plan", "observation", "alert", "alert_history", "outbox",
                            "notice", "message", "message_draft", "access_log", "patient_block", "quarantine"]

    /// Moves a damaged cache aside and makes a new one at `path` holding everything SQLite can still read
    /// from it: what exists only on this workstation (handling steps and messages not yet delivered,
    /// drafts, the access log) and the rest, which the next sync completes from the service (the cursors
    /// start again from the beginning; what comes again unchanged changes nothing).
    public static func rebuild(path: String, now: Date = Date(), triage: Triage = Triage()) throws -> CacheRebuildReport {
        let stamp = ISO8601DateFormatter().string(from: now).replacingOccurrences(of: ":", with: "")
        let aside = "\(path).damaged-\(stamp)"
        let files = FileManager.default
        for suffix in ["", "-wal", "-shm"] where files.fileExists(atPath: path + suffix) {
            try files.moveItem(atPath: path + suffix, toPath: aside + suffix)
        }
        var report = CacheRebuildReport(damagedCopy: aside, tables: [])
        let fresh = try CacheDatabase(path: path, check: .none)
        var config = Configuration()
        config.readonly = true
        let old: DatabaseQueue
        do {
            old = try DatabaseQueue(path: aside, configuration: config)
            _ = try old.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        } catch {
            report.unreadableFile = "\(error)"
            return report
        }
        let names = try fresh.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        }.filter { !notCopied.contains($0) }
        let ordered = copyOrder.filter(names.contains) + names.filter { !copyOrder.contains($0) }.sorted()
        for name in ordered { report.tables.append(try copy(name, from: old, to: fresh)) }
        report.alertsRaised = try fresh.raiseWhatNoAlertCovers(triage: triage, now: now)
        return report
    }

    /// Copies one table's readable rows in ranges of rowids, skipping what SQLite cannot read.
    private static func copy(_ table: String, from old: DatabaseQueue, to fresh: CacheDatabase) throws -> CacheRebuildReport.Table {
        var result = CacheRebuildReport.Table(name: table, copied: 0, unreadable: [])
        let newColumns = try fresh.writer.read { db in try db.columns(in: table).map(\.name) }
        let oldColumns: [String]
        do {
            oldColumns = try old.read { db in try db.tableExists(table) ? db.columns(in: table).map(\.name) : [] }
        } catch {
            result.unreadable.append("the whole table")
            return result
        }
        let columns = newColumns.filter(oldColumns.contains)
        guard !columns.isEmpty else { return result }
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        // A damaged table may not even give its highest rowid: then every range is tried (nothing is skipped).
        var highest: Int64?
        do {
            highest = try old.read { db in try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM \"\(table)\"") }
        } catch {
            highest = nil
        }
        let chunk: Int64 = 500
        var from: Int64 = 0
        // Without a readable highest rowid, ranges are tried until a long run of them comes back empty.
        let end = highest ?? 50_000_000
        while from <= end {
            let rows: [Row]
            do {
                rows = try old.read { db in
                    try Row.fetchAll(db, sql: "SELECT \(list) FROM \"\(table)\" WHERE rowid >= ? AND rowid < ?",
                                     arguments: [from, from + chunk])
                }
            } catch {
                result.unreadable.append("\(from)–\(from + chunk - 1)")
                from += chunk
                continue
            }
            if highest == nil, rows.isEmpty, from > 1_000_000 { break }
            try fresh.writer.write { db in
                let insert = try db.makeStatement(sql: "INSERT INTO \"\(table)\" (\(list)) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))")
                for row in rows {
                    do {
                        try insert.execute(arguments: StatementArguments(columns.map { row[$0] as DatabaseValue }))
                        result.copied += 1
                    } catch {
                        result.unreadable.append("a row that breaks the table's rules")
                    }
                }
            }
            from += chunk
        }
        return result
    }
}
