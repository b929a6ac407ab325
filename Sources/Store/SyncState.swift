import Foundation
import GRDB

/// How the console is connected to its server, as the status line shows it.
public enum ConnectionState: String, Sendable, Codable {
    case online, reconnecting, offline
}

/// The last known sync state of one server, written by the sync engine and read by the console.
public struct SyncState: Sendable, Equatable, Codable, NumericDates, PersistableRecord {
    public static let databaseTableName = "sync_state"

    public var server: String
    public var connection: ConnectionState
    public var lastAttemptAt: Date?
    public var lastSuccessAt: Date?
    public var lastError: String?
    /// Resources the last pass received stamped later than the server's own clock: stored, but the cursor
    /// does not follow them, so the workstation says so until the server's stamps are right again.
    public var futureStamped: Int?

    public init(server: String, connection: ConnectionState, lastAttemptAt: Date? = nil,
                lastSuccessAt: Date? = nil, lastError: String? = nil) {
        self.server = server
        self.connection = connection
        self.lastAttemptAt = lastAttemptAt
        self.lastSuccessAt = lastSuccessAt
        self.lastError = lastError
    }
}

extension CacheDatabase {
    public func save(_ state: SyncState) throws {
        try writer.write { db in try state.upsert(db) }
    }

    /// The state of the most recently attempted server, if any sync ever ran.
    public func syncState() throws -> SyncState? {
        try reader.read { db in
            try SyncState.order(Column("lastAttemptAt").desc).fetchOne(db)
        }
    }
}
