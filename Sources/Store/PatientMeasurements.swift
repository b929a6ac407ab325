import Foundation
import GRDB
import VardeDomain

extension CacheDatabase {
    /// One patient's measurements taken from `from` to `to` (both included), oldest first, without
    /// the ones withdrawn as entered in error or cancelled.
    /// Empty when the patient is blocked for the viewer or outside their municipalities.
    public func measurements(of patientID: String, for viewer: Viewer = .unrestricted, from: Date, to: Date) throws -> [HomeMeasurement] {
        try reader.read { db in
            if let patient = try Patient.fetchOne(db, key: patientID) {
                guard try Self.maySee(patient, viewer, db) else { return [] }
            } else if viewer.municipalities != nil {
                return []
            }
            return try Self.measurements(db, of: patientID, from: from, to: to)
        }
    }

    static func measurements(_ db: Database, of patientID: String, from: Date, to: Date) throws -> [HomeMeasurement] {
        try HomeMeasurement.fetchAll(db, sql: """
            SELECT * FROM observation WHERE patientID = ? AND effective >= ? AND effective <= ?
              AND status NOT IN ('entered-in-error', 'cancelled') ORDER BY effective
            """, arguments: [patientID, from.timeIntervalSince1970, to.timeIntervalSince1970])
    }
}
