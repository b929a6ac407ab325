import Foundation
import GRDB
import VardeDomain

extension CacheDatabase {
    /// What the next shift must know, from `since` to `until`, as `viewer` may see it (blocked and
    /// out-of-tenancy patients left out): alerts that turned red or yellow, resolutions with who and
    /// outcome, claims still held per nurse, unread messages, the outbox, and missing measurements.
    public func handover(since: Date, until: Date, for viewer: Viewer = .unrestricted) throws -> HandoverReport {
        try reader.read { db in
            let hidden = Privacy.hiddenPatientSQL("p", for: viewer)
            var report = HandoverReport(since: since, until: until)
            let alertSQL = """
                SELECT a.*, p.givenName, p.familyName, COALESCE(m.name, p.municipalityNumber) AS municipalityName
                FROM alert a JOIN patient p ON p.id = a.patientID
                LEFT JOIN municipality m ON m.number = p.municipalityNumber
                WHERE NOT \(hidden.sql) AND
                """
            func item(_ row: Row) throws -> HandoverAlert {
                let trigger: String = row["triggerMeasurementID"]
                return HandoverAlert(
                    patientID: row["patientID"], patientName: "\(row["familyName"] as String), \(row["givenName"] as String)",
                    municipality: row["municipalityName"], zone: Zone(rawValue: row["zone"]) ?? .yellow,
                    raisedAt: Date(timeIntervalSince1970: row["raisedAt"]),
                    trigger: trigger.isEmpty ? nil : try HomeMeasurement.fetchOne(db, key: trigger),
                    missing: (row["missing"] as String?)?.split(separator: ",").compactMap { MeasurementKind(rawValue: String($0)) } ?? [],
                    open: (row["status"] as String) == "open", owner: row["owner"])
            }
            report.newAlerts = try Row.fetchAll(db, sql: alertSQL + """
                 a.zone >= 1 AND a.raisedAt >= ? AND a.raisedAt < ? AND a.status != 'withdrawn' ORDER BY a.raisedAt, a.id
                """, arguments: hidden.arguments + [since.timeIntervalSince1970, until.timeIntervalSince1970]).map(item)
            report.missingMeasurements = try Row.fetchAll(db, sql: alertSQL + """
                 a.status = 'open' AND a.basis = 'missingMeasurement' ORDER BY a.raisedAt, a.id
                """, arguments: hidden.arguments).map(item)
            report.resolved = try Row.fetchAll(db, sql: """
                SELECT h.at, h.who, a.zone, a.outcome, a.note, p.givenName, p.familyName
                FROM alert_history h JOIN alert a ON a.key = h.alertKey JOIN patient p ON p.id = a.patientID
                WHERE NOT \(hidden.sql) AND h.what LIKE 'resolved%' AND h.at >= ? AND h.at < ?
                ORDER BY h.at, h.id
                """, arguments: hidden.arguments + [since.timeIntervalSince1970, until.timeIntervalSince1970]).map { row in
                HandoverResolution(patientName: "\(row["familyName"] as String), \(row["givenName"] as String)",
                                   zone: Zone(rawValue: row["zone"]) ?? .green,
                                   resolvedAt: Date(timeIntervalSince1970: row["at"]), resolvedBy: row["who"],
                                   outcome: (row["outcome"] as String?).flatMap(HandlingOutcome.init(rawValue:)), note: row["note"])
            }
            let held = try Row.fetchAll(db, sql: alertSQL + """
                 a.status = 'open' AND a.owner IS NOT NULL ORDER BY a.owner, a.zone DESC, a.raisedAt
                """, arguments: hidden.arguments)
            var claims: [String: [String]] = [:]
            for row in held {
                claims[row["owner"], default: []].append("\(row["familyName"] as String), \(row["givenName"] as String)")
            }
            report.claims = claims.keys.sorted().map { HandoverClaims(nurse: $0, patients: claims[$0] ?? []) }
            let unclaimed = try Row.fetchAll(db, sql: """
                SELECT a.zone, COUNT(*) AS n FROM alert a JOIN patient p ON p.id = a.patientID
                WHERE NOT \(hidden.sql) AND a.status = 'open' AND a.owner IS NULL GROUP BY a.zone
                """, arguments: hidden.arguments)
            for row in unclaimed {
                switch Zone(rawValue: row["zone"]) {
                case .red?: report.unclaimedRed = row["n"]
                case .yellow?: report.unclaimedYellow = row["n"]
                default: break
                }
            }
            report.unreadMessages = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM message u JOIN patient p ON p.id = u.patientID
                WHERE NOT \(hidden.sql) AND u.direction = 'fromPatient' AND u.seenByCentre IS NULL
                """, arguments: hidden.arguments) ?? 0
            report.outboxWaiting = (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE status IN ('queued', 'failed')") ?? 0)
                + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM journal_note WHERE status != 'delivered'") ?? 0)
                + (try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT alertKey) FROM outbox") ?? 0)
            return report
        }
    }
}
