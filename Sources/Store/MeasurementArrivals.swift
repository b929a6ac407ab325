import Foundation
import GRDB
import VardeDomain

/// What the cache holds of arrived measurements, read cheaply by row number: the newest row, the
/// server's stamp on it, and how many measurements are kept as `other` (an unknown code).
public struct MeasurementArrivals: Sendable, Equatable {
    /// The highest row number of a stored measurement (0 when there is none); it grows as measurements arrive.
    public var newestRow: Int64
    /// `meta.lastUpdated` of the newest row: the measurement cannot have reached Varde before it.
    public var newestStamp: Date?
    /// Stored measurements of kind `other`.
    public var otherCount: Int

    public init(newestRow: Int64 = 0, newestStamp: Date? = nil, otherCount: Int = 0) {
        self.newestRow = newestRow
        self.newestStamp = newestStamp
        self.otherCount = otherCount
    }
}

extension CacheDatabase {
    /// The arrivals now. With the previous reading only the rows added since it are counted, so that
    /// reading this once a second stays cheap however many measurements the cache holds.
    public func measurementArrivals(after previous: MeasurementArrivals? = nil) throws -> MeasurementArrivals {
        try reader.read { db in try Self.measurementArrivals(db, after: previous) }
    }

    /// The arrivals inside an existing read (the console's snapshot).
    static func measurementArrivals(_ db: Database, after previous: MeasurementArrivals?) throws -> MeasurementArrivals {
        let newest = try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM observation") ?? 0
        guard let previous, newest >= previous.newestRow else {
            let other = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM observation WHERE kind = 'other'") ?? 0
            return MeasurementArrivals(newestRow: newest, newestStamp: try Self.stamp(ofRow: newest, db), otherCount: other)
        }
        if newest == previous.newestRow { return previous }
        let added = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM observation WHERE rowid > ? AND rowid <= ? AND kind = 'other'",
                                     arguments: [previous.newestRow, newest]) ?? 0
        return MeasurementArrivals(newestRow: newest, newestStamp: try Self.stamp(ofRow: newest, db),
                                   otherCount: previous.otherCount + added)
    }

    private static func stamp(ofRow row: Int64, _ db: Database) throws -> Date? {
        try Double.fetchOne(db, sql: "SELECT lastUpdated FROM observation WHERE rowid = ?", arguments: [row])
            .map(Date.init(timeIntervalSince1970:))
    }

    /// Checks that the queue's query can still run against the cache as it is now (its tables and
    /// columns are there, the file can be read), without running it: cheap enough for once a second.
    /// The queue's observation only wakes on this process's own writes; this finds a broken cache between them.
    public func checkQueueReadable(for viewer: Viewer) throws {
        let outside = Privacy.outsideTenancySQL("p", for: viewer)
        let sql = Self.queueRowSQL(where: "a.status = 'open' AND NOT \(outside.sql)")
        try reader.read { db in
            _ = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: [viewer.operatorID] + outside.arguments)
        }
    }

    /// A failed read in a few plain words (SQLite's own message, without the statement).
    public static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }
}
