import Foundation
import GRDB
import VardeDomain

extension CacheDatabase {
    /// Stores self-care plans (the newest per patient wins) and advances the cursor, atomically.
    @discardableResult
    public func storePlans(_ plans: [SelfCarePlan], cursor: SyncCursor?) throws -> Int {
        try writer.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO care_plan(patientID, id, plan, lastUpdated, planHash) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(patientID) DO UPDATE SET id = excluded.id, plan = excluded.plan,
                    lastUpdated = excluded.lastUpdated, planHash = excluded.planHash
                    WHERE excluded.lastUpdated >= care_plan.lastUpdated
                """)
            statement.useRawBindings()
            for plan in plans {
                let json = try StoredPlanJSON.encode(plan)
                let hash = json.withUnsafeBytes(IngestMemo.planHash)
                statement.resetForBinding()
                statement.bind(text: plan.patientID, at: 1)
                statement.bind(text: plan.id, at: 2)
                statement.bind(text: String(decoding: json, as: UTF8.self), at: 3)
                statement.bind(double: plan.lastUpdated.timeIntervalSince1970, at: 4)
                statement.bind(integer: Int64(bitPattern: hash), at: 5)
                try statement.execute()
                memo.remember(plan, hash: hash)
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
