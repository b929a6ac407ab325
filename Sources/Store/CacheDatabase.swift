import Foundation
import GRDB

/// The local cache on SQLite: the single source of truth the console draws from.
/// Safe to share between threads; writers serialise, readers see committed data only.
public final class CacheDatabase: Sendable {
    public let writer: any DatabaseWriter
    let memo = IngestMemo()
    /// Checkpoints the file's write-ahead log beside the writer (none for an in-memory cache).
    let checkpointer: WALCheckpointer?
    /// The cache file; nil for an in-memory cache.
    public let path: String?

    /// Opens (creating if needed) the cache file in WAL mode so the console can read while sync writes.
    /// An existing file is checked first (`check`): a damaged cache, or one from a newer Varde, is refused
    /// with a `CacheProblem` before anything is written to it.
    public init(path: String, check: Check = .quick) throws {
        var config = Configuration()
        config.busyMode = .timeout(5)
        let checkpointer = WALCheckpointer(path: path)
        config.prepareDatabase { db in
            try db.execute(sql: Self.pageCachePragma)
            if !db.configuration.readonly {
                try db.execute(sql: Self.writerPageCachePragma)
                if let connection = db.sqliteConnection { checkpointer.watch(connection) }
            }
        }
        self.checkpointer = checkpointer
        self.path = path
        if FileManager.default.fileExists(atPath: path) { try Self.ensureUsable(path: path, check: check) }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw CacheProblem.notADatabase(path: path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            throw CacheProblem.damaged(path: path, details: [error.message ?? "corrupt"])
        } catch let error as DatabaseError {
            throw CacheProblem.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
        writer = pool
        try Self.migrator.migrate(pool)
        // The cache holds health data: private to the user.
        chmod(path, 0o600)
    }

    /// An in-memory cache for tests and headless renders of fixtures.
    public init() throws {
        let queue = try DatabaseQueue()
        writer = queue
        checkpointer = nil
        path = nil
        try Self.migrator.migrate(queue)
    }

    public var reader: any DatabaseReader { writer }

    /// SQLite's default page cache (2 MB) thrashes once the measurement indexes outgrow it: an initial
    /// sync then spends its time rereading index pages. 32 MB per connection keeps them in memory.
    public static let pageCachePragma = "PRAGMA cache_size = -32768; PRAGMA mmap_size = 268435456"
    /// The writer holds every page a catch-up batch dirties until it commits (`IngestBatch`): a batch that
    /// outgrew the cache would spill pages into the log mid-transaction and write them again at commit.
    public static let writerPageCachePragma = "PRAGMA cache_size = -131072"
}
