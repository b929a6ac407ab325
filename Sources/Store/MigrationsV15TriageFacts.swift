import GRDB

extension CacheDatabase {
    /// The alert columns `caseloadRowWrite` reads.
    static let caseloadColumns = ["id", "patientID", "zone", "basis", "status", "openedAt", "raisedAt", "claimedAt",
                                  "resolvedAt", "owner", "claimedBy", "resolvedBy"]

    /// v15 (ingest): a stamp that changes with anything triage reads about a patient (diagnoses, the
    /// self-care plan). Ingest keeps the facts it made under one stamp and reads them again only when the
    /// stamp has moved: every page of measurements used to ask for the diagnoses and plan of each patient
    /// it names, a seventh of the storing thread's time in an initial sync. The stamp is random, not a
    /// count: a rolled-back write puts the old stamp back, and a count would then be given again to other
    /// contents.
    static func registerV15TriageFacts(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v15-triage-facts") { db in
            let bump = "UPDATE triage_facts_stamp SET stamp = random();"
            try db.execute(sql: """
                CREATE TABLE triage_facts_stamp(stamp INTEGER NOT NULL);
                INSERT INTO triage_facts_stamp(stamp) VALUES (random());
                CREATE TRIGGER triage_facts_patient_insert AFTER INSERT ON patient BEGIN \(bump) END;
                CREATE TRIGGER triage_facts_patient_update AFTER UPDATE OF id, diagnoses ON patient
                    WHEN OLD.id IS NOT NEW.id OR OLD.diagnoses IS NOT NEW.diagnoses BEGIN \(bump) END;
                CREATE TRIGGER triage_facts_patient_delete AFTER DELETE ON patient BEGIN \(bump) END;
                CREATE TRIGGER triage_facts_plan_insert AFTER INSERT ON care_plan BEGIN \(bump) END;
                CREATE TRIGGER triage_facts_plan_update AFTER UPDATE ON care_plan
                    WHEN OLD.patientID IS NOT NEW.patientID OR OLD.plan IS NOT NEW.plan OR OLD.planHash IS NOT NEW.planHash
                    BEGIN \(bump) END;
                CREATE TRIGGER triage_facts_plan_delete AFTER DELETE ON care_plan BEGIN \(bump) END;
                """)
            // An alert inserted with its queue number (ingest's `insertOpened`) needs no update to get one.
            try db.execute(sql: """
                DROP TRIGGER alert_text_insert;
                CREATE TRIGGER alert_text_insert AFTER INSERT ON alert WHEN NEW.textSeq = 0 BEGIN
                    UPDATE alert SET textSeq = \(Self.nextQueueNumber) WHERE id = NEW.id;
                END
                """)
            // The caseload's row of an alert is written again only when a column it is made from changes: a new
            // alert's row number in the queue (`textSeq`, set by an update as it is inserted) wrote it twice.
            try db.execute(sql: """
                DROP TRIGGER alert_caseload_update;
                CREATE TRIGGER alert_caseload_update AFTER UPDATE OF \(Self.caseloadColumns.joined(separator: ", ")) ON alert BEGIN
                    \(Self.caseloadRowWrite)
                END
                """)
        }
    }
}
