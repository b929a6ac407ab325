import Foundation
import GRDB

/// A resource the sync could not use, and why; counted in summaries, listed by `varde quarantine`.
public struct QuarantinedResource: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord, NumericDates {
    public static let databaseTableName = "quarantine"
    public var id: Int64?
    public var server: String
    public var resourceType: String?
    public var resourceID: String?
    public var reason: String
    public var receivedAt: Date

    public init(server: String, resourceType: String?, resourceID: String?, reason: String, receivedAt: Date) {
        self.server = server
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.reason = reason
        self.receivedAt = receivedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension CacheDatabase {
    /// Records quarantined resources; one row per resource (a resource sent again replaces its row).
    public func quarantine(_ resources: [QuarantinedResource]) throws {
        guard !resources.isEmpty else { return }
        try writer.write { db in
            for var resource in resources {
                if let resourceID = resource.resourceID {
                    try db.execute(sql: "DELETE FROM quarantine WHERE server = ? AND resourceType IS ? AND resourceID = ?",
                                   arguments: [resource.server, resource.resourceType, resourceID])
                }
                try resource.insert(db)
            }
        }
    }

    /// The quarantined resources, newest first.
    public func quarantined(limit: Int = 500) throws -> [QuarantinedResource] {
        try reader.read { db in
            try QuarantinedResource.order(Column("receivedAt").desc, Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    public func quarantineCount() throws -> Int {
        try reader.read { db in try QuarantinedResource.fetchCount(db) }
    }
}
