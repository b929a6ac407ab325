import Foundation
import GRDB
import VardeDomain

extension CacheDatabase {
    /// The caseload figures from the cache: the population per municipality counted in SQL, each
    /// alert opened since `since` (and every open one) with its first claim and its resolution from
    /// the alert history, then `CaseloadFigures` in the Domain layer.
    public func caseload(since: Date, now: Date, hours: ServiceHours = ServiceHours(),
                         targets: ResponseTargets = ResponseTargets(), staffing: Staffing = Staffing(),
                         municipalities: Set<String>? = nil) throws -> CaseloadReport {
        // Response times are given for up to 30 days back, whatever the report's own period.
        let from = min(since, now.addingTimeInterval(-30 * 86_400))
        let (population, alerts, names) = try reader.read { db in
            (try Self.population(db), try Self.caseloadAlerts(db, from: from), try Self.municipalityNames(db))
        }
        let keep = { (number: String) in municipalities.map { $0.contains(number) } ?? true }
        var report = CaseloadFigures.report(alerts: alerts.filter { keep($0.municipality) },
                                            population: population.filter { keep($0.municipality) },
                                            since: since, now: now, hours: hours, targets: targets, staffing: staffing)
        report.municipalityNames = names
        return report
    }

    static func population(_ db: Database) throws -> [CaseloadPopulation] {
        let diagnosisColumns = Diagnosis.allCases.map { "SUM(p.diagnoses LIKE '%\"\($0.rawValue)\"%') AS \($0.rawValue)" }
        var rows: [String: CaseloadPopulation] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT p.municipalityNumber AS number, COUNT(*) AS patients,
                   SUM(EXISTS (SELECT 1 FROM care_plan c WHERE c.patientID = p.id)) AS withPlan,
                   \(diagnosisColumns.joined(separator: ", "))
            FROM patient p GROUP BY p.municipalityNumber
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
        // The earliest claim and resolution per alert, with who: "at|who" strings sort by time.
        try Row.fetchAll(db, sql: """
            SELECT a.patientID, p.municipalityNumber AS number, a.zone, a.basis, a.status, a.openedAt, a.raisedAt, a.owner,
                   h.claimed, h.resolved
            FROM alert a
            JOIN patient p ON p.id = a.patientID
            LEFT JOIN (SELECT alertKey,
                              MIN(CASE WHEN what = 'claimed' THEN printf('%017.3f|', at) || who END) AS claimed,
                              MIN(CASE WHEN what LIKE 'resolved%' THEN printf('%017.3f|', at) || who END) AS resolved
                       FROM alert_history GROUP BY alertKey) h ON h.alertKey = a.key
            WHERE a.status = 'open' OR a.openedAt >= ?
            """, arguments: [from.timeIntervalSince1970]).map { row in
            let claimed = Self.stamped(row["claimed"])
            let resolved = Self.stamped(row["resolved"])
            return CaseloadAlert(
                patientID: row["patientID"], municipality: row["number"], zone: Zone(rawValue: row["zone"]) ?? .yellow,
                basis: Judgement.Basis(rawValue: row["basis"] ?? "") ?? .defaultLimits, isOpen: row["status"] == "open",
                openedAt: Date(timeIntervalSince1970: row["openedAt"]), raisedAt: Date(timeIntervalSince1970: row["raisedAt"]),
                owner: row["owner"], claimedAt: claimed?.0, claimedBy: claimed?.1, resolvedAt: resolved?.0, resolvedBy: resolved?.1)
        }
    }

    /// "0001795348800.000|kari" → (instant, "kari").
    private static func stamped(_ text: String?) -> (Date, String)? {
        guard let text, let bar = text.firstIndex(of: "|"), let seconds = Double(text[..<bar]) else { return nil }
        return (Date(timeIntervalSince1970: seconds), String(text[text.index(after: bar)...]))
    }

    static func municipalityNames(_ db: Database) throws -> [String: String] {
        Dictionary(try Row.fetchAll(db, sql: "SELECT number, name FROM municipality").map { ($0["number"], $0["name"]) }) { a, _ in a }
    }
}
