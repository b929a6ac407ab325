import Foundation
import GRDB
import VardeDomain

/// A rostered patient as a per-patient measurement source needs them: who to ask for, and where they live.
public struct RosterEntry: Sendable, Equatable {
    public var patientID: String
    public var nationalID: String
    public var municipalityNumber: String
}

extension CacheDatabase {
    /// Every cached patient with a fødselsnummer, in id order.
    public func roster() throws -> [RosterEntry] {
        try reader.read { db in
            try Row.fetchAll(db, sql: "SELECT id, nationalID, municipalityNumber FROM patient WHERE nationalID != '' ORDER BY id")
                .map { RosterEntry(patientID: $0["id"], nationalID: $0["nationalID"], municipalityNumber: $0["municipalityNumber"]) }
        }
    }

    /// Gives a patient whose municipality was unknown the one a source tagged; a known one is kept.
    public func assignMunicipality(_ municipality: Municipality, toPatient patientID: String) throws {
        try writer.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO municipality(number, name) VALUES (?, ?)",
                           arguments: [municipality.number, municipality.name])
            try db.execute(sql: "UPDATE patient SET municipalityNumber = ? WHERE id = ? AND municipalityNumber = ''",
                           arguments: [municipality.number, patientID])
        }
    }
}

extension CacheDatabase {
    /// Which of these patients are cached with one of these municipalities (one query for a whole page).
    public func patients(_ ids: Set<String>, livingIn municipalities: Set<String>) throws -> Set<String> {
        guard !ids.isEmpty, !municipalities.isEmpty else { return [] }
        return try reader.read { db in try Self.patients(ids, livingIn: municipalities, db) }
    }

    static func patients(_ ids: Set<String>, livingIn municipalities: Set<String>, _ db: Database) throws -> Set<String> {
        guard !ids.isEmpty, !municipalities.isEmpty else { return [] }
        let idMarks = ids.map { _ in "?" }.joined(separator: ",")
        let numberMarks = municipalities.map { _ in "?" }.joined(separator: ",")
        return Set(try String.fetchAll(db, sql: """
            SELECT id FROM patient WHERE id IN (\(idMarks)) AND municipalityNumber IN (\(numberMarks))
            """, arguments: StatementArguments(Array(ids) + Array(municipalities))))
    }
}
