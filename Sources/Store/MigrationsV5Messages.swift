import GRDB

extension CacheDatabase {
    /// v5: messages with patients. A message the nurse sends is its own outbox entry (status
    /// `queued`) from the moment she presses send; drafts survive restarts; a patient's message can
    /// open a routine alert.
    static func registerV5Messages(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-messages") { db in
            try db.create(table: "message") { t in
                t.primaryKey("id", .text)
                t.column("serverID", .text).indexed()
                t.column("patientID", .text).notNull()
                t.column("direction", .text).notNull()
                t.column("text", .text).notNull()
                t.column("author", .text).notNull()
                t.column("written", .double).notNull()
                t.column("status", .text).notNull()
                t.column("failure", .text)
                t.column("inResponseTo", .text)
                t.column("readByPatient", .double)
                t.column("seenByCentre", .double)
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("lastError", .text)
            }
            try db.create(index: "message_by_patient", on: "message", columns: ["patientID", "written"])
            try db.create(index: "message_outbox", on: "message", columns: ["status"])
            try db.create(table: "message_draft") { t in
                t.primaryKey("patientID", .text)
                t.column("text", .text).notNull()
                t.column("inResponseTo", .text)
                t.column("updated", .double).notNull()
            }
            try db.alter(table: "alert") { t in
                t.add(column: "triggerMessageID", .text)
            }
        }
    }
}
