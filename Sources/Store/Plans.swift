import Foundation
import GRDB
import VardeDomain

extension CacheDatabase {
    /// Stores self-care plans (the newest per patient wins) and advances the cursor, atomically.
    @discardableResult
    public func storePlans(_ plans: [SelfCarePlan], cursor: SyncCursor?) throws -> Int {
        let encoder = JSONEncoder()
        return try writer.write { db in
            for plan in plans {
                let encoded = try encoder.encode(plan)
                let json = String(decoding: encoded, as: UTF8.self)
                memo.remember(plan, json: Array(encoded))
                try db.execute(sql: """
                    INSERT INTO care_plan(patientID, id, plan, lastUpdated) VALUES (?, ?, ?, ?)
                    ON CONFLICT(patientID) DO UPDATE SET id = excluded.id, plan = excluded.plan,
                        lastUpdated = excluded.lastUpdated WHERE excluded.lastUpdated >= care_plan.lastUpdated
                    """, arguments: [plan.patientID, plan.id, json, plan.lastUpdated.timeIntervalSince1970])
            }
            if let cursor { try saveCursor(cursor, db) }
            return plans.count
        }
    }

    public func plan(patientID: String) throws -> SelfCarePlan? {
        try reader.read { db in try Self.fetchPlan(patientID, db) }
    }

    static func fetchPlan(_ patientID: String, _ db: Database) throws -> SelfCarePlan? {
        guard let json = try String.fetchOne(db, sql: "SELECT plan FROM care_plan WHERE patientID = ?", arguments: [patientID])
        else { return nil }
        return try? JSONDecoder().decode(SelfCarePlan.self, from: Data(json.utf8))
    }
}
