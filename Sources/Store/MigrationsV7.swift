import GRDB

extension CacheDatabase {
    /// v7: each alert keeps its patient's row number, set by a trigger as the alert is written, so
    /// that the caseload finds an alert's patient by position instead of by looking its id up
    /// (patients are written with upserts and never deleted, so a patient's row number does not change).
    /// An alert written before its patient has none, and is looked up by id as before.
    static func registerV7(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7-alert-patient-row") { db in
            try db.alter(table: "alert") { t in t.add(column: "patientRow", .integer) }
            try db.execute(sql: """
                UPDATE alert SET patientRow = (SELECT rowid FROM patient WHERE patient.id = alert.patientID);
                CREATE TRIGGER alert_patient_row AFTER INSERT ON alert WHEN NEW.patientRow IS NULL BEGIN
                    UPDATE alert SET patientRow = (SELECT rowid FROM patient WHERE patient.id = NEW.patientID) WHERE id = NEW.id;
                END;
                """)
        }
    }
}
