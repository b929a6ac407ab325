import Foundation
import GRDB
import GRDBSQLite
import VardeDomain

extension CacheDatabase {
    /// The caseload figures from the cache: the patients counted per municipality, each alert opened
    /// since `since` (and every open one) with its first claim and its resolution (kept on the alert
    /// as its history is written), then `CaseloadFigures` in the Domain layer.
    public func caseload(since: Date, now: Date, hours: ServiceHours = ServiceHours(),
                         targets: ResponseTargets = ResponseTargets(), staffing: Staffing = Staffing(),
                         municipalities: Set<String>? = nil) throws -> CaseloadReport {
        // Response times are given for up to 30 days back, whatever the report's own period.
        let from = min(since, now.addingTimeInterval(-30 * 86_400))
        let (population, history, names) = try readCaseload(from: from)
        // Only a workstation limited to some municipalities pays for copying the alerts it may see.
        let (seen, people) = municipalities.map { allowed in
            (history.limited(to: allowed), population.filter { allowed.contains($0.municipality) })
        } ?? (history, population)
        var report = CaseloadFigures.report(history: seen, population: people,
                                            since: since, now: now, hours: hours, targets: targets, staffing: staffing)
        report.municipalityNames = names
        return report
    }

    /// The patients and the alerts since `from` as numbers, from one snapshot of the cache: the
    /// patients and a few shares of the alerts side by side, each on a connection of its own (an
    /// in-memory cache has one connection and reads them one after another). Each alert's
    /// municipality is its patient's.
    func readCaseload(from: Date) throws -> (population: [CaseloadPopulation], history: CaseloadHistory, names: [String: String]) {
        // Up to three shares, so that with the patients' read one of GRDB's five readers stays free for the console.
        let shares = min(3, ProcessInfo.processInfo.activeProcessorCount + 1)
        guard let pool = writer as? DatabasePool else {
            return try reader.read { db in
                let patients = try CaseloadPatients(db)
                let share = try CaseloadHistoryShare(db, from: from, ids: Int64.min...Int64.max, expected: 0) { patients }
                let history = CaseloadHistory(municipalities: patients.municipalities.names, nurses: patients.nurses, parts: [share.entries])
                return (patients.population, history, try Self.municipalityNames(db))
            }
        }
        // Reads begun together from the writer's queue all see the same committed state.
        let patientRead = SideBySide<(CaseloadPatients, [String: String])>(count: 1)
        // The last share reaches past the last id, so alerts written since these were read are in it.
        var ranges = try reader.read(Self.alertIDs).shares(shares)
        let expected = ranges.map(\.count)
        ranges[ranges.count - 1] = ranges[ranges.count - 1].lowerBound...Int64.max
        let shareReads = SideBySide<CaseloadHistoryShare>(count: ranges.count)
        let done = DispatchGroup(), patientsReady = DispatchSemaphore(value: 0)
        pool.writeWithoutTransaction { _ in
            done.enter()
            pool.asyncConcurrentRead { db in
                patientRead.set(0, Result { let db = try db.get(); return (try CaseloadPatients(db), try Self.municipalityNames(db)) })
                patientsReady.signal()
                done.leave()
            }
            for (share, ids) in ranges.enumerated() {
                done.enter()
                pool.asyncConcurrentRead { db in
                    shareReads.set(share, Result {
                        try CaseloadHistoryShare(try db.get(), from: from, ids: ids, expected: expected[share]) {
                            // The share's rows are read; its patients are placed once they are read too.
                            patientsReady.wait()
                            patientsReady.signal()
                            return try patientRead.values()[0].0
                        }
                    })
                    done.leave()
                }
            }
        }
        done.wait()
        let (patients, names) = try patientRead.values()[0]
        let history = CaseloadHistory(municipalities: patients.municipalities.names, nurses: patients.nurses,
                                      parts: try shareReads.values().map(\.entries))
        return (patients.population, history, names)
    }

    /// The ids of all alerts, from the first to the last.
    static func alertIDs(_ db: Database) throws -> ClosedRange<Int64> {
        let row = try Row.fetchOne(db, sql: "SELECT min(alertID), max(alertID) FROM alert_caseload")
        let first: Int64 = row?[0] ?? 0, last: Int64 = row?[1] ?? 0
        return first...Swift.max(first, last)
    }

    static func municipalityNames(_ db: Database) throws -> [String: String] {
        Dictionary(try Row.fetchAll(db, sql: "SELECT number, name FROM municipality").map { ($0["number"], $0["name"]) }) { a, _ in a }
    }
}
