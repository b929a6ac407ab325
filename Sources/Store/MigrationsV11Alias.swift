import GRDB

extension CacheDatabase {
    /// v11: the earlier names of alerts renamed by a late upload before anyone shared them
    /// (`Alert.named(byEarlier:)`), so a colleague's Task under an earlier name still finds its alert.
    static func registerV11Alias(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v11-alert-alias") { db in
            try db.create(table: "alert_alias") { t in
                t.primaryKey("key", .text)
                t.column("alertID", .integer).notNull().references("alert", onDelete: .cascade)
            }
        }
    }
}
