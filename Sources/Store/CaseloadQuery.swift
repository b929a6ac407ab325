import Foundation
import GRDB
import GRDBSQLite
import VardeDomain

extension CacheDatabase {
    /// The caseload figures from the cache: the population per municipality counted in SQL, each
    /// alert opened since `since` (and every open one) with its first claim and its resolution (kept
    /// on the alert as its history is written), then `CaseloadFigures` in the Domain layer.
    public func caseload(since: Date, now: Date, hours: ServiceHours = ServiceHours(),
                         targets: ResponseTargets = ResponseTargets(), staffing: Staffing = Staffing(),
                         municipalities: Set<String>? = nil) throws -> CaseloadReport {
        // Response times are given for up to 30 days back, whatever the report's own period.
        let from = min(since, now.addingTimeInterval(-30 * 86_400))
        let t0 = Date()
        var t1 = Date(), t2 = Date()
        let (population, history, names) = try reader.read { db in
            let p = try Self.population(db); t1 = Date()
            let h = try Self.caseloadHistory(db, from: from); t2 = Date()
            return (p, h, try Self.municipalityNames(db))
        }
        // Only a workstation limited to some municipalities pays for copying the alerts it may see.
        let (seen, people) = municipalities.map { allowed in
            (history.limited(to: allowed), population.filter { allowed.contains($0.municipality) })
        } ?? (history, population)
        let t3 = Date()
        var report = CaseloadFigures.report(history: seen, population: people,
                                            since: since, now: now, hours: hours, targets: targets, staffing: staffing)
        let t4 = Date()
        if ProcessInfo.processInfo.environment["CASELOAD_PHASES"] != nil {
            FileHandle.standardError.write(Data(String(format: "# pop %.1f alerts %.1f names %.1f figures %.1f\n", t1.timeIntervalSince(t0) * 1000, t2.timeIntervalSince(t1) * 1000, t3.timeIntervalSince(t2) * 1000, t4.timeIntervalSince(t3) * 1000).utf8))
        }
        report.municipalityNames = names
        return report
    }

    static func population(_ db: Database) throws -> [CaseloadPopulation] {
        let diagnosisColumns = Diagnosis.allCases.map { "SUM(instr(p.diagnoses, '\"\($0.rawValue)\"') > 0) AS \($0.rawValue)" }
        var rows: [String: CaseloadPopulation] = [:]
        // `+` keeps SQLite off the municipality index: reading the patients in table order and sorting
        // 400 groups took 45 ms for 50,000 patients, looking each one up from the index 75.
        for row in try Row.fetchAll(db, sql: """
            SELECT p.municipalityNumber AS number, COUNT(*) AS patients,
                   COUNT(c.patientID) AS withPlan,
                   \(diagnosisColumns.joined(separator: ", "))
            FROM patient p LEFT JOIN care_plan c ON c.patientID = p.id GROUP BY +p.municipalityNumber
            """) {
            var byDiagnosis: [Diagnosis: Int] = [:]
            for diagnosis in Diagnosis.allCases { byDiagnosis[diagnosis] = row[diagnosis.rawValue] }
            let number: String = row["number"]
            rows[number] = CaseloadPopulation(municipality: number, patients: row["patients"], byDiagnosis: byDiagnosis,
                                              withPlan: row["withPlan"])
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT p.municipalityNumber AS number, COUNT(*) AS waiting FROM message m JOIN patient p ON p.id = m.patientID
            WHERE m.direction = 'fromPatient' AND m.seenByCentre IS NULL GROUP BY p.municipalityNumber
            """) {
            rows[row["number"], default: CaseloadPopulation(municipality: row["number"], patients: 0)].messagesWaiting = row["waiting"]
        }
        return Array(rows.values)
    }

    static func caseloadHistory(_ db: Database, from: Date) throws -> CaseloadHistory {
        // Each alert's municipality comes from a table of the patients read once, looked up by the
        // alert's patient: joining the patient row to each alert in SQL took longer than reading the alerts.
        var patients = NameTable(capacity: Int(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM patient") ?? 0))
        var municipalities = NameTable(), nurses = NameTable()
        var municipalityOfPatient: [Int32] = []
        try step(db.makeStatement(sql: "SELECT id, municipalityNumber FROM patient")) { handle in
            _ = patients.position(handle, 0)
            municipalityOfPatient.append(municipalities.position(handle, 1))
        }
        let statement = try db.makeStatement(sql: """
            SELECT a.patientID, a.zone, a.basis = 'missingMeasurement', a.status = 'open',
                   a.openedAt, a.raisedAt, a.owner, a.claimedAt, a.claimedBy, a.resolvedAt, a.resolvedBy
            FROM alert a WHERE a.status = 'open' OR a.openedAt >= ? OR a.claimedAt >= ? OR a.resolvedAt >= ?
            """)
        // An alert opened before the period but taken or resolved in it is part of a nurse's work in it.
        let since = from.timeIntervalSince1970
        try statement.setArguments([since, since, since])
        // Read through SQLite's own column calls, numbers only: with a hundred thousand rows, GRDB's
        // generic row decoding and a string per name and row were most of the time the figures took.
        var entries: [CaseloadHistory.Entry] = []
        try step(statement) { handle in
            func number(_ column: Int32) -> Double? {
                sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : instant(sqlite3_column_double(handle, column))
            }
            guard let patient = patients.existing(handle, 0) else { return }
            entries.append(CaseloadHistory.Entry(
                municipality: municipalityOfPatient[Int(patient)], owner: nurses.position(handle, 6),
                claimedBy: nurses.position(handle, 8), resolvedBy: nurses.position(handle, 10), patient: Int(patient),
                zone: Zone(rawValue: Int(sqlite3_column_int64(handle, 1))) ?? .yellow,
                isOpen: sqlite3_column_int64(handle, 3) != 0, missingMeasurement: sqlite3_column_int64(handle, 2) != 0,
                openedAt: instant(sqlite3_column_double(handle, 4)), raisedAt: instant(sqlite3_column_double(handle, 5)),
                claimedAt: number(7), resolvedAt: number(9)))
        }
        return CaseloadHistory(municipalities: municipalities.names, nurses: nurses.names, entries: entries)
    }

    /// Steps through a statement's rows, handing SQLite's statement to `row` for each.
    private static func step(_ statement: Statement, _ row: (OpaquePointer) throws -> Void) throws {
        let handle = statement.sqliteStatement
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
            try row(handle)
        }
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
