import GRDB

extension CacheDatabase {
    /// Schema history; never edit a shipped migration, add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "municipality") { t in
                t.primaryKey("number", .text)
                t.column("name", .text).notNull()
            }
            try db.create(table: "patient") { t in
                t.primaryKey("id", .text)
                t.column("nationalID", .text).notNull().indexed()
                t.column("givenName", .text).notNull()
                t.column("familyName", .text).notNull()
                t.column("birthDate", .text).notNull()
                t.column("gender", .text).notNull()
                t.column("municipalityNumber", .text).notNull().indexed()
                t.column("diagnoses", .text).notNull()
                t.column("lastUpdated", .double).notNull()
            }
            try db.create(table: "observation") { t in
                t.primaryKey("id", .text)
                t.column("patientID", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("code", .text).notNull()
                t.column("codeDisplay", .text)
                t.column("value", .double).notNull()
                t.column("secondValue", .double)
                t.column("unit", .text).notNull()
                t.column("effective", .double).notNull()
                t.column("lastUpdated", .double).notNull()
                t.column("status", .text).notNull()
            }
            try db.create(index: "observation_by_patient", on: "observation", columns: ["patientID", "kind", "effective"])
            try db.create(table: "alert") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("patientID", .text).notNull()
                t.column("zone", .integer).notNull()
                t.column("openedAt", .double).notNull()
                t.column("raisedAt", .double).notNull()
                t.column("triggerMeasurementID", .text).notNull()
                t.column("status", .text).notNull()
            }
            // One open alert per patient, enforced by the database itself.
            try db.execute(sql: "CREATE UNIQUE INDEX alert_open_per_patient ON alert(patientID) WHERE status = 'open'")
            try db.create(index: "alert_queue_order", on: "alert", columns: ["status", "zone", "raisedAt"])
            try db.create(table: "sync_cursor") { t in
                t.column("server", .text).notNull()
                t.column("resource", .text).notNull()
                t.column("cursor", .text).notNull()
                t.primaryKey(["server", "resource"])
            }
            try db.create(table: "sync_state") { t in
                t.primaryKey("server", .text)
                t.column("connection", .text).notNull()
                t.column("lastAttemptAt", .double)
                t.column("lastSuccessAt", .double)
                t.column("lastError", .text)
            }
        }
        registerV2(&migrator)
        registerV3(&migrator)
        registerV4(&migrator)
        registerV5Messages(&migrator)
        migrator.registerMigration("v5-missing") { db in
            try db.alter(table: "alert") { t in t.add(column: "missing", .text) }
        }
        registerV5Caseload(&migrator)
        registerV5Audit(&migrator)
        registerV6(&migrator)
        registerV6PlanHash(&migrator)
        registerV7(&migrator)
        registerV8(&migrator)
        registerV9(&migrator)
        registerV10Day(&migrator)
        // Later migrations after these, in the order they landed: a cache that has the earlier ones gets the rest.
        registerV11QueueWindow(&migrator)
        registerV11Alias(&migrator)
        registerV12IngestWeights(&migrator)
        registerV13QueueText(&migrator)
        registerV14QueueRows(&migrator)
        registerV15TriageFacts(&migrator)
        return migrator
    }
}
