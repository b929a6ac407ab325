import Foundation
import GRDBSQLite

/// Copies the write-ahead log back into the cache file on a thread of its own, so that the writer
/// (sync storing a page, a nurse claiming an alert) does not wait while it is done. SQLite's own
/// automatic checkpoint runs inside the commit that crosses its threshold: during an initial sync
/// that was every few pages, and the writer spent the time copying pages and waiting for the disk.
/// While the writer goes on writing, a checkpoint in the background never finds the log all copied
/// when a write begins, so the log is not begun again from its start: once it passes `backstop`
/// pages the writer checkpoints in its commit, as SQLite would, which finds little left to copy and
/// lets the next write begin the log again. It does the same when reads hold a checkpoint back.
public final class WALCheckpointer: @unchecked Sendable {
    /// Log pages after which a checkpoint is begun in the background (SQLite's own default threshold).
    static let threshold: Int32 = 1000
    /// Log pages after which the writer checkpoints in its commit, as SQLite would by itself.
    static let backstop: Int32 = 16_000

    private let path: String
    private let queue = DispatchQueue(label: "varde.store.checkpoint", qos: .utility)
    private let lock = NSLock()
    private var scheduled = false

    public init(path: String) { self.path = path }

    /// What the hook holds: the connection may outlive the cache that made it. One small box per
    /// writer connection is never freed (SQLite tells nobody when a hook's connection closes).
    private final class Link {
        weak var checkpointer: WALCheckpointer?
        init(_ checkpointer: WALCheckpointer) { self.checkpointer = checkpointer }
    }

    /// Takes over checkpointing for the writer's connection (replacing SQLite's automatic checkpoint).
    public func watch(_ writer: OpaquePointer) {
        sqlite3_wal_hook(writer, { context, writer, _, pages in
            let checkpointer = Unmanaged<Link>.fromOpaque(context!).takeUnretainedValue().checkpointer
            if pages >= WALCheckpointer.backstop || (checkpointer == nil && pages >= WALCheckpointer.threshold) {
                sqlite3_wal_checkpoint_v2(writer, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            } else if pages >= WALCheckpointer.threshold {
                checkpointer?.schedule()
            }
            return SQLITE_OK
        }, Unmanaged.passRetained(Link(self)).toOpaque())
    }

    /// A checkpoint on the background queue, unless one is waiting to run already.
    private func schedule() {
        let waiting = lock.withLock {
            defer { scheduled = true }
            return scheduled
        }
        guard !waiting else { return }
        queue.async { [self] in
            lock.withLock { scheduled = false }
            // A connection of its own for each checkpoint, so that none stays open once the cache is closed.
            var connection: OpaquePointer?
            defer { sqlite3_close_v2(connection) }
            guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
                  // A connection that has read nothing yet does not know the file is in WAL mode.
                  sqlite3_exec(connection, "SELECT 1 FROM sqlite_master LIMIT 1", nil, nil, nil) == SQLITE_OK else { return }
            // Passive: copies what it can without waiting for the writer or for readers; what is
            // left waits for the next one.
            sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        }
    }
}
