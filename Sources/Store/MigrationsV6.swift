import GRDB

extension CacheDatabase {
    /// v6: a measurement's business identifier is unique, so that storing one checks for a copy from
    /// another source in the same index step as the insert instead of in a lookup of its own.
    static func registerV6(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-unique-measurement-identifier") { db in
            // Ingest has skipped copies since v2; an identifier a server changed later could still
            // have made one. The first stored is kept (the server still has them all).
            try db.execute(sql: """
                DELETE FROM observation WHERE sourceIdentifier IS NOT NULL AND rowid NOT IN (
                    SELECT MIN(rowid) FROM observation WHERE sourceIdentifier IS NOT NULL GROUP BY sourceIdentifier)
                """)
            try db.execute(sql: "DROP INDEX observation_by_identifier")
            try db.execute(sql: "CREATE UNIQUE INDEX observation_by_identifier ON observation(sourceIdentifier)")
        }
    }
}
