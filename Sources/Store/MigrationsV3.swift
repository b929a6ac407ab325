import GRDB

extension CacheDatabase {
    /// v3: self-care plans, and which limits (plan or default) set each alert's zone.
    static func registerV3(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-plans") { db in
            try db.create(table: "care_plan") { t in
                t.primaryKey("patientID", .text)
                t.column("id", .text).notNull()
                t.column("plan", .text).notNull() // the SelfCarePlan as JSON: read whole, never queried inside
                t.column("lastUpdated", .double).notNull()
            }
            try db.alter(table: "alert") { t in t.add(column: "basis", .text).notNull().defaults(to: "defaultLimits") }
        }
    }
}
