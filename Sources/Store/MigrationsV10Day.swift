import GRDB

extension CacheDatabase {
    /// v10 ("the nurse's whole day"): whom to call about a patient (their phone, next of kin, the GP
    /// resolved from a Practitioner) and the journal-note outbox. New tables only; no existing table's
    /// layout changes. Registered last.
    static func registerV10Day(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v10-day") { db in
            try db.create(table: "patient_contact") { t in
                t.primaryKey("patientID", .text)
                t.column("phone", .text)
                t.column("nextOfKin", .text).notNull().defaults(to: "[]")
                t.column("practitionerID", .text)
                /// The GP as the Patient named them (a display), used until the Practitioner is read.
                t.column("gpDisplay", .text)
            }
            try db.create(index: "patient_contact_by_gp", on: "patient_contact", columns: ["practitionerID"])
            try db.create(table: "practitioner") { t in
                t.primaryKey("id", .text)
                t.column("name", .text)
                t.column("phone", .text)
                /// Why the service could not give it (not found, unreadable); nil once read.
                t.column("problem", .text)
                t.column("readAt", .double).notNull()
            }
            try db.create(table: "journal_note") { t in
                t.primaryKey("id", .text)
                t.column("patientID", .text).notNull()
                t.column("alertKey", .text)
                t.column("author", .text).notNull()
                t.column("written", .double).notNull()
                t.column("text", .text).notNull()
                t.column("status", .text).notNull()
                t.column("serverID", .text)
                t.column("failure", .text)
                t.column("replaces", .text)
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("lastError", .text)
            }
            try db.create(index: "journal_note_outbox", on: "journal_note", columns: ["status", "written"])
            try db.create(index: "journal_note_by_patient", on: "journal_note", columns: ["patientID", "written"])
        }
    }
}
