import GRDB

extension CacheDatabase {
    /// v11: the console reads only the rows on screen, so the queue's counts cannot come from its rows.
    /// Open alerts are counted per zone and per ten minutes of `raisedAt` by triggers: a count of the
    /// rows before a place in the queue (the "12/131"), or of those overdue, is a sum over a few
    /// hundred buckets and a count inside one, never a walk over fifty thousand index entries.
    /// An index on the claimant serves `:mine`; a partial one the count of measurements kept as `other`
    /// (the status line's), which the first read of a console made by reading every measurement.
    static func registerV11QueueWindow(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v11-queue-window") { db in
            let bucket = { (row: String) in "CAST(\(row).raisedAt / \(Int(QueueBuckets.width)) AS INTEGER)" }
            try db.execute(sql: """
                CREATE TABLE alert_open_bucket(
                    zone INTEGER NOT NULL, bucket INTEGER NOT NULL, count INTEGER NOT NULL,
                    PRIMARY KEY(zone, bucket)) WITHOUT ROWID;
                INSERT INTO alert_open_bucket(zone, bucket, count)
                    SELECT zone, \(bucket("alert")), COUNT(*) FROM alert WHERE status = 'open' GROUP BY 1, 2;
                CREATE TRIGGER alert_open_bucket_insert AFTER INSERT ON alert WHEN NEW.status = 'open' BEGIN
                    \(Self.bucketAdd("NEW", bucket("NEW")));
                END;
                CREATE TRIGGER alert_open_bucket_delete AFTER DELETE ON alert WHEN OLD.status = 'open' BEGIN
                    \(Self.bucketRemove("OLD", bucket("OLD")));
                END;
                CREATE TRIGGER alert_open_bucket_update AFTER UPDATE ON alert
                    WHEN (OLD.status = 'open' OR NEW.status = 'open')
                      AND (OLD.status IS NOT NEW.status OR OLD.zone IS NOT NEW.zone OR OLD.raisedAt IS NOT NEW.raisedAt) BEGIN
                    \(Self.bucketRemove("OLD", bucket("OLD"), when: "OLD.status = 'open'"));
                    \(Self.bucketAdd("NEW", bucket("NEW"), when: "NEW.status = 'open'"));
                END;
                CREATE INDEX alert_open_owner ON alert(owner, zone, raisedAt) WHERE status = 'open';
                CREATE INDEX observation_other ON observation(kind) WHERE kind = 'other';
                """)
        }
    }

    private static func bucketAdd(_ row: String, _ bucket: String, when: String = "1") -> String {
        // The SELECT's WHERE is also what lets SQLite read ON CONFLICT as the upsert's.
        """
        INSERT INTO alert_open_bucket(zone, bucket, count) SELECT \(row).zone, \(bucket), 1 WHERE \(when)
            ON CONFLICT(zone, bucket) DO UPDATE SET count = count + 1
        """
    }

    private static func bucketRemove(_ row: String, _ bucket: String, when: String = "1") -> String {
        "UPDATE alert_open_bucket SET count = count - 1 WHERE zone = \(row).zone AND bucket = \(bucket) AND \(when)"
    }
}

/// The width of the triggers' buckets of open alerts.
enum QueueBuckets {
    static let width: Double = 600

    static func of(_ raisedAt: Double) -> Int64 { Int64(raisedAt / width) }
}
