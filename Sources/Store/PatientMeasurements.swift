import Foundation
import GRDB
import VardeDomain

extension CacheDatabase {
    /// One patient's measurements taken from `from` to `to` (both included), oldest first, without
    /// the ones withdrawn as entered in error or cancelled.
    public func measurements(of patientID: String, from: Date, to: Date) throws -> [HomeMeasurement] {
        try reader.read { db in try Self.measurements(db, of: patientID, from: from, to: to) }
    }

    static func measurements(_ db: Database, of patientID: String, from: Date, to: Date) throws -> [HomeMeasurement] {
        try HomeMeasurement.fetchAll(db, sql: """
            SELECT * FROM observation WHERE patientID = ? AND effective >= ? AND effective <= ?
              AND status NOT IN ('entered-in-error', 'cancelled') ORDER BY effective
            """, arguments: [patientID, from.timeIntervalSince1970, to.timeIntervalSince1970])
    }
}
