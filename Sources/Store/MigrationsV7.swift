import GRDB

extension CacheDatabase {
    /// v7: each alert as the caseload figures read it, in a narrow table of numbers kept by triggers
    /// as alerts are written and changed: reading 150,000 wide alert rows, comparing their status and
    /// basis as text and looking up their patients and nurses by name was most of the time the
    /// caseload took. The patient is its row number (patients are written with upserts and never
    /// deleted, so it does not change), or 0 for an alert written before its patient arrived;
    /// nurses are numbers in the nurse table, 0 for nobody; a time not (yet) come is -1. There are no
    /// NULLs, so that a row is read without asking each column what it holds.
    static func registerV7(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7-alert-caseload") { db in
            try db.execute(sql: """
                CREATE TABLE nurse(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
                CREATE TABLE alert_caseload(
                    alertID INTEGER PRIMARY KEY,
                    patientRow INTEGER NOT NULL,
                    flags INTEGER NOT NULL,
                    openedAt DOUBLE NOT NULL,
                    raisedAt DOUBLE NOT NULL,
                    claimedAt DOUBLE NOT NULL,
                    resolvedAt DOUBLE NOT NULL,
                    owner INTEGER NOT NULL,
                    claimedBy INTEGER NOT NULL,
                    resolvedBy INTEGER NOT NULL);
                """)
            for event in ["INSERT", "UPDATE"] {
                try db.execute(sql: """
                    CREATE TRIGGER alert_caseload_\(event.lowercased()) AFTER \(event) ON alert BEGIN
                        \(Self.caseloadRowWrite)
                    END
                    """)
            }
            try db.execute(sql: """
                CREATE TRIGGER alert_caseload_delete AFTER DELETE ON alert BEGIN
                    DELETE FROM alert_caseload WHERE alertID = OLD.id;
                END;
                INSERT INTO nurse(name)
                    SELECT owner FROM alert WHERE owner IS NOT NULL UNION SELECT claimedBy FROM alert WHERE claimedBy IS NOT NULL
                    UNION SELECT resolvedBy FROM alert WHERE resolvedBy IS NOT NULL;
                INSERT INTO alert_caseload SELECT \(Self.caseloadValues("alert")) FROM alert;
                """)
        }
    }

    /// A trigger's statements that write the caseload row of the alert row `NEW` again.
    static var caseloadRowWrite: String {
        """
        \(nurseInserts("NEW"));
        DELETE FROM alert_caseload WHERE alertID = NEW.id;
        INSERT INTO alert_caseload VALUES (\(caseloadValues("NEW")));
        """
    }

    /// The nurses an alert row names, added to the nurse table if they are new. The triggers use no
    /// conflict clauses: a statement's own (`INSERT OR REPLACE INTO alert`) would override them, and
    /// replacing a nurse would give the name a new number.
    private static func nurseInserts(_ row: String) -> String {
        ["owner", "claimedBy", "resolvedBy"].map { column in
            """
            INSERT INTO nurse(name) SELECT \(row).\(column) WHERE \(row).\(column) IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM nurse WHERE name = \(row).\(column))
            """
        }.joined(separator: ";\n")
    }

    /// An alert row's caseload values: flags are the zone (0–2), 4 for a missing measurement, 8 while open.
    private static func caseloadValues(_ row: String) -> String {
        func nurse(_ column: String) -> String { "ifnull((SELECT id FROM nurse WHERE name = \(row).\(column)), 0)" }
        return """
            \(row).id, ifnull((SELECT rowid FROM patient WHERE patient.id = \(row).patientID), 0),
            \(row).zone | ((\(row).basis = 'missingMeasurement') << 2) | ((\(row).status = 'open') << 3),
            \(row).openedAt, \(row).raisedAt, ifnull(\(row).claimedAt, -1), ifnull(\(row).resolvedAt, -1),
            \(nurse("owner")), \(nurse("claimedBy")), \(nurse("resolvedBy"))
            """
    }
}
