import GRDB

extension CacheDatabase {
    /// v9: measurements are written in the order they arrive. The table (rowid) and its id and business
    /// identifier indexes grow at their ends when a server numbers its resources in order; the per-patient
    /// index keeps only patient and time (narrower rows, so fewer pages for a catch-up to dirty), and is
    /// written in bulk: a catch-up stores many pages per transaction (`IngestBatch`), so each of its pages
    /// is written once per transaction instead of once per page of measurements.
    static func registerV9(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9-arrival-order") { db in
            try db.execute(sql: """
                DROP INDEX observation_by_patient;
                CREATE INDEX observation_by_patient ON observation(patientID, effective);
                """)
        }
    }
}
