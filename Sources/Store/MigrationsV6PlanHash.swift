import GRDB

extension CacheDatabase {
    /// v6: each stored plan's hash, in an index with the patient: ingest checks that the plan it
    /// remembers is still the stored one from this small index instead of reading every plan (at
    /// 50,000 patients the plans outgrew the page cache and pushed the measurement indexes out of it).
    /// Plans stored before have no hash and are read whole, as before.
    static func registerV6PlanHash(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-plan-hash") { db in
            try db.alter(table: "care_plan") { t in t.add(column: "planHash", .integer) }
            try db.create(index: "care_plan_by_hash", on: "care_plan", columns: ["patientID", "planHash"])
        }
    }
}
