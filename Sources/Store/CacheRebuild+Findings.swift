import Foundation
import GRDB
import VardeDomain

extension CacheDatabase {
    /// After a rebuild: an alert whose row could not be read is raised again from the measurements it
    /// stood on, which were copied and so are not judged again by the next sync. Every patient without an
    /// open alert has what they measured since their last handled alert (inside the triage window) judged
    /// again; a finding opens an alert as it did before the damage, and an unread message gets its item
    /// back. Returns the alerts raised.
    func raiseWhatNoAlertCovers(triage: Triage, now: Date) throws -> Int {
        try writer.write { db in
            let patients = try Row.fetchAll(db, sql: """
                SELECT o.patientID,
                       max(coalesce((SELECT max(resolvedAt) FROM alert a WHERE a.patientID = o.patientID AND a.status = 'resolved'), 0),
                           coalesce((SELECT max(at) FROM alert_history h WHERE h.patientID = o.patientID AND h.what LIKE 'resolved%'), 0))
                           AS handledUntil
                FROM observation o
                WHERE o.effective >= ?
                  AND NOT EXISTS (SELECT 1 FROM alert a WHERE a.patientID = o.patientID AND a.status = 'open')
                GROUP BY o.patientID
                """, arguments: [now.addingTimeInterval(-triage.window).timeIntervalSince1970])
            var raised = 0
            for row in patients {
                let patientID: String = row["patientID"]
                let handled = Date(timeIntervalSince1970: row["handledUntil"])
                try judgeAgain(patientID, measuredAfter: handled, triage: triage, now: now, db)
                raised += try Alert.filter(Column("patientID") == patientID && Column("status") == "open").fetchCount(db)
            }
            // What a patient wrote and nobody here opened keeps its item too, as after a resolution.
            let writers = try String.fetchAll(db, sql: """
                SELECT DISTINCT m.patientID FROM message m
                WHERE m.direction = 'fromPatient' AND m.seenByCentre IS NULL
                  AND NOT EXISTS (SELECT 1 FROM alert a WHERE a.patientID = m.patientID AND a.status = 'open')
                """)
            for patientID in writers {
                try Self.keepUnreadMessageOpen(of: patientID, db)
                raised += try Alert.filter(Column("patientID") == patientID && Column("status") == "open").fetchCount(db)
            }
            return raised
        }
    }
}
