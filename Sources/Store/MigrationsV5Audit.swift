import GRDB

extension CacheDatabase {
    /// v5-audit: privacy by design: the access log (which is also the outbox of AuditEvents) and
    /// patients' blocks of named operators.
    static func registerV5Audit(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-audit-access-log") { db in
            try db.create(table: "access_log") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("identifier", .text).notNull().unique()
                t.column("at", .double).notNull()
                t.column("operatorID", .text).notNull()
                t.column("patientID", .text).notNull().indexed()
                t.column("what", .text).notNull()
                t.column("workstation", .text).notNull()
                t.column("deliveredAt", .double)
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("lastError", .text)
            }
            try db.execute(sql: "CREATE INDEX access_log_undelivered ON access_log(id) WHERE deliveredAt IS NULL")
        }
        migrator.registerMigration("v5-audit-blocks") { db in
            try db.create(table: "patient_block") { t in
                t.primaryKey("id", .text)
                t.column("patientID", .text).notNull()
                t.column("operatorID", .text).notNull()
                t.column("active", .boolean).notNull()
            }
            try db.create(index: "patient_block_by_operator", on: "patient_block", columns: ["operatorID", "patientID"])
        }
    }
}
