import GRDB

extension CacheDatabase {
    /// v4: handling alerts together: who has each alert, the outbox that carries every step to the
    /// server exactly once, each alert's history, and notices for the operator.
    static func registerV4(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-handling") { db in
            try db.alter(table: "alert") { t in
                t.add(column: "key", .text).notNull().defaults(to: "")
                t.add(column: "owner", .text)
                t.add(column: "outcome", .text)
                t.add(column: "note", .text)
                t.add(column: "taskVersion", .text)
            }
            try db.execute(sql: "UPDATE alert SET key = patientID || '--' || triggerMeasurementID WHERE key = ''")
            try db.create(index: "alert_by_key", on: "alert", columns: ["key"])
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("alertKey", .text).notNull()
                t.column("createdAt", .double).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("lastError", .text)
            }
            try db.create(table: "alert_history") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("alertKey", .text).notNull().indexed()
                t.column("patientID", .text).notNull().indexed()
                t.column("at", .double).notNull()
                t.column("who", .text).notNull()
                t.column("what", .text).notNull()
            }
            try db.create(table: "notice") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .double).notNull()
                t.column("text", .text).notNull()
            }
        }
    }
}
