import Foundation
import GRDB
import VardeDomain

extension CacheDatabase {
    /// Opens a routine alert for each patient whose plan's scheduled measurements have not arrived by
    /// their deadline today (inside service hours only; see `MissingMeasurementRule`). A patient with an
    /// open alert gets none (one alert per patient), and nobody gets two on one day.
    @discardableResult
    public func raiseMissingMeasurementAlerts(now: Date, hours: ServiceHours) throws -> Int {
        guard hours.isOpen(at: now) else { return 0 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = hours.timeZone
        let today = calendar.startOfDay(for: now)
        let c = calendar.dateComponents([.year, .month, .day], from: today)
        let day = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        let decoder = JSONDecoder()
        return try writer.write { db in
            let candidates = try Row.fetchAll(db, sql: """
                SELECT cp.patientID, cp.plan FROM care_plan cp
                WHERE NOT EXISTS (SELECT 1 FROM alert a WHERE a.patientID = cp.patientID
                                    AND (a.status = 'open' OR a.key = cp.patientID || '--missing-' || ?))
                """, arguments: [day])
            var raised = 0
            for row in candidates {
                let patientID: String = row["patientID"]
                guard let plan = try? decoder.decode(SelfCarePlan.self, from: Data((row["plan"] as String).utf8)),
                      !plan.schedule.isEmpty else { continue }
                var lastMeasured: [MeasurementKind: Date] = [:]
                for measured in try Row.fetchAll(db, sql: """
                    SELECT kind, MAX(effective) AS last FROM observation
                    WHERE patientID = ? AND effective >= ? AND status NOT IN ('cancelled', 'entered-in-error')
                    GROUP BY kind
                    """, arguments: [patientID, today.timeIntervalSince1970]) {
                    if let kind = MeasurementKind(rawValue: measured["kind"]) {
                        lastMeasured[kind] = Date(timeIntervalSince1970: measured["last"])
                    }
                }
                let missing = MissingMeasurementRule.missing(schedule: plan.schedule, lastMeasured: lastMeasured,
                                                             state: plan.followUpState(at: now), now: now, hours: hours)
                guard !missing.isEmpty else { continue }
                let firstDeadline = plan.schedule.filter { missing.contains($0.kind) }.map(\.dueByHour).min() ?? 0
                var alert = Alert.forMissing(patientID: patientID, kinds: missing, day: day,
                                             deadline: today.addingTimeInterval(TimeInterval(firstDeadline * 3600)))
                try alert.insert(db)
                raised += 1
            }
            return raised
        }
    }
}
