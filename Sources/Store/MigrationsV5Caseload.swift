import GRDB

extension CacheDatabase {
    /// v5: when each alert was first claimed and resolved, and by whom, kept on the alert as the
    /// history is written, so that the caseload figures read one row per alert instead of sorting
    /// the whole history each time.
    static func registerV5Caseload(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-caseload") { db in
            try db.alter(table: "alert") { t in
                t.add(column: "claimedAt", .double)
                t.add(column: "claimedBy", .text)
                t.add(column: "resolvedAt", .double)
                t.add(column: "resolvedBy", .text)
            }
            try db.execute(sql: """
                UPDATE alert SET
                  claimedAt = (SELECT at FROM alert_history h WHERE h.alertKey = alert.key AND h.what = 'claimed' ORDER BY at LIMIT 1),
                  claimedBy = (SELECT who FROM alert_history h WHERE h.alertKey = alert.key AND h.what = 'claimed' ORDER BY at LIMIT 1),
                  resolvedAt = (SELECT at FROM alert_history h WHERE h.alertKey = alert.key AND h.what LIKE 'resolved%' ORDER BY at LIMIT 1),
                  resolvedBy = (SELECT who FROM alert_history h WHERE h.alertKey = alert.key AND h.what LIKE 'resolved%' ORDER BY at LIMIT 1)
                """)
        }
    }
}
