import Foundation
import GRDB
import VardeDomain

extension CacheDatabase {
    /// Stores blocks as the server has them (a lifted block stays as inactive) and advances the cursor.
    public func storeBlocks(_ blocks: [PatientBlock], cursor: SyncCursor?) throws {
        try writer.write { db in
            for block in blocks {
                try db.execute(sql: """
                    INSERT INTO patient_block(id, patientID, operatorID, active) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET patientID = excluded.patientID, operatorID = excluded.operatorID,
                        active = excluded.active
                    """, arguments: [block.id, block.patientID, block.operatorID, block.active])
            }
            if let cursor { try saveCursor(cursor, db) }
        }
    }

    /// Whether the patient has blocked this operator. Reports and any other view of patient data
    /// must ask this (or use `Privacy.hiddenPatientSQL`) before showing anything about the patient.
    public func isBlocked(patientID: String, for operatorID: String) throws -> Bool {
        try reader.read { db in try Self.isBlocked(patientID, operatorID, db) }
    }

    static func isBlocked(_ patientID: String, _ operatorID: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS(\(Privacy.blockSQL(patient: "?", operatorParameter: "?")))",
                          arguments: [patientID, operatorID]) ?? false
    }

    /// Whether a viewer may see this patient at all: not blocked and within their municipalities.
    static func maySee(_ patient: Patient, _ viewer: Viewer, _ db: Database) throws -> Bool {
        let hidden = Privacy.hiddenPatientSQL("p", for: viewer)
        return try Bool.fetchOne(db, sql: "SELECT NOT \(hidden.sql) FROM patient p WHERE p.id = ?",
                                 arguments: hidden.arguments + [patient.id]) ?? false
    }
}

/// SQL fragments that keep blocked and out-of-tenancy patients out of any query, for every screen
/// and report that reads patient data.
public enum Privacy {
    /// A subquery that finds an active block of `patient` (a column or `?`) for the operator parameter.
    public static func blockSQL(patient: String, operatorParameter: String = "?") -> String {
        "SELECT 1 FROM patient_block b WHERE b.patientID = \(patient) AND b.operatorID = \(operatorParameter) AND b.active = 1"
    }

    /// A condition true for patients (`alias.id`, `alias.municipalityNumber`) the viewer must not see,
    /// with its arguments in order.
    public static func hiddenPatientSQL(_ alias: String, for viewer: Viewer) -> (sql: String, arguments: StatementArguments) {
        var sql = "EXISTS(\(blockSQL(patient: "\(alias).id")))"
        var arguments: StatementArguments = [viewer.operatorID]
        if let allowed = viewer.municipalities {
            let numbers = allowed.sorted()
            sql += numbers.isEmpty ? " OR 1"
                : " OR \(alias).municipalityNumber IS NULL OR \(alias).municipalityNumber NOT IN (\(numbers.map { _ in "?" }.joined(separator: ",")))"
            arguments += StatementArguments(numbers)
        }
        return ("(\(sql))", arguments)
    }

    /// A condition true for patients outside the viewer's municipalities (blocks not included).
    public static func outsideTenancySQL(_ alias: String, for viewer: Viewer) -> (sql: String, arguments: StatementArguments) {
        guard let allowed = viewer.municipalities else { return ("0", []) }
        let numbers = allowed.sorted()
        guard !numbers.isEmpty else { return ("1", []) }
        return ("(\(alias).municipalityNumber IS NULL OR \(alias).municipalityNumber NOT IN (\(numbers.map { _ in "?" }.joined(separator: ","))))",
                StatementArguments(numbers))
    }
}
