import Foundation
import GRDB
import VardeDomain

/// Several pages of a catch-up stored in one transaction, each with its cursor: a SIGKILL loses the
/// pages of the batch not yet committed and the cursor with them, so nothing is lost and nothing is
/// repeated. Per-patient index pages dirtied by one page of measurements are dirtied again by the
/// next: written once per batch, an initial sync writes them a few times instead of once per page.
/// Valid only inside the closure given to `CacheDatabase.storeInOneTransaction`.
public struct IngestBatch {
    let cache: CacheDatabase
    let db: Database

    /// As `CacheDatabase.storeMeasurements`, inside the batch's transaction.
    public func storeMeasurements(_ measurements: [HomeMeasurement], triage: Triage, now: Date,
                                  cursor: SyncCursor?) throws -> IngestResult {
        try cache.storeMeasurements(measurements, triage: triage, now: now, cursor: cursor, db)
    }

    /// As `CacheDatabase.quarantine`, inside the batch's transaction.
    public func quarantine(_ resources: [QuarantinedResource], deviceChecks: [ImpossibleValue], now: Date,
                           window: TimeInterval) throws -> Int {
        guard !resources.isEmpty || !deviceChecks.isEmpty else { return 0 }
        return try cache.quarantine(resources, deviceChecks: deviceChecks, now: now, window: window, db)
    }

    /// As `CacheDatabase.patients(_:livingIn:)`, reading what the batch has stored so far.
    public func patients(_ ids: Set<String>, livingIn municipalities: Set<String>) throws -> Set<String> {
        try CacheDatabase.patients(ids, livingIn: municipalities, db)
    }
}

extension CacheDatabase {
    /// Runs `body` in one write transaction: everything it stores through the batch commits together
    /// (or not at all, when it throws).
    public func storeInOneTransaction<T>(_ body: (IngestBatch) throws -> T) throws -> T {
        try writer.write { db in try body(IngestBatch(cache: self, db: db)) }
    }
}
