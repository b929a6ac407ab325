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
    /// The kommunenummer of a cached patient; nil if the patient is not cached.
    public func patientMunicipality(_ patientID: String) throws -> String? {
        try reader.read { db in
            try String.fetchOne(db, sql: "SELECT municipalityNumber FROM patient WHERE id = ?", arguments: [patientID])
        }
    }
}
