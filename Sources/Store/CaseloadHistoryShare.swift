import Foundation
import GRDB
import GRDBSQLite
import VardeDomain

/// One share of the alerts the caseload reads (those in a range of ids), read on a connection of
/// its own so that the shares are read side by side, and beside the patients. It reads the numbers
/// the v7 triggers keep for each alert; its patients and nurses are placed once those are read.
struct CaseloadHistoryShare {
    var entries: [CaseloadHistory.Entry] = []

    /// Every alert opened since `from`, taken or resolved since then, or still open; alerts of
    /// patients no longer there are left out. `patients` is asked for once this share's rows are
    /// read; `expected` is about how many rows there are.
    init(_ db: Database, from: Date, ids: ClosedRange<Int64>, expected: Int, patients: () throws -> CaseloadPatients) throws {
        let statement = try db.makeStatement(sql: """
            SELECT patientRow, flags, openedAt, raisedAt, claimedAt, resolvedAt, owner, claimedBy, resolvedBy,
                   CASE WHEN patientRow = 0 THEN (SELECT patientID FROM alert WHERE alert.id = alertID) END
            FROM alert_caseload
            WHERE alertID BETWEEN ? AND ? AND (openedAt >= ? OR flags >= 8 OR claimedAt >= ? OR resolvedAt >= ?)
            """)
        // Most alerts read were opened in the period, so that is asked first; flags from 8 up are the
        // open ones. An alert opened before the period but taken or resolved in it is part of a
        // nurse's work in it.
        let since = from.timeIntervalSince1970
        try statement.setArguments([ids.lowerBound, ids.upperBound, since, since, since])
        // Memory asked for once: growing a list of this size page by page shows in the time.
        entries.reserveCapacity(expected)
        // Until the patients are read, an entry's patient is its row number, or for the few alerts
        // written before their patient, minus one less the position of the patient's id in `unplaced`;
        // its nurses are their numbers in the nurse table (0 for nobody).
        var unplaced = NameTable()
        // A plain loop over SQLite's own statement: at a hundred thousand rows a closure per row shows.
        let row = statement.sqliteStatement
        func nurse(_ column: Int32) -> Int32 { Int32(truncatingIfNeeded: sqlite3_column_int64(row, column)) }
        func instant(_ column: Int32) -> TimeInterval? {
            let seconds = sqlite3_column_double(row, column)
            return seconds < 0 ? nil : Self.instant(seconds)
        }
        while true {
            let code = sqlite3_step(row)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
            let patientRow = Int(sqlite3_column_int64(row, 0))
            let patient = patientRow == 0 ? -1 - Int(unplaced.position(row, 9)) : patientRow
            let flags = sqlite3_column_int64(row, 1)
            entries.append(CaseloadHistory.Entry(
                municipality: -1, owner: nurse(6), claimedBy: nurse(7), resolvedBy: nurse(8), patient: patient,
                zone: Zone(rawValue: Int(flags & 3)) ?? .yellow, isOpen: flags & 8 != 0, missingMeasurement: flags & 4 != 0,
                openedAt: Self.instant(sqlite3_column_double(row, 2)), raisedAt: Self.instant(sqlite3_column_double(row, 3)),
                claimedAt: instant(4), resolvedAt: instant(5)))
        }
        // The patients of the alerts written before them, if they have arrived since.
        let unplacedRows = try unplaced.names.map { id in try Int.fetchOne(db, sql: "SELECT rowid FROM patient WHERE id = ?", arguments: [id]) ?? 0 }
        try place(in: patients(), unplacedRows: unplacedRows)
    }

    /// Each entry given its patient's position and municipality, and its nurses' positions; entries
    /// whose patient is not there are left out.
    private mutating func place(in patients: CaseloadPatients, unplacedRows: [Int]) {
        let byRow = patients.positionOfRow, municipalityOf = patients.municipalityOfPatient, nurseOf = patients.nurseOfNumber
        func nurse(_ number: Int32) -> Int32 { number > 0 && Int(number) < nurseOf.count ? nurseOf[Int(number)] : -1 }
        var kept = 0
        for index in entries.indices {
            var entry = entries[index]
            let key = entry.patient
            let patientRow = key > 0 ? key : unplacedRows[-1 - key]
            let position = patientRow > 0 && patientRow < byRow.count ? byRow[patientRow] : -1
            guard position >= 0 else { continue }
            entry.patient = Int(position)
            entry.municipality = municipalityOf[Int(position)]
            entry.owner = nurse(entry.owner)
            entry.claimedBy = nurse(entry.claimedBy)
            entry.resolvedBy = nurse(entry.resolvedBy)
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

extension ClosedRange<Int64> {
    /// The range cut into `count` ranges of about the same length, in order (fewer when it is shorter).
    func shares(_ count: Int) -> [ClosedRange<Int64>] {
        let length = upperBound - lowerBound + 1, count = Swift.max(1, Swift.min(Int64(count), length))
        return (0..<count).map { share in
            (lowerBound + length * share / count)...(lowerBound + length * (share + 1) / count - 1)
        }
    }
}
