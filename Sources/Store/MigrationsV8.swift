import GRDB

extension CacheDatabase {
    /// v8 ("never miss a red"): a measurement's comparator (`<92` is a bound, not a reading), the marks on
    /// an alert's finding (suspected measurement error, plan not approved), the raw text of a resource
    /// that could not be read at all, and how many resources the last pass got stamped in the future.
    static func registerV8(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8-findings") { db in
            try db.alter(table: "observation") { t in t.add(column: "comparator", .text) }
            try db.alter(table: "alert") { t in t.add(column: "marks", .text).notNull().defaults(to: "[]") }
            try db.alter(table: "quarantine") { t in t.add(column: "raw", .text) }
            try db.alter(table: "sync_state") { t in t.add(column: "futureStamped", .integer) }
        }
    }
}
