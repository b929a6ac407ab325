import Foundation
import VardeDomain
import VardeService
import VardeStore

extension SyncEngine {
    /// How large one transaction of Observation pages may grow during a catch-up: pages that are ready
    /// while the previous ones are stored join the same transaction, up to `rows` measurements or
    /// `seconds` (the console sees the batch when it commits, and a nurse's write waits for it).
    public struct BatchLimits: Sendable {
        public var rows: Int
        public var seconds: TimeInterval

        public init(rows: Int, seconds: TimeInterval) {
            self.rows = rows
            self.seconds = seconds
        }

        /// Large enough that an initial sync writes each per-patient index page a few times, not once a page.
        public static let catchUp = BatchLimits(rows: 100_000, seconds: 1)
        /// One page per transaction (as before v9).
        public static let perPage = BatchLimits(rows: 1, seconds: 0)
    }

    /// Observation pages, stored in batches (`IngestBatch`): the first page of a batch is awaited outside
    /// any transaction; the following ones join it while they arrive before the batch's deadline. Each
    /// page is stored with its cursor, so a batch cut short by SIGKILL leaves the cursor at the last
    /// batch committed. A fetch error ends the batch: the pages before it are committed, then it is thrown.
    func pullObservations(into summary: inout SyncSummary) throws {
        let pipeline = try mappedPages("Observation", of: FHIRObservation.self) {
            [base = client.baseURL] resource throws(EntryProblem) in
            try ObservationMapping.measurement(from: resource, serverBase: base)
        }
        defer { pipeline.cancel() }
        let limits = batchLimits
        var more = true
        while more, let first = try pipeline.next() {
            var fetchError: (any Error)?
            try cache.storeInOneTransaction { batch in
                let deadline = Date().addingTimeInterval(limits.seconds)
                var next: MappedPage<HomeMeasurement>? = first
                var rows = 0
                while let page = next.take() {
                    rows += page.fetched
                    try store(page, in: batch, into: &summary)
                    pipeline.dispose(consume page)
                    guard rows < limits.rows else { return }
                    do {
                        switch try pipeline.next(by: deadline) {
                        case .page(let following): next = following
                        case .finished: more = false
                        case .late: break
                        }
                    } catch {
                        fetchError = error
                    }
                }
            }
            if let fetchError { throw fetchError }
        }
    }

    /// One page of a batch: its problems quarantined, its measurements stored with its cursor.
    private func store(_ page: MappedPage<HomeMeasurement>, in batch: IngestBatch, into summary: inout SyncSummary) throws {
        summary.fetched += page.fetched
        summary.futureStamped += page.futureStamped
        summary.quarantined += page.problems.count
        let now = clock()
        summary.deviceChecks += try batch.quarantine(page.problems.map { $0.quarantined(server: client.baseURL, at: now) },
                                                     deviceChecks: page.problems.compactMap(\.deviceCheck),
                                                     now: now, window: triage.window)
        var measurements = page.items
        if let municipalities, !measurements.isEmpty {
            let allowed = try batch.patients(Set(measurements.map(\.patientID)), livingIn: municipalities)
            measurements.removeAll { !allowed.contains($0.patientID) }
        }
        let cursor = page.newest.map { SyncCursor(server: client.baseURL, resource: "Observation", value: $0.1) }
        let result = try batch.storeMeasurements(measurements, triage: triage, now: now, cursor: cursor)
        summary.stored += result.stored
        summary.pages += 1
        summary.alertsOpened += result.alertsOpened
        summary.alertsEscalated += result.alertsEscalated
        summary.alertsWithdrawn += result.alertsWithdrawn
        summary.duplicates += result.duplicates
    }
}
