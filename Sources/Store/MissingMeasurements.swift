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
        let today = MissingMeasurementRule.startOfDay(now, hours: hours)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = hours.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: today)
        let day = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        // Run once a minute over every plan: each plan is decoded once per version (`IngestMemo`, by the
        // hash stored with it), and a patient's measurements are asked for only once a deadline has passed.
        return try writer.write { db in
            let candidates = try Row.fetchAll(db, sql: """
                SELECT cp.patientID, cp.planHash, cp.rowid FROM care_plan cp
                WHERE NOT EXISTS (SELECT 1 FROM alert a WHERE a.patientID = cp.patientID
                                    AND (a.status = 'open' OR a.key = cp.patientID || '--missing-' || ?))
                """, arguments: [day])
            let measuredToday = try db.cachedStatement(sql: """
                SELECT kind, MAX(effective) AS last FROM observation
                WHERE patientID = ? AND effective >= ? AND status NOT IN ('cancelled', 'entered-in-error')
                GROUP BY kind
                """)
            var raised = 0
            for row in candidates {
                let patientID: String = row[0]
                // A stored plan that no longer decodes says no schedule (as it gives no limits to triage).
                guard let plan = try storedPlan(patientID, hash: row[1], rowID: row[2], db) else { continue }
                let due = MissingMeasurementRule.due(plan.schedule, now: now, today: today)
                guard !due.isEmpty, plan.followUpState(at: now) == .followUp else { continue }
                var lastMeasured: [MeasurementKind: Date] = [:]
                for measured in try Row.fetchAll(measuredToday, arguments: [patientID, today.timeIntervalSince1970]) {
                    if let kind = MeasurementKind(rawValue: measured[0]) {
                        lastMeasured[kind] = Date(timeIntervalSince1970: measured[1])
                    }
                }
                // In follow-up and inside service hours (both asked above): the day's start is the check's.
                let missing = MissingMeasurementRule.missing(schedule: plan.schedule, lastMeasured: lastMeasured, now: now, today: today)
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

    /// The patient's stored plan, decoded once per version; nil when it no longer decodes.
    private func storedPlan(_ patientID: String, hash: Int64?, rowID: Int64, _ db: Database) throws -> SelfCarePlan? {
        if let hash, let known = memo.plan(of: patientID, hash: UInt64(bitPattern: hash)) { return known }
        let json = try String.fetchOne(db, sql: "SELECT plan FROM care_plan WHERE rowid = ?", arguments: [rowID]) ?? ""
        return Array(json.utf8).withUnsafeBytes { memo.plan(of: patientID, json: $0) }
    }
}
