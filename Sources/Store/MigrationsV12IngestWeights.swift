import GRDB

extension CacheDatabase {
    /// v12 (ingest): the patients' weights in an index of their own, holding what the weight rules read
    /// (time, value, status). Triage asks for a patient's recent weights with every weight that arrives;
    /// through the per-patient index it visited every measurement of those days in the table to find the
    /// few weights among them, a sixth of an initial sync's storing time.
    static func registerV12IngestWeights(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v12-ingest-weights") { db in
            try db.execute(sql: """
                CREATE INDEX observation_weights ON observation(patientID, effective, value, status, kind)
                    WHERE kind = 'bodyWeight'
                """)
        }
    }
}
