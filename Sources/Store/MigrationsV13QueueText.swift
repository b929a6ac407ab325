import GRDB

extension CacheDatabase {
    /// The next number in the queue's order of changes (`alert.textSeq`).
    static let nextQueueNumber = "(SELECT IFNULL(MAX(textSeq), 0) + 1 FROM alert)"

    /// v13: what changed in the queue's words since a read, without reading every row. Every open alert
    /// whose row text or place may have changed (its own columns, its patient, a block on the patient) gets
    /// the next `textSeq`; a deleted alert moves `queue_text_epoch`, after which
    /// a reader starts over. The words filter re-reads only the rows past the `textSeq` it has seen.
    static func registerV13QueueText(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v13-queue-text") { db in
            let next = Self.nextQueueNumber
            let changed = { (columns: [String]) in
                columns.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR ")
            }
            let alertColumns = ["status", "zone", "raisedAt", "owner", "patientID", "triggerMeasurementID", "triggerMessageID",
                                "basis", "missing", "marks"]
            let patientColumns = ["familyName", "givenName", "municipalityNumber", "lastUpdated", "birthDate", "diagnoses"]
            let bumpPatient = { (row: String) in
                "UPDATE alert SET textSeq = \(next) WHERE patientID = \(row).patientID AND status = 'open'"
            }
            let bumpMunicipality = { (row: String) in
                "UPDATE alert SET textSeq = \(next) WHERE status = 'open' AND patientID IN "
                    + "(SELECT id FROM patient WHERE municipalityNumber = \(row).number)"
            }
            try db.execute(sql: """
                ALTER TABLE alert ADD COLUMN textSeq INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX alert_text_seq ON alert(textSeq);
                CREATE TABLE queue_text_epoch(epoch INTEGER NOT NULL);
                INSERT INTO queue_text_epoch(epoch) VALUES (0);
                CREATE TRIGGER alert_text_insert AFTER INSERT ON alert BEGIN
                    UPDATE alert SET textSeq = \(next) WHERE id = NEW.id;
                END;
                CREATE TRIGGER alert_text_update AFTER UPDATE OF \(alertColumns.joined(separator: ", ")) ON alert
                    WHEN \(changed(alertColumns)) BEGIN
                    UPDATE alert SET textSeq = \(next) WHERE id = NEW.id;
                END;
                CREATE TRIGGER alert_text_delete AFTER DELETE ON alert BEGIN
                    UPDATE queue_text_epoch SET epoch = epoch + 1;
                END;
                CREATE TRIGGER patient_text_update AFTER UPDATE OF \(patientColumns.joined(separator: ", ")) ON patient
                    WHEN \(changed(patientColumns)) BEGIN
                    UPDATE alert SET textSeq = \(next) WHERE patientID = NEW.id AND status = 'open';
                END;
                CREATE TRIGGER patient_text_delete AFTER DELETE ON patient BEGIN
                    UPDATE queue_text_epoch SET epoch = epoch + 1;
                END;
                CREATE TRIGGER block_text_insert AFTER INSERT ON patient_block BEGIN \(bumpPatient("NEW")); END;
                CREATE TRIGGER block_text_update AFTER UPDATE ON patient_block BEGIN
                    \(bumpPatient("OLD")); \(bumpPatient("NEW"));
                END;
                CREATE TRIGGER block_text_delete AFTER DELETE ON patient_block BEGIN \(bumpPatient("OLD")); END;
                CREATE TRIGGER municipality_text AFTER UPDATE ON municipality WHEN \(changed(["number", "name"])) BEGIN
                    \(bumpMunicipality("OLD")); \(bumpMunicipality("NEW"));
                END;
                CREATE TRIGGER municipality_text_delete AFTER DELETE ON municipality BEGIN \(bumpMunicipality("OLD")); END;
                """)
        }
    }
}
