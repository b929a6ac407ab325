import Foundation
import GRDBSQLite
import VardeDomain
import VardeStore

/// The floor: the same rows into the same schema with raw SQLite prepared statements, committed in
/// transactions of the same size as sync pages. Nothing can ingest faster than this.
enum RawSQLiteFloor {
    static func insert(_ measurements: [HomeMeasurement], batch: Int, path: String) throws -> TimeInterval {
        _ = try CacheDatabase(path: path) // the same schema, migrations and WAL mode as the real cache
        var db: OpaquePointer?
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw BenchError("cannot open \(path)") }
        defer { sqlite3_close(db) }
        sqlite3_exec(db, "PRAGMA journal_mode=WAL", nil, nil, nil)
        sqlite3_exec(db, "PRAGMA synchronous=NORMAL", nil, nil, nil) // as GRDB sets it with WAL
        sqlite3_exec(db, CacheDatabase.pageCachePragma, nil, nil, nil) // the cache's own connection settings
        var statement: OpaquePointer?
        let sql = """
            INSERT INTO observation (id, patientID, kind, code, codeDisplay, value, secondValue, unit, effective,
                                     lastUpdated, status, sourceIdentifier) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            """
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { throw BenchError("prepare failed") }
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        func text(_ index: Int32, _ value: String?) {
            if let value { sqlite3_bind_text(statement, index, value, -1, transient) } else { sqlite3_bind_null(statement, index) }
        }
        let started = Date()
        for start in stride(from: 0, to: measurements.count, by: batch) {
            sqlite3_exec(db, "BEGIN IMMEDIATE", nil, nil, nil)
            for m in measurements[start..<min(measurements.count, start + batch)] {
                text(1, m.id); text(2, m.patientID); text(3, m.kind.rawValue); text(4, m.code); text(5, m.codeDisplay)
                sqlite3_bind_double(statement, 6, m.value)
                if let second = m.secondValue { sqlite3_bind_double(statement, 7, second) } else { sqlite3_bind_null(statement, 7) }
                text(8, m.unit)
                sqlite3_bind_double(statement, 9, m.effective.timeIntervalSince1970)
                sqlite3_bind_double(statement, 10, m.lastUpdated.timeIntervalSince1970)
                text(11, m.status.rawValue); text(12, m.sourceIdentifier)
                guard sqlite3_step(statement) == SQLITE_DONE else { throw BenchError("insert failed") }
                sqlite3_reset(statement)
            }
            sqlite3_exec(db, "COMMIT", nil, nil, nil)
        }
        return Date().timeIntervalSince(started)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
