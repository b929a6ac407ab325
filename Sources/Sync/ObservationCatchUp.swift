import Foundation
import VardeDomain
import VardeService
import VardeStore

extension SyncEngine {
    /// How Observation pages are gathered into one transaction during a catch-up: pages that arrive
    /// within `seconds` of the batch's first page join it, up to `rows` measurements. The pages wait in
    /// memory, decoded, and are stored together, so the write lock is held only while they are stored (a
    /// nurse's claim waits for that, never for the network), and a slow server still gives batches large
    /// enough that each per-patient index page is written once per batch rather than once per page. Pages
    /// fetched while a batch is stored join it too, up to `rows`. The console sees a batch when it
    /// commits: during a catch-up, measurements show up to `seconds` late.
    public struct BatchLimits: Sendable {
        public var rows: Int
        public var seconds: TimeInterval
        /// The first batch's rows; each batch after it may hold twice as many as the one before, up to `rows`.
        /// While the first batch gathers, nothing is stored: a full first batch kept the storing thread idle
        /// for a sixth of a 300,000-measurement sync, and early batches are cheap to commit (the cache is small).
        public var firstRows: Int

        public init(rows: Int, seconds: TimeInterval, firstRows: Int? = nil) {
            self.rows = rows
            self.seconds = seconds
            self.firstRows = min(rows, firstRows ?? rows)
        }

        /// The rows batch number `index` (from 0) may hold.
        func rows(ofBatch index: Int) -> Int {
            index >= 30 ? rows : min(rows, firstRows << index)
        }

        /// About 30 MB of decoded measurements and two or three seconds of storing at most.
        public static let catchUp = BatchLimits(rows: 100_000, seconds: 10, firstRows: 6_250)
        /// One page per transaction (as before v9).
        public static let perPage = BatchLimits(rows: 1, seconds: 0)
    }

    /// Observation pages, fetched, decoded and mapped on a thread of their own up to a batch ahead. Begun
    /// before the plans are pulled, so that the first batch is fetched on the core the plans leave idle
    /// (they are stored before any measurement: triage needs them). Not before the patients: storing them
    /// keeps the storing thread busy, and the two threads would only slow each other.
    func observationPages() throws -> PagePipeline<MappedPage<HomeMeasurement>> {
        try mappedPages("Observation", of: FHIRObservation.self, capacity: max(4, batchLimits.rows / max(1, pageSize) + 2)) {
            [base = client.baseURL] resource throws(EntryProblem) in
            try ObservationMapping.measurement(from: resource, serverBase: base)
        }
    }

    /// Observation pages, stored in batches (`IngestBatch`). The fetching thread runs a whole batch ahead
    /// while one is stored; what it has ready when the gathered pages are stored joins the same transaction.
    /// A batch that waited for its pages while the storing thread stood idle cost the sync: the first
    /// batches double in size, and each had to gather twice as many pages as the one before took to store.
    /// Each page is stored with its cursor, so a batch cut short by SIGKILL leaves the cursor at the last
    /// batch committed. A fetch error ends the batch: the pages before it are committed, then it is thrown.
    func pullObservations(from pipeline: PagePipeline<MappedPage<HomeMeasurement>>, into summary: inout SyncSummary) throws {
        let limits = batchLimits
        var more = true
        var batches = 0
        while more, let first = try pipeline.next() {
            let deadline = Date().addingTimeInterval(limits.seconds)
            let limit = limits.rows(ofBatch: batches)
            batches += 1
            var pages = [first]
            var rows = first.fetched
            var fetchError: (any Error)?
            gathering: while rows < limit {
                do {
                    switch try pipeline.next(by: deadline) {
                    case .page(let page):
                        rows += page.fetched
                        pages.append(page)
                    case .finished:
                        more = false
                        break gathering
                    case .late:
                        break gathering
                    }
                } catch {
                    fetchError = error
                    break gathering
                }
            }
            try cache.storeInOneTransaction { batch in
                for page in pages { try store(page, in: batch, into: &summary) }
                // Pages fetched while these were stored join the transaction, up to the catch-up's rows, so
                // that the storing thread goes on instead of waiting for the next batch to gather. Only pages
                // ready now: the transaction never waits for the network.
                joining: while more, fetchError == nil, rows < limits.rows {
                    let arrival: PagePipeline<MappedPage<HomeMeasurement>>.Arrival
                    do {
                        arrival = try pipeline.next(by: .distantPast)
                    } catch {
                        // Only the fetch's error ends the batch this way; an error storing rolls it back.
                        fetchError = error
                        break joining
                    }
                    switch arrival {
                    case .page(let page):
                        rows += page.fetched
                        try store(page, in: batch, into: &summary)
                        pages.append(page)
                    case .finished:
                        more = false
                    case .late:
                        break joining
                    }
                }
            }
            while let page = pages.popLast() { pipeline.dispose(consume page) }
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
