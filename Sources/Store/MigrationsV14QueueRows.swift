import GRDB

extension CacheDatabase {
    /// v14: `textSeq` moves whenever anything a queue row shows changes, not only its words: also the
    /// alert's `openedAt` (the escalation mark), an amendment of the measurement that triggered it, and
    /// the patient's messages (the trigger message, the unread count). The console then keeps rows it
    /// has read and, after a commit, reads again only those whose `textSeq` moved (`QueueRowMemo`).
    /// `wordsSeq` moves (to the same value) only when the row's words may have changed: the words
    /// filter folds a row again only then, not when an alert changes hands.
    /// Each trigger finds the patient's open alert by `alert_open_per_patient`: one index probe per row.
    /// Also an index of the GPs patients' contacts name (the sync asks which are still unread every pass).
    static func registerV14QueueRows(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v14-queue-rows") { db in
            let next = Self.nextQueueNumber
            // Columns a row's words are made of (patient, trigger, basis, missing), and the rest it shows.
            let wordColumns = ["patientID", "triggerMeasurementID", "triggerMessageID", "basis", "missing"]
            let otherColumns = ["status", "zone", "raisedAt", "openedAt", "owner", "marks"]
            let changed = { (columns: [String]) in columns.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR ") }
            // Both sequences move to the same next value when the words change; `textSeq` alone otherwise.
            let bumpWords = "textSeq = \(next), wordsSeq = \(next)"
            let bumpOpen = { (patient: String, extra: String, set: String) in
                "UPDATE alert SET \(set) WHERE patientID = \(patient) AND status = 'open'\(extra);"
            }
            let bumpMunicipality = { (row: String) in
                "UPDATE alert SET \(bumpWords) WHERE status = 'open' AND patientID IN "
                    + "(SELECT id FROM patient WHERE municipalityNumber = \(row).number);"
            }
            let patientColumns = ["familyName", "givenName", "municipalityNumber", "lastUpdated", "birthDate", "diagnoses"]
            try db.execute(sql: """
                ALTER TABLE alert ADD COLUMN wordsSeq INTEGER NOT NULL DEFAULT 0;
                DROP TRIGGER alert_text_update;
                CREATE TRIGGER alert_text_update AFTER UPDATE OF \(otherColumns.joined(separator: ", ")) ON alert
                    WHEN \(changed(otherColumns)) BEGIN
                    UPDATE alert SET textSeq = \(next) WHERE id = NEW.id;
                END;
                CREATE TRIGGER alert_words_update AFTER UPDATE OF \(wordColumns.joined(separator: ", ")) ON alert
                    WHEN \(changed(wordColumns)) BEGIN
                    UPDATE alert SET \(bumpWords) WHERE id = NEW.id;
                END;
                DROP TRIGGER patient_text_update;
                CREATE TRIGGER patient_text_update AFTER UPDATE OF \(patientColumns.joined(separator: ", ")) ON patient
                    WHEN \(changed(patientColumns)) BEGIN \(bumpOpen("NEW.id", "", bumpWords)) END;
                DROP TRIGGER block_text_insert;
                DROP TRIGGER block_text_update;
                DROP TRIGGER block_text_delete;
                CREATE TRIGGER block_text_insert AFTER INSERT ON patient_block BEGIN \(bumpOpen("NEW.patientID", "", bumpWords)) END;
                CREATE TRIGGER block_text_update AFTER UPDATE ON patient_block BEGIN
                    \(bumpOpen("OLD.patientID", "", bumpWords)) \(bumpOpen("NEW.patientID", "", bumpWords))
                END;
                CREATE TRIGGER block_text_delete AFTER DELETE ON patient_block BEGIN \(bumpOpen("OLD.patientID", "", bumpWords)) END;
                DROP TRIGGER municipality_text;
                DROP TRIGGER municipality_text_delete;
                CREATE TRIGGER municipality_text AFTER UPDATE ON municipality WHEN \(changed(["number", "name"])) BEGIN
                    \(bumpMunicipality("OLD")) \(bumpMunicipality("NEW"))
                END;
                CREATE TRIGGER municipality_text_delete AFTER DELETE ON municipality BEGIN \(bumpMunicipality("OLD")) END;
                CREATE TRIGGER observation_row_update AFTER UPDATE ON observation BEGIN
                    \(bumpOpen("OLD.patientID", " AND triggerMeasurementID = OLD.id", bumpWords))
                    \(bumpOpen("NEW.patientID", " AND triggerMeasurementID = NEW.id", bumpWords))
                END;
                CREATE TRIGGER message_row_insert AFTER INSERT ON message BEGIN \(bumpOpen("NEW.patientID", "", "textSeq = \(next)")) END;
                CREATE TRIGGER message_row_update AFTER UPDATE OF patientID, direction, text, seenByCentre ON message BEGIN
                    \(bumpOpen("OLD.patientID", "", bumpWords)) \(bumpOpen("NEW.patientID", "", bumpWords))
                END;
                CREATE TRIGGER message_row_delete AFTER DELETE ON message BEGIN \(bumpOpen("OLD.patientID", "", bumpWords)) END;
                -- What a municipality filter's name stands for is looked up again only when a municipality changes.
                CREATE TABLE municipality_version(version INTEGER NOT NULL);
                INSERT INTO municipality_version(version) VALUES (0);
                CREATE TRIGGER municipality_version_insert AFTER INSERT ON municipality BEGIN
                    UPDATE municipality_version SET version = version + 1;
                END;
                CREATE TRIGGER municipality_version_update AFTER UPDATE ON municipality WHEN \(changed(["number", "name"])) BEGIN
                    UPDATE municipality_version SET version = version + 1;
                END;
                CREATE TRIGGER municipality_version_delete AFTER DELETE ON municipality BEGIN
                    UPDATE municipality_version SET version = version + 1;
                END;
                -- Which GPs are still unread is asked on every sync pass: a walk of this index, not of every contact.
                CREATE INDEX patient_contact_practitioner ON patient_contact(practitionerID);
                """)
        }
    }
}
