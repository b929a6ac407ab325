import Foundation
import VardeDomain
import VardeService
import VardeStore

/// Pulls Patient, CarePlan and Observation pages (and the rest) from one follow-up server into the cache,
/// incrementally: a cursor per resource on `_lastUpdated`, following `link[next]`, each page committed
/// with its cursor.
public final class SyncEngine: Sendable {
    public let client: FHIRClient
    public let cache: CacheDatabase
    public let triage: Triage
    public let pageSize: Int
    /// A second, PMD-style source of measurements, pulled after the follow-up service.
    public let measurementSource: MeasurementSourceSync?
    /// Handling steps out, colleagues' steps in.
    public let tasks: TaskSync
    /// The access log out, patients' blocks in.
    public let privacy: PrivacySync
    /// Kommunenummer the operator is authorised for (nil: all): asked of the server and enforced here.
    public let municipalities: Set<String>?
    let clock: @Sendable () -> Date
    /// When the centre is staffed: missing measurements are only raised inside these hours.
    public let serviceHours: ServiceHours
    /// Deadlines pass by the minute: looking once a minute is enough, however often the sync runs.
    private let missingCheck = Throttle(every: 60)

    /// How large a catch-up transaction of Observation pages may grow.
    public let batchLimits: BatchLimits

    /// Resources asked for per page: the most the simulator serves (it caps `_count` at 1000), and what
    /// `make bench` stores. A server that pages by fewer is followed as its `next` links say.
    public static let defaultPageSize = 1000

    public init(client: FHIRClient, cache: CacheDatabase, triage: Triage = Triage(), pageSize: Int = SyncEngine.defaultPageSize,
                measurementSource: MeasurementSourceSync? = nil, nurse: String = "ukjent",
                serviceHours: ServiceHours = ServiceHours(), municipalities: Set<String>? = nil,
                batchLimits: BatchLimits = .catchUp, clock: @escaping @Sendable () -> Date = Date.init) {
        self.batchLimits = batchLimits
        self.serviceHours = serviceHours
        self.client = client
        self.municipalities = municipalities
        privacy = PrivacySync(client: client, cache: cache, pageSize: pageSize, clock: clock)
        tasks = TaskSync(client: client, cache: cache, nurse: nurse, municipalities: municipalities, triage: triage,
                         clock: clock)
        self.measurementSource = measurementSource
        self.cache = cache
        self.triage = triage
        self.pageSize = pageSize
        self.clock = clock
    }

    /// One complete pass; throws on the first page that fails, keeping every page committed before it.
    public func syncOnce() throws -> SyncSummary {
        let started = Date()
        var summary = SyncSummary()
        do {
            try privacy.flushAccessLog(into: &summary)
            try tasks.flush(into: &summary)
            try flushMessages(into: &summary)
            try flushJournalNotes(into: &summary)
            try privacy.pullBlocks(into: &summary)
            try pullPatients(into: &summary)
            let observations = try observationPages()
            defer { observations.cancel() }
            try pullPlans(into: &summary)
            try pullObservations(from: observations, into: &summary)
            try measurementSource?.syncOnce(into: &summary)
            try pullMessages(into: &summary)
            try tasks.pull(into: &summary)
            try resolvePractitioners(into: &summary)
            if missingCheck.due(at: clock()) {
                summary.alertsOpened += try cache.raiseMissingMeasurementAlerts(now: clock(), hours: serviceHours)
            }
        } catch {
            summary.duration = Date().timeIntervalSince(started)
            try? record(.failure(error))
            throw error
        }
        summary.duration = Date().timeIntervalSince(started)
        try record(.success(()), futureStamped: summary.futureStamped)
        return summary
    }

    /// The search parameter that asks the server for the operator's municipalities only.
    public static let municipalityParameter = "municipality"

