import Foundation
import GRDB

/// The local cache on SQLite: the single source of truth the console draws from.
/// Safe to share between threads; writers serialise, readers see committed data only.
public final class CacheDatabase: Sendable {
    public let writer: any DatabaseWriter
    let memo = IngestMemo()

    /// Opens (creating if needed) the cache file in WAL mode so the console can read while sync writes.
    public init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in try db.execute(sql: Self.pageCachePragma) }
        let pool = try DatabasePool(path: path, configuration: config)
        writer = pool
        try Self.migrator.migrate(pool)
        // The cache holds health data: private to the user.
        chmod(path, 0o600)
    }

    /// An in-memory cache for tests and headless renders of fixtures.
    public init() throws {
        let queue = try DatabaseQueue()
        writer = queue
        try Self.migrator.migrate(queue)
    }

    public var reader: any DatabaseReader { writer }

    /// SQLite's default page cache (2 MB) thrashes once the measurement indexes outgrow it: an initial
    /// sync then spends its time rereading index pages. 32 MB per connection keeps them in memory.
    public static let pageCachePragma = "PRAGMA cache_size = -32768; PRAGMA mmap_size = 268435456"
}
