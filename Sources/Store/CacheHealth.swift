import Foundation
import GRDB

/// Why a cache file cannot be used, in the words the operator reads; never a Foundation error domain or SQL.
public enum CacheProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not a SQLite database at all.
    case notADatabase(path: String)
    /// SQLite found damage; `details` are its first findings.
    case damaged(path: String, details: [String])
    /// A newer Varde has written it (migrations this one does not know).
    case newerVersion(path: String, migrations: [String])
    /// The file or its folder cannot be opened or created.
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            "the local cache \(path) is not a Varde cache (not an SQLite file); move it aside or run `varde cache rebuild`"
        case .damaged(let path, let details):
            "the local cache \(path) is damaged (\(details.prefix(2).joined(separator: "; "))); "
                + "nothing was written to it. Run `varde cache rebuild` to keep what can be read and fetch the rest again"
        case .newerVersion(let path, let migrations):
            "the local cache \(path) was written by a newer Varde (\(migrations.sorted().joined(separator: ", "))); "
                + "use that Varde, or run `varde cache rebuild` with this one"
        case .cannotOpen(let path, let reason):
            "cannot open the local cache \(path): \(reason)"
        }
    }
}

extension CacheDatabase {
    /// How thoroughly a cache is checked when it is opened.
    public enum Check: Sendable {
        /// The header, the schema and SQLite's `quick_check` (every page's structure, not index contents).
        case quick
        /// SQLite's full `integrity_check` (indexes against tables too): `varde cache check`.
        case full
        /// No check (an in-memory cache, a benchmark).
        case none
    }

    /// SQLite's findings about the file, empty when it is sound (at most `limit` of them).
    public func integrityProblems(_ check: Check = .full, limit: Int = 20) throws -> [String] {
        guard check != .none else { return [] }
        let pragma = check == .full ? "integrity_check" : "quick_check"
        return try writer.read { db in
            let rows = try String.fetchAll(db, sql: "PRAGMA \(pragma)(\(limit))")
            return rows == ["ok"] ? [] : rows
        }
    }

    /// Refuses a file that is damaged or from a newer Varde, before anything is written to it: the checks
    /// run on a read-only connection of their own, closed before the cache is opened for writing.
    /// Checks a cache file that is already open (the console, after its first frame): a `CacheProblem` when it is damaged.
    public static func verify(path: String, check: Check = .quick) throws {
        try ensureUsable(path: path, check: check)
    }

    static func ensureUsable(path: String, check: Check) throws {
        var config = Configuration()
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            try queue.read { db in
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
                if try db.tableExists("grdb_migrations"), try migrator.hasBeenSuperseded(db) {
                    let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations)
                    throw CacheProblem.newerVersion(path: path, migrations: Array(unknown))
                }
                guard check != .none else { return }
                let findings = try String.fetchAll(db, sql: "PRAGMA \(check == .full ? "integrity_check" : "quick_check")(5)")
                if findings != ["ok"] { throw CacheProblem.damaged(path: path, details: findings) }
            }
            try queue.close()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw CacheProblem.notADatabase(path: path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            throw CacheProblem.damaged(path: path, details: [error.message ?? "corrupt"])
        }
    }
}
