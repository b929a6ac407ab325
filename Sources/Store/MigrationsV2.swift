import GRDB

extension CacheDatabase {
    /// v2: resources that could not be used, kept with the reason so an operator can see them.
    static func registerV2(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-quarantine") { db in
            try db.create(table: "quarantine") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("server", .text).notNull()
                t.column("resourceType", .text)
                t.column("resourceID", .text)
                t.column("reason", .text).notNull()
                t.column("receivedAt", .double).notNull()
            }
            try db.create(index: "quarantine_by_resource", on: "quarantine",
                          columns: ["server", "resourceType", "resourceID"])
        }
        migrator.registerMigration("v2-measurement-identifier") { db in
            try db.alter(table: "observation") { t in t.add(column: "sourceIdentifier", .text) }
            try db.create(index: "observation_by_identifier", on: "observation", columns: ["sourceIdentifier"])
        }
    }
}
