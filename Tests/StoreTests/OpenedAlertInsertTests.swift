import Foundation
import GRDB
import Testing
import VardeDomain
@testable import VardeStore

/// Ingest writes the alerts it opens with a statement of its own: the row must be the one GRDB's record
/// encoding writes, column by column, with the queue number the insert trigger would have given it.
struct OpenedAlertInsertTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    func alert(_ patientID: String, marks: Set<FindingMark>, handled: Bool) -> Alert {
        var alert = Alert(patientID: patientID, zone: .red, openedAt: now.addingTimeInterval(-90.25),
                          raisedAt: now.addingTimeInterval(-30.5), triggerMeasurementID: "obs-\(patientID)", basis: .plan)
        alert.marks = marks
        if handled {
            alert.owner = "kari"
            alert.outcome = .contactedPatient
            alert.note = "Ringte «pasienten»"
            alert.taskVersion = "W/\"3\""
            alert.triggerMessageID = "msg-1"
            alert.missing = "heartRate,bodyWeight"
        }
        return alert
    }

    @Test(arguments: [Set<FindingMark>(), [.suspectedError], [.suspectedError, .unapprovedPlan]], [false, true])
    func anOpenedAlertIsStoredAsTheRecordWouldStoreIt(marks: Set<FindingMark>, handled: Bool) throws {
        let cache = try CacheDatabase()
        try cache.writer.write { db in
            var byRecord = alert("p1", marks: marks, handled: handled)
            try byRecord.insert(db)
            var byIngest = alert("p2", marks: marks, handled: handled)
            try CacheDatabase.insertOpened(&byIngest, db)
            let columns = try db.columns(in: "alert").map(\.name).filter { !["id", "patientID", "key", "triggerMeasurementID", "textSeq"].contains($0) }
            let sql = "SELECT \(columns.map { "quote(\($0))" }.joined(separator: ", ")) FROM alert WHERE id = ?"
            let recordRow = try Row.fetchOne(db, sql: sql, arguments: [byRecord.id])
            let ingestRow = try Row.fetchOne(db, sql: sql, arguments: [byIngest.id])
            if marks.count < 2 { #expect(recordRow == ingestRow) }
            #expect(try Alert.fetchOne(db, key: byIngest.id) == byIngest)
            let seqs = try Int.fetchAll(db, sql: "SELECT textSeq FROM alert ORDER BY id")
            #expect(seqs == [1, 2])
        }
    }
}
