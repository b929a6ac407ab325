import Foundation
import GRDB
import VardeDomain

/// The prepared statements of measurement ingest: the hot path of an initial sync, kept to one
/// cached statement per step and explicit bindings (no record encoding per row).
struct MeasurementStatements {
    let insert: Statement
    let update: Statement
    let byIdentifier: Statement
    let twin: Statement
    let diagnoses: Statement
    let recentWeights: Statement

    init(_ db: Database) throws {
        insert = try db.cachedStatement(sql: """
            INSERT INTO observation (id, patientID, kind, code, codeDisplay, value, secondValue, unit, effective,
                                     lastUpdated, status, sourceIdentifier)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING
            """)
        update = try db.cachedStatement(sql: """
            UPDATE observation SET patientID = ?, kind = ?, code = ?, codeDisplay = ?, value = ?, secondValue = ?,
                   unit = ?, effective = ?, lastUpdated = ?, status = ?, sourceIdentifier = ?
            WHERE id = ?
            """)
        byIdentifier = try db.cachedStatement(sql: "SELECT id FROM observation WHERE sourceIdentifier = ? LIMIT 1")
        twin = try db.cachedStatement(sql: """
            SELECT id FROM observation WHERE patientID = ? AND kind = ? AND effective = ? AND value = ?
              AND secondValue IS ? AND id != ? LIMIT 1
            """)
        diagnoses = try db.cachedStatement(sql: "SELECT diagnoses FROM patient WHERE id = ?")
        recentWeights = try db.cachedStatement(sql: """
            SELECT * FROM observation WHERE patientID = ? AND kind = 'bodyWeight' AND effective >= ? AND effective < ?
              AND status NOT IN ('entered-in-error', 'cancelled')
            """)
    }

    private static func values(_ m: HomeMeasurement) -> [(any DatabaseValueConvertible)?] {
        [m.patientID, m.kind.rawValue, m.code, m.codeDisplay, m.value, m.secondValue, m.unit,
         m.effective.timeIntervalSince1970, m.lastUpdated.timeIntervalSince1970, m.status.rawValue, m.sourceIdentifier]
    }

    /// Inserts a measurement not seen before; false when its id is already stored.
    func insertIfNew(_ m: HomeMeasurement, _ db: Database) throws -> Bool {
        try insert.execute(arguments: StatementArguments([m.id] + Self.values(m)))
        return db.changesCount == 1
    }

    func replace(_ m: HomeMeasurement) throws {
        try update.execute(arguments: StatementArguments(Self.values(m) + [m.id]))
    }

    /// The same measurement from a second source: the same business identifier when it has one,
    /// otherwise the same patient, kind, time and values, under another resource id.
    func isCopyFromAnotherSource(_ m: HomeMeasurement) throws -> Bool {
        if let identifier = m.sourceIdentifier {
            let id = try String.fetchOne(byIdentifier, arguments: [identifier])
            return id != nil && id != m.id
        }
        return try String.fetchOne(twin, arguments: [m.patientID, m.kind.rawValue, m.effective.timeIntervalSince1970,
                                                     m.value, m.secondValue, m.id]) != nil
    }

    /// The patient's weights in the `within` seconds before `before` (for the weight trend rule).
    func weights(of patientID: String, before: Date, within: TimeInterval) throws -> [HomeMeasurement] {
        try HomeMeasurement.fetchAll(recentWeights, arguments: [
            patientID, before.timeIntervalSince1970 - within, before.timeIntervalSince1970,
        ])
    }

    func diagnoses(of patientID: String) throws -> [Diagnosis] {
        guard let text = try String.fetchOne(diagnoses, arguments: [patientID]),
              let list = try? JSONDecoder().decode([Diagnosis].self, from: Data(text.utf8))
        else { return [] }
        return list
    }
}
