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
        let (population, alerts, names) = try reader.read { db in
            (try Self.population(db), try Self.caseloadAlerts(db, from: from), try Self.municipalityNames(db))
        }
        // Only a workstation limited to some municipalities pays for copying the alerts it may see.
        let (seen, people) = municipalities.map { allowed in
            (alerts.filter { allowed.contains($0.municipality) }, population.filter { allowed.contains($0.municipality) })
        } ?? (alerts, population)
        var report = CaseloadFigures.report(alerts: seen, population: people,
                                            since: since, now: now, hours: hours, targets: targets, staffing: staffing)
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

    static func caseloadAlerts(_ db: Database, from: Date) throws -> [CaseloadAlert] {
        let statement = try db.makeStatement(sql: """
            SELECT a.patientID, p.municipalityNumber, a.zone, a.basis, a.status = 'open', a.openedAt, a.raisedAt, a.owner,
                   a.claimedAt, a.claimedBy, a.resolvedAt, a.resolvedBy
            FROM alert a JOIN patient p ON p.id = a.patientID
            WHERE a.status = 'open' OR a.openedAt >= ? OR a.claimedAt >= ? OR a.resolvedAt >= ?
            """)
        // An alert opened before the period but taken or resolved in it is part of a nurse's work in it.
        let since = from.timeIntervalSince1970
        try statement.setArguments([since, since, since])
        // Read through SQLite's own column calls: with a hundred thousand rows, GRDB's generic row
        // decoding was most of the time the figures took.
        let handle = statement.sqliteStatement
        var alerts: [CaseloadAlert] = []
        alerts.reserveCapacity(Int(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert") ?? 0))
        func text(_ column: Int32) -> String? {
            guard sqlite3_column_type(handle, column) != SQLITE_NULL, let pointer = sqlite3_column_text(handle, column) else { return nil }
            return String(cString: pointer)
        }
        func number(_ column: Int32) -> Double? {
            sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
        }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
            let basis = text(3).flatMap(Judgement.Basis.init(rawValue:)) ?? .defaultLimits
            alerts.append(CaseloadAlert(
                patientID: text(0) ?? "", municipality: text(1) ?? "",
                zone: Zone(rawValue: Int(sqlite3_column_int64(handle, 2))) ?? .yellow, basis: basis,
                isOpen: sqlite3_column_int64(handle, 4) != 0,
                openedAt: Date(timeIntervalSince1970: sqlite3_column_double(handle, 5)),
                raisedAt: Date(timeIntervalSince1970: sqlite3_column_double(handle, 6)), owner: text(7),
                claimedAt: number(8).map(Date.init(timeIntervalSince1970:)), claimedBy: text(9),
                resolvedAt: number(10).map(Date.init(timeIntervalSince1970:)), resolvedBy: text(11)))
        }
        return alerts
    }

    static func municipalityNames(_ db: Database) throws -> [String: String] {
        Dictionary(try Row.fetchAll(db, sql: "SELECT number, name FROM municipality").map { ($0["number"], $0["name"]) }) { a, _ in a }
    }
}
