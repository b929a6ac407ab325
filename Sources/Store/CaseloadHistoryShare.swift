import Foundation
import GRDB
import GRDBSQLite
import VardeDomain

/// One share of the alerts the caseload reads (those in a range of ids), read on a connection of
/// its own so that the shares are read side by side, and beside the patients. Each alert's patient
/// is found by the row number the alert keeps (v7) once the patients are read; nurses are positions
/// in a table of this share until `CaseloadHistory.joined` puts the shares together.
struct CaseloadHistoryShare {
    var nurses = NameTable()
    var entries: [CaseloadHistory.Entry] = []

    /// Every alert opened since `from`, taken or resolved since then, or still open; alerts of
    /// patients no longer there are left out. `patients` is asked for once this share's rows are read.
    init(_ db: Database, from: Date, ids: ClosedRange<Int64>, patients: () throws -> CaseloadPatients) throws {
        let statement = try db.makeStatement(sql: """
            SELECT patientRow, zone, basis = 'missingMeasurement', status = 'open',
                   openedAt, raisedAt, owner, claimedAt, claimedBy, resolvedAt, resolvedBy,
                   CASE WHEN patientRow IS NULL THEN patientID END
            FROM alert WHERE id BETWEEN ? AND ? AND (openedAt >= ? OR status = 'open' OR claimedAt >= ? OR resolvedAt >= ?)
            """)
        // Most alerts read were opened in the period, so that is asked first. An alert opened before
        // the period but taken or resolved in it is part of a nurse's work in it.
        let since = from.timeIntervalSince1970
        try statement.setArguments([ids.lowerBound, ids.upperBound, since, since, since])
        // Until the patients are read, an entry's patient is its row number, or for the few alerts
        // written before their patient, minus one less the position of the patient's id in `unplaced`.
        var unplaced = NameTable()
        // A plain loop over SQLite's own statement: at a hundred thousand rows a closure per row shows.
        let row = statement.sqliteStatement
        while true {
            let code = sqlite3_step(row)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
            let patient = sqlite3_column_type(row, 0) == SQLITE_NULL
                ? -1 - Int(unplaced.position(row, 11)) : Int(sqlite3_column_int64(row, 0))
            let claimedAt = sqlite3_column_type(row, 7) == SQLITE_NULL ? nil : Self.instant(sqlite3_column_double(row, 7))
            let resolvedAt = sqlite3_column_type(row, 9) == SQLITE_NULL ? nil : Self.instant(sqlite3_column_double(row, 9))
            entries.append(CaseloadHistory.Entry(
                municipality: -1, owner: nurses.position(row, 6),
                claimedBy: nurses.position(row, 8), resolvedBy: nurses.position(row, 10), patient: patient,
                zone: Zone(rawValue: Int(sqlite3_column_int64(row, 1))) ?? .yellow,
                isOpen: sqlite3_column_int64(row, 3) != 0, missingMeasurement: sqlite3_column_int64(row, 2) != 0,
                openedAt: Self.instant(sqlite3_column_double(row, 4)), raisedAt: Self.instant(sqlite3_column_double(row, 5)),
                claimedAt: claimedAt, resolvedAt: resolvedAt))
        }
        try place(in: patients(), unplaced: unplaced)
    }

    /// Each entry given its patient's position and municipality; entries whose patient is not there are left out.
    private mutating func place(in patients: CaseloadPatients, unplaced: NameTable) {
        let byID = unplaced.names.map { patients.ids.existing(name: $0) ?? -1 }
        let byRow = patients.positionOfRow, municipalityOf = patients.municipalityOfPatient
        var kept = 0
        for index in entries.indices {
            var entry = entries[index]
            let key = entry.patient
            let position = key >= 0 ? (key < byRow.count ? byRow[key] : -1) : byID[-1 - key]
            guard position >= 0 else { continue }
            entry.patient = Int(position)
            entry.municipality = municipalityOf[Int(position)]
            entries[kept] = entry
            kept += 1
        }
        entries.removeLast(entries.count - kept)
    }

    /// A stored time as a `Date` made from it would give it back, so the figures come out as they
    /// did when the alerts were read as dates (the round trip can move the last bit).
    static func instant(_ seconds: Double) -> TimeInterval {
        Date(timeIntervalSince1970: seconds).timeIntervalSince1970
    }
}

extension CaseloadHistory {
    /// The shares as one history, with one table of nurses.
    static func joined(_ shares: [CaseloadHistoryShare], patients: CaseloadPatients) -> CaseloadHistory {
        var nurses = NameTable()
        var entries: [Entry] = []
        entries.reserveCapacity(shares.reduce(0) { $0 + $1.entries.count })
        for share in shares {
            let nurseOf = share.nurses.positions(in: &nurses)
            func nurse(_ position: Int32) -> Int32 { position < 0 ? -1 : nurseOf[Int(position)] }
            for var entry in share.entries {
                entry.owner = nurse(entry.owner)
                entry.claimedBy = nurse(entry.claimedBy)
                entry.resolvedBy = nurse(entry.resolvedBy)
                entries.append(entry)
            }
        }
        return CaseloadHistory(municipalities: patients.municipalities.names, nurses: nurses.names, entries: entries)
    }
}

extension ClosedRange<Int64> {
    /// The range cut into `count` ranges of about the same length, in order (fewer when it is shorter).
    func shares(_ count: Int) -> [ClosedRange<Int64>] {
        let length = upperBound - lowerBound + 1, count = Swift.max(1, Swift.min(Int64(count), length))
        return (0..<count).map { share in
            (lowerBound + length * share / count)...(lowerBound + length * (share + 1) / count - 1)
        }
    }
}
