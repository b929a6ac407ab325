import GRDB

extension CacheDatabase {
    /// v14: `textSeq` moves whenever anything a queue row shows changes, not only its words: also the
    /// alert's `openedAt` (the escalation mark), an amendment of the measurement that triggered it, and
    /// the patient's messages (the trigger message, the unread count). The console then keeps rows it
    /// has read and, after a commit, reads again only those whose `textSeq` moved (`QueueRowMemo`).
    /// Each trigger finds the patient's open alert by `alert_open_per_patient`: one index probe per row.
    /// Also an index of the GPs patients' contacts name (the sync asks which are still unread every pass).
    static func registerV14QueueRows(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v14-queue-rows") { db in
            let next = "(SELECT IFNULL(MAX(textSeq), 0) + 1 FROM alert)"
            let alertColumns = ["status", "zone", "raisedAt", "openedAt", "owner", "patientID", "triggerMeasurementID",
                                "triggerMessageID", "basis", "missing", "marks"]
            let changed = alertColumns.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR ")
            let bumpOpen = { (patient: String, extra: String) in
                "UPDATE alert SET textSeq = \(next) WHERE patientID = \(patient) AND status = 'open'\(extra);"
            }
            try db.execute(sql: """
                DROP TRIGGER alert_text_update;
                CREATE TRIGGER alert_text_update AFTER UPDATE OF \(alertColumns.joined(separator: ", ")) ON alert
                    WHEN \(changed) BEGIN
                    UPDATE alert SET textSeq = \(next) WHERE id = NEW.id;
                END;
                CREATE TRIGGER observation_row_update AFTER UPDATE ON observation BEGIN
                    \(bumpOpen("OLD.patientID", " AND triggerMeasurementID = OLD.id"))
                    \(bumpOpen("NEW.patientID", " AND triggerMeasurementID = NEW.id"))
                END;
                CREATE TRIGGER message_row_insert AFTER INSERT ON message BEGIN \(bumpOpen("NEW.patientID", "")) END;
                CREATE TRIGGER message_row_update AFTER UPDATE OF patientID, direction, text, seenByCentre ON message BEGIN
                    \(bumpOpen("OLD.patientID", "")) \(bumpOpen("NEW.patientID", ""))
                END;
                CREATE TRIGGER message_row_delete AFTER DELETE ON message BEGIN \(bumpOpen("OLD.patientID", "")) END;
                -- Which GPs are still unread is asked on every sync pass: a walk of this index, not of every contact.
                CREATE INDEX patient_contact_practitioner ON patient_contact(practitionerID);
                """)
        }
    }
}