    func firstURL(_ resource: String, extra: [(String, String)] = []) throws -> String {
        var parameters = extra + [("_count", String(pageSize)), ("_sort", "_lastUpdated")]
        if let municipalities {
            parameters.insert((Self.municipalityParameter, municipalities.sorted().joined(separator: ",")), at: 0)
        }
        if let cursor = try cache.cursor(server: client.baseURL, resource: resource) {
            // `ge`, not `gt`: a resource the server commits later with the very same stamp as the cursor must
            // still come (what arrives again unchanged changes nothing).
            parameters.insert(("_lastUpdated", "ge\(cursor)"), at: 0)
        }
        return client.searchURL(resource, parameters)
    }

    /// Patients (with the municipalities they name). A server that ignores the municipality parameter
    /// still never gets other municipalities' patients stored.
    private func pullPatients(into summary: inout SyncSummary) throws {
        let allowed = municipalities
        let pipeline = try mappedPages("Patient", of: FHIRPatient.self) { resource throws(EntryProblem) in
            let (patient, municipality) = try PatientMapping.patient(from: resource)
            let contacts = PatientMapping.contacts(from: resource, patientID: patient.id)
            return allowed.map({ $0.contains(patient.municipalityNumber) }) ?? true ? (patient, municipality, contacts) : nil
        }
        defer { pipeline.cancel() }
        while let page = try pipeline.next() {
            try take(page, "Patient", into: &summary) { cursor in
                // Contacts first: a crash between the two stores them again with the page.
                try cache.storeContacts(page.items.map(\.2))
                return try cache.storePatients(page.items.map(\.0), municipalities: page.items.compactMap(\.1), cursor: cursor)
            }
        }
    }

    /// Self-care plans, before measurements: triage needs them (a centre has nearly as many plans as patients).
    /// Completed plans are asked for too: a plan whose follow-up ended must reach the cache as ended, or
    /// the patient would be missed for measurements they are no longer asked to take.
    /// A plan is mapped here, on the storing thread, not on the fetching one: decoding a page of plans
    /// keeps that thread busy, and the storing thread stood waiting for it for most of the plans' pages.
    private func pullPlans(into summary: inout SyncSummary) throws {
        let pipeline = try mappedPages("CarePlan", of: FHIRCarePlan.self, extra: [("status", "active,on-hold,completed")]) {
            resource throws(EntryProblem) in resource
        }
        defer { pipeline.cancel() }
        let base = client.baseURL
        while let decoded = try pipeline.next() {
            let page = decoded.mapped { resource throws(EntryProblem) in try CarePlanMapping.plan(from: resource, serverBase: base) }
            try take(page, "CarePlan", into: &summary) { cursor in
                try cache.storePlans(try inTenancy(page.items, patientID: \.patientID), cursor: cursor)
            }
        }
    }

    /// A decoded and mapped page, ready to store.
    struct MappedPage<Item: Sendable>: Sendable {
        var fetched = 0
        var items: [Item] = []
        var problems: [EntryProblem] = []
        var newest: (Date, String)?
        /// Resources stamped past the server's clock, which the cursor does not follow.
        var futureStamped = 0

        /// The same page with each item mapped again; an item `transform` refuses becomes one of its problems.
        func mapped<Other: Sendable>(_ transform: (Item) throws(EntryProblem) -> Other) -> MappedPage<Other> {
            var page = MappedPage<Other>(fetched: fetched, problems: problems, newest: newest, futureStamped: futureStamped)
            for item in items {
                do throws(EntryProblem) {
                    page.items.append(try transform(item))
                } catch {
                    page.problems.append(error)
                }
            }
            return page
        }
    }

    /// Pages of one resource type, fetched, decoded and mapped on the pipeline's thread while the
    /// caller stores the previous one; `map` returns nil for a resource to leave out.
    func mappedPages<Resource: FHIRPagedResource, Item: Sendable>(
        _ type: String, of resource: Resource.Type, extra: [(String, String)] = [], capacity: Int = 4,
        map: @escaping @Sendable (Resource) throws(EntryProblem) -> Item?
    ) throws -> PagePipeline<MappedPage<Item>> {
        let client = self.client, clock = self.clock
        return PagePipeline(first: try firstURL(type, extra: extra), capacity: capacity) { url in
            let page = try client.page(url, of: Resource.self)
            let ceiling = CursorCeiling(serverDate: page.serverDate, fallback: clock())
            var mapped = MappedPage<Item>()
            for entry in page.entries {
                mapped.fetched += 1
                do throws(EntryProblem) {
                    let resource = try entry.get()
                    mapped.newest = ceiling.newer(mapped.newest, resource.meta?.lastUpdated, future: &mapped.futureStamped)
                    if let item = try map(resource) { mapped.items.append(item) }
                } catch {
                    mapped.problems.append(error)
                }
            }
            return (mapped, page.nextURL)
        }
    }

