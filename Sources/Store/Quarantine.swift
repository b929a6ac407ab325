import Foundation
import GRDB
import VardeDomain

/// A resource the sync could not use, and why; counted in summaries, listed by `varde quarantine`.
public struct QuarantinedResource: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord, NumericDates {
    public static let databaseTableName = "quarantine"
    public var id: Int64?
    public var server: String
    public var resourceType: String?
    public var resourceID: String?
    public var reason: String
    public var receivedAt: Date
    /// The resource's text as received (capped), when it could not be read at all.
    public var raw: String?

    public init(server: String, resourceType: String?, resourceID: String?, reason: String, receivedAt: Date,
                raw: String? = nil) {
        self.server = server
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.reason = reason
        self.receivedAt = receivedAt
        self.raw = raw
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension CacheDatabase {
    /// Records quarantined resources; one row per resource (a resource sent again replaces its row).
    /// A device that sent an impossible value (`deviceChecks`, measured inside `window` before `now`) gives
    /// its patient a routine item "umulig verdi fra apparatet" unless an alert already covers the patient.
    /// Returns how many such items it opened.
    @discardableResult
    public func quarantine(_ resources: [QuarantinedResource], deviceChecks: [ImpossibleValue] = [],
                           now: Date = Date(), window: TimeInterval = 72 * 3600) throws -> Int {
        guard !resources.isEmpty || !deviceChecks.isEmpty else { return 0 }
        return try writer.write { db in try quarantine(resources, deviceChecks: deviceChecks, now: now, window: window, db) }
    }

    /// `quarantine` inside a transaction already open (a page of an `IngestBatch`).
    func quarantine(_ resources: [QuarantinedResource], deviceChecks: [ImpossibleValue], now: Date, window: TimeInterval,
                    _ db: Database) throws -> Int {
        for var resource in resources {
            if let resourceID = resource.resourceID {
                try db.execute(sql: "DELETE FROM quarantine WHERE server = ? AND resourceType IS ? AND resourceID = ?",
                               arguments: [resource.server, resource.resourceType, resourceID])
            }
            try resource.insert(db)
        }
        var opened = 0
        for check in deviceChecks where now.timeIntervalSince(check.measuredAt) <= window {
            var alert = Alert.forImpossibleValue(patientID: check.patientID, resourceID: check.resourceID,
                                                 measuredAt: check.measuredAt)
            let covered = try Bool.fetchOne(db, sql: """
                SELECT EXISTS(SELECT 1 FROM alert WHERE (patientID = ? AND status = 'open') OR key = ?)
                """, arguments: [check.patientID, alert.key]) ?? false
            guard !covered else { continue }
            try alert.insert(db)
            opened += 1
        }
        return opened
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
