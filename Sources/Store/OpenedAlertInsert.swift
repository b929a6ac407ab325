import Foundation
import GRDB
import VardeDomain

extension CacheDatabase {
    /// Writes an alert ingest has just opened, with one cached statement bound by index, its queue number
    /// (`textSeq`) given in the insert itself. Through GRDB's record encoding, and with the number set by a
    /// trigger's update after it, each alert cost ingest as much as storing 60 measurements. The columns
    /// and their forms are the ones `Alert.insert(db)` writes (`OpenedAlertInsertTests` holds them equal).
    static func insertOpened(_ alert: inout Alert, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO alert(patientID, zone, openedAt, raisedAt, triggerMeasurementID, status, basis, key, owner, outcome,
                              note, taskVersion, triggerMessageID, missing, marks, textSeq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(nextQueueNumber))
            """)
        statement.useRawBindings()
        statement.resetForBinding()
        statement.bind(text: alert.patientID, at: 1)
        statement.bind(integer: Int64(alert.zone.rawValue), at: 2)
        statement.bind(double: alert.openedAt.timeIntervalSince1970, at: 3)
        statement.bind(double: alert.raisedAt.timeIntervalSince1970, at: 4)
        statement.bind(text: alert.triggerMeasurementID, at: 5)
        statement.bind(text: alert.status.rawValue, at: 6)
        statement.bind(text: alert.basis.rawValue, at: 7)
        statement.bind(text: alert.key, at: 8)
        statement.bind(text: alert.owner, at: 9)
        statement.bind(text: alert.outcome?.rawValue, at: 10)
        statement.bind(text: alert.note, at: 11)
        statement.bind(text: alert.taskVersion, at: 12)
        statement.bind(text: alert.triggerMessageID, at: 13)
        statement.bind(text: alert.missing, at: 14)
        statement.bind(text: try marksJSON(alert.marks), at: 15)
        try statement.execute()
        alert.id = db.lastInsertedRowID
    }

    /// Marks as the JSON array GRDB writes for the set (in a fixed order; read back, it is the same set).
    static func marksJSON(_ marks: Set<FindingMark>) throws -> String {
        if marks.isEmpty { return "[]" }
        return String(decoding: try JSONEncoder().encode(marks.sorted()), as: UTF8.self)
    }
}