    /// Quarantines a page's problems, then stores it with its cursor (`store` returns how many it stored).
    private func take<Item>(_ page: MappedPage<Item>, _ type: String, into summary: inout SyncSummary,
                            store: (SyncCursor?) throws -> Int) throws {
        summary.fetched += page.fetched
        summary.futureStamped += page.futureStamped
        try quarantine(page.problems, into: &summary)
        summary.stored += try store(page.newest.map { SyncCursor(server: client.baseURL, resource: type, value: $0.1) })
        summary.pages += 1
    }

    /// Only the items of cached patients in the operator's municipalities, when tenancy is in force.
    func inTenancy<Item>(_ items: [Item], patientID: KeyPath<Item, String>) throws -> [Item] {
        guard let municipalities, !items.isEmpty else { return items }
        let allowed = try cache.patients(Set(items.map { $0[keyPath: patientID] }), livingIn: municipalities)
        return items.filter { allowed.contains($0[keyPath: patientID]) }
    }

    /// Unusable resources are kept aside with their reason; they never stop the valid ones.
    func quarantine(_ problems: [EntryProblem], into summary: inout SyncSummary) throws {
        summary.quarantined += problems.count
        let now = clock()
        summary.deviceChecks += try cache.quarantine(problems.map { $0.quarantined(server: client.baseURL, at: now) },
                                                     deviceChecks: problems.compactMap(\.deviceCheck),
                                                     now: now, window: triage.window)
    }

    /// How long a quiet pass's success may go unwritten (the status line's "synced … ago" is at most this late).
    static let quietWrite: TimeInterval = 10

    private func record(_ outcome: Result<Void, any Error>, futureStamped: Int? = nil) throws {
        let now = clock()
        let stored = try cache.syncState()
        var state = stored ?? SyncState(server: client.baseURL, connection: .online)
        state.server = client.baseURL
        state.lastAttemptAt = now
        switch outcome {
        case .success:
            state.connection = .online
            state.lastSuccessAt = now
            state.lastError = nil
            state.futureStamped = futureStamped
        case .failure(let error):
            state.connection = state.connection == .online ? .reconnecting : .offline
            state.lastError = "\(error)"
        }
        // An idle pass that changed nothing but the times is written only every few seconds: each write
        // wakes every console reading the cache, and a pass a second would keep them all busy.
        if var unchanged = stored, unchanged.server == state.server, let written = unchanged.lastSuccessAt,
           case .success = outcome, now.timeIntervalSince(written) < Self.quietWrite, now >= written {
            unchanged.lastAttemptAt = state.lastAttemptAt
            unchanged.lastSuccessAt = state.lastSuccessAt
            if unchanged == state { return }
        }
        try cache.save(state)
    }
}

/// Says yes at most once per interval (of the clock passed in).
final class Throttle: @unchecked Sendable {
    private let interval: TimeInterval
    private var last: Date?
    private let lock = NSLock()

    init(every interval: TimeInterval) { self.interval = interval }

    func due(at now: Date) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let last, now.timeIntervalSince(last) < interval, now >= last { return false }
        last = now
        return true
    }
}

/// A FHIR resource that comes in searchset pages with `meta.lastUpdated` for the cursor.
protocol FHIRPagedResource: Decodable, Sendable {
    var meta: FHIRMeta? { get }
}

extension FHIRPatient: FHIRPagedResource {}
extension FHIRCarePlan: FHIRPagedResource {}
extension FHIRObservation: FHIRPagedResource {}
