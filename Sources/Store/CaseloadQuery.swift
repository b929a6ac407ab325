import Foundation
import GRDB
import GRDBSQLite
import VardeDomain

extension CacheDatabase {
    /// The caseload figures from the cache: the patients counted per municipality, each alert opened
    /// since `since` (and every open one) with its first claim and its resolution (kept on the alert
    /// as its history is written), then `CaseloadFigures` in the Domain layer.
    public func caseload(since: Date, now: Date, hours: ServiceHours = ServiceHours(),
                         targets: ResponseTargets = ResponseTargets(), staffing: Staffing = Staffing(),
                         municipalities: Set<String>? = nil) throws -> CaseloadReport {
        // Response times are given for up to 30 days back, whatever the report's own period.
        let from = min(since, now.addingTimeInterval(-30 * 86_400))
        let (population, history, names) = try reader.read { db in
            let patients = try CaseloadPatients(db)
            return (patients.population, try Self.caseloadHistory(db, from: from, patients: patients), try Self.municipalityNames(db))
        }
        // Only a workstation limited to some municipalities pays for copying the alerts it may see.
        let (seen, people) = municipalities.map { allowed in
            (history.limited(to: allowed), population.filter { allowed.contains($0.municipality) })
        } ?? (history, population)
        var report = CaseloadFigures.report(history: seen, population: people,
                                            since: since, now: now, hours: hours, targets: targets, staffing: staffing)
        report.municipalityNames = names
        return report
    }

    /// The alerts as numbers: each one's municipality is its patient's, looked up in the patients
    /// read before (joining the patient row to each alert in SQL took longer than reading the alerts).
    static func caseloadHistory(_ db: Database, from: Date, patients: CaseloadPatients) throws -> CaseloadHistory {
        let statement = try db.makeStatement(sql: """
            SELECT patientID, zone, basis = 'missingMeasurement', status = 'open',
                   openedAt, raisedAt, owner, claimedAt, claimedBy, resolvedAt, resolvedBy
            FROM alert WHERE status = 'open' OR openedAt >= ? OR claimedAt >= ? OR resolvedAt >= ?
            """)
        // An alert opened before the period but taken or resolved in it is part of a nurse's work in it.
        let since = from.timeIntervalSince1970
        try statement.setArguments([since, since, since])
        var nurses = NameTable()
        var entries: [CaseloadHistory.Entry] = []
        try statement.forEachRow { row in
            func time(_ column: Int32) -> TimeInterval? {
                sqlite3_column_type(row, column) == SQLITE_NULL ? nil : instant(sqlite3_column_double(row, column))
            }
            guard let patient = patients.ids.existing(row, 0) else { return }
            entries.append(CaseloadHistory.Entry(
                municipality: patients.municipalityOfPatient[Int(patient)], owner: nurses.position(row, 6),
                claimedBy: nurses.position(row, 8), resolvedBy: nurses.position(row, 10), patient: Int(patient),
                zone: Zone(rawValue: Int(sqlite3_column_int64(row, 1))) ?? .yellow,
                isOpen: sqlite3_column_int64(row, 3) != 0, missingMeasurement: sqlite3_column_int64(row, 2) != 0,
                openedAt: instant(sqlite3_column_double(row, 4)), raisedAt: instant(sqlite3_column_double(row, 5)),
                claimedAt: time(7), resolvedAt: time(9)))
        }
        return CaseloadHistory(municipalities: patients.municipalities.names, nurses: nurses.names, entries: entries)
    }

    /// A stored time as a `Date` made from it would give it back, so the figures come out as they
    /// did when the alerts were read as dates (the round trip can move the last bit).
    private static func instant(_ seconds: Double) -> TimeInterval {
        Date(timeIntervalSince1970: seconds).timeIntervalSince1970
    }

    static func municipalityNames(_ db: Database) throws -> [String: String] {
        Dictionary(try Row.fetchAll(db, sql: "SELECT number, name FROM municipality").map { ($0["number"], $0["name"]) }) { a, _ in a }
    }
}
