import Foundation
import GRDB
import VardeDomain

extension CacheDatabase {
    /// The patient's open alert that nobody here has shared, when it opened before a colleague's step:
    /// the episode that step is about, under the name the colleague's workstation gave it.
    static func episode(of patientID: String?, openedBy stepped: Date, _ db: Database) throws -> Alert? {
        guard let patientID,
              let open = try Alert.filter(Column("patientID") == patientID && Column("status") == "open").fetchOne(db),
              !open.isShared, open.openedAt <= stepped else { return nil }
        return open
    }

    /// `episode(of:openedBy:)` for the sync to ask before it writes: most Tasks it does not know are about
    /// history this workstation never judged, and need no write at all.
    public func episode(of patientID: String?, openedBy stepped: Date) throws -> Alert? {
        try reader.read { db in try Self.episode(of: patientID, openedBy: stepped, db) }
    }

    /// After a colleague resolved the patient's alert at `measuredAfter`, what the patient measured later
    /// was not part of it (this workstation may have folded it into the alert it had open): judged again
    /// in measurement order, it opens an alert of its own. Nothing the colleague could have seen is raised again.
    func judgeAgain(_ patientID: String, measuredAfter resolved: Date, triage: Triage, now: Date, _ db: Database) throws {
        guard try Alert.filter(Column("patientID") == patientID && Column("status") == "open").fetchCount(db) == 0 else { return }
        let statements = try MeasurementStatements(db, memo: memo)
        let facts = try statements.triageFacts(of: [patientID])[0]
        let since = max(resolved, now.addingTimeInterval(-triage.window))
        var alert: Alert?
        for measurement in try statements.measurements(of: patientID, since: since)
        where measurement.effective > resolved && measurement.status.counts {
            let weights = try weightsForTrend(measurement, diagnoses: facts?.diagnoses ?? [], statements)
            switch triage.evaluate(measurement, diagnoses: facts?.diagnoses ?? [], plan: facts?.plan, recentWeights: weights,
                                   openAlert: alert, now: now) {
            case .open(let opened): alert = opened
            case .escalate(let escalated): alert = escalated
            case .none: break
            }
        }
        guard var alert else { return }
        try alert.insert(db)
    }
}
