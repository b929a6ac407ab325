import Foundation
import GRDBSQLite
import VardeDomain
import VardeStore

/// The same rows stored with raw SQLite prepared statements, with the cache's connection settings and its
/// checkpoints (`WALCheckpointer`: the log copied back on a thread of its own), one transaction per `batch`
/// rows. Nothing decodes, maps, deduplicates or triages: each layout is a floor for storing alone.
enum RawSQLiteFloor {
    /// Where the rows go.
    enum Layout {
        /// The table in arrival order with its id and business-identifier keys (both arrive in order from
        /// the simulator) and no per-patient index: the physical limit of storing these rows at all.
        case arrivalOrder
        /// The same plus the per-patient index the console's patient view and triage read
        /// (`observation(patientID, effective)`, as the cache has it since v9).
        case perPatientIndex

        var schema: String {
            var sql = """
                CREATE TABLE observation (
                    id TEXT PRIMARY KEY, patientID TEXT NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL, codeDisplay TEXT,
                    value DOUBLE NOT NULL, secondValue DOUBLE, unit TEXT NOT NULL, effective DOUBLE NOT NULL,
                    lastUpdated DOUBLE NOT NULL, status TEXT NOT NULL, sourceIdentifier TEXT, comparator TEXT);
                CREATE UNIQUE INDEX observation_by_identifier ON observation(sourceIdentifier);
                """
            if case .perPatientIndex = self { sql += "CREATE INDEX observation_by_patient ON observation(patientID, effective);" }
            return sql
        }
    }

    static func insert(_ measurements: [HomeMeasurement], layout: Layout, batch: Int, path: String) throws -> Observed {
        var db: OpaquePointer?
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw BenchError("cannot open \(path)") }
        defer { sqlite3_close(db) }
        for sql in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", CacheDatabase.pageCachePragma,
                    CacheDatabase.writerPageCachePragma, layout.schema] {
            guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw BenchError("\(sql): \(String(cString: sqlite3_errmsg(db)))") }
        }
        let checkpointer = WALCheckpointer(path: path)
        checkpointer.watch(db!)
        var statement: OpaquePointer?
        let sql = """
            INSERT INTO observation (id, patientID, kind, code, codeDisplay, value, secondValue, unit, effective,
                                     lastUpdated, status, sourceIdentifier, comparator) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
            """
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { throw BenchError("prepare failed") }
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        func text(_ index: Int32, _ value: String?) {
            if let value { sqlite3_bind_text(statement, index, value, -1, transient) } else { sqlite3_bind_null(statement, index) }
        }
        // The hook holds the checkpointer weakly, as the cache's does: it must live as long as the inserts.
        return try withExtendedLifetime(checkpointer) { try Observed.measure({
            for start in stride(from: 0, to: measurements.count, by: batch) {
                sqlite3_exec(db, "BEGIN IMMEDIATE", nil, nil, nil)
                for m in measurements[start..<min(measurements.count, start + batch)] {
                    text(1, m.id); text(2, m.patientID); text(3, m.kind.rawValue); text(4, m.code); text(5, m.codeDisplay)
                    sqlite3_bind_double(statement, 6, m.value)
                    if let second = m.secondValue { sqlite3_bind_double(statement, 7, second) } else { sqlite3_bind_null(statement, 7) }
                    text(8, m.unit)
                    sqlite3_bind_double(statement, 9, m.effective.timeIntervalSince1970)
                    sqlite3_bind_double(statement, 10, m.lastUpdated.timeIntervalSince1970)
                    text(11, m.status.rawValue); text(12, m.sourceIdentifier); text(13, m.comparator?.rawValue)
                    guard sqlite3_step(statement) == SQLITE_DONE else { throw BenchError("insert failed") }
                    sqlite3_reset(statement)
                }
                guard sqlite3_exec(db, "COMMIT", nil, nil, nil) == SQLITE_OK else { throw BenchError("commit failed") }
            }
        }, settle: { settle(db!) }) }
    }

    /// Lets the background checkpoint finish, then copies what is left of the log back into the file.
    static func settle(_ db: OpaquePointer) {
        Thread.sleep(forTimeInterval: 0.5)
        sqlite3_wal_checkpoint_v2(db, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
