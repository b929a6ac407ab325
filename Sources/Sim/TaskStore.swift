import Foundation
import Hummingbird
import VardeService

/// The simulator's shared Tasks: conditional updates with versions, exactly as nurses' workstations
/// need them to avoid two of them working the same alert.
final class TaskStore: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [String: (version: Int, stamp: Int64, task: FHIRTask)] = [:]
    private var lastStamp: Int64 = 0
    private let clock: @Sendable () -> Date

    init(clock: @escaping @Sendable () -> Date) { self.clock = clock }

    enum PutResult {
        case stored(version: Int, task: FHIRTask, created: Bool)
        case preconditionFailed(current: FHIRTask?)
        case preconditionRequired
    }

    /// `at` stamps a change made at a known instant (a simulated colleague's work in the centre's history).
    func put(_ id: String, _ task: FHIRTask, ifMatch: Int?, ifNoneMatch: Bool, at: Date? = nil) -> PutResult {
        lock.lock()
        defer { lock.unlock() }
        let existing = tasks[id]
        if ifNoneMatch, existing != nil { return .preconditionFailed(current: existing?.task) }
        if let ifMatch, existing?.version != ifMatch { return .preconditionFailed(current: existing?.task) }
        if !ifNoneMatch, ifMatch == nil { return .preconditionRequired }
        let version = (existing?.version ?? 0) + 1
        lastStamp = max(lastStamp + 1, Int64(((at ?? clock()).timeIntervalSince1970 * 1000).rounded()))
        var stored = task
        stored.id = id
        stored.meta = FHIRMeta(lastUpdated: FHIRDateTime.format(Date(timeIntervalSince1970: Double(lastStamp) / 1000)),
                               versionId: String(version))
        tasks[id] = (version, lastStamp, stored)
        return .stored(version: version, task: stored, created: existing == nil)
    }

    func get(_ id: String) -> (version: Int, task: FHIRTask)? {
        lock.lock()
        defer { lock.unlock() }
        return tasks[id].map { ($0.version, $0.task) }
    }

    /// Tasks changed after `cursor` (ms), oldest change first.
    func changed(after cursor: Int64?, count: Int, where keep: (FHIRTask) -> Bool = { _ in true })
        -> (items: [FHIRTask], hasMore: Bool, lastStamp: Int64?) {
        lock.lock()
        defer { lock.unlock() }
        let sorted = tasks.values.filter { $0.stamp > (cursor ?? Int64.min) && keep($0.task) }.sorted { $0.stamp < $1.stamp }
        let page = sorted.prefix(count)
        return (page.map(\.task), sorted.count > count, page.last?.stamp)
    }
}

/// `GET /Task`, `GET /Task/{id}` and `PUT /Task/{id}` (If-Match / If-None-Match: *).
struct TaskEndpoint: Sendable {
    let store: TaskStore
    /// Brings the centre and the colleagues' work up to the clock before a Task is read or written.
    let catchUp: @Sendable () -> Void
    /// The kommunenummer of a patient, for `municipality=` searches.
    let municipalityOf: @Sendable (String) -> String?

    func register(on router: Router<BasicRequestContext>) {
        router.put("Task/:id") { request, context in
            catchUp()
            return try await self.put(request, context)
        }
        router.get("Task/:id") { _, context in
            catchUp()
            let id = context.parameters.get("id") ?? ""
            guard let (version, task) = store.get(id) else {
                throw FHIRError(status: .notFound, code: "not-found", "no Task \(id)")
            }
            var response = fhir(task)
            response.headers[.eTag] = "W/\"\(version)\""
            return response
        }
        router.get("Task") { request, _ in
            catchUp()
            let query = try SearchQuery(request, type: "Task", supports: SearchSupport.task)
            let page = store.changed(after: query.after, count: query.count) { task in
                guard let wanted = query.municipalities else { return true }
                let patient = task.for?.reference.map { String($0.dropFirst("Patient/".count)) } ?? ""
                return municipalityOf(patient).map(wanted.contains) ?? false
            }
            let base = "http://\(request.head.authority ?? "127.0.0.1")"
            var links = [FHIRBundleLink(relation: "self", url: "\(base)/Task?\(query.text(after: query.after))")]
            if page.hasMore, let last = page.lastStamp {
                links.append(FHIRBundleLink(relation: "next", url: "\(base)/Task?\(query.text(after: last))"))
            }
            return fhir(FHIRSearchBundle(id: UUID().uuidString.lowercased(), meta: nil, total: nil, link: links,
                                         entry: page.items.map { .init(fullUrl: "\(base)/Task/\($0.id ?? "")", resource: $0) }))
        }
    }

    private func put(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        let body = try await request.body.collect(upTo: 256 * 1024)
        guard let task = try? JSONDecoder().decode(FHIRTask.self, from: Data(buffer: body)) else {
            throw FHIRError(status: .badRequest, code: "structure", "the body is not a FHIR Task")
        }
        let ifMatch = request.headers[.ifMatch].flatMap { Int($0.replacingOccurrences(of: "W/", with: "").replacingOccurrences(of: "\"", with: "")) }
        let ifNoneMatch = request.headers[.ifNoneMatch] == "*"
        switch store.put(id, task, ifMatch: ifMatch, ifNoneMatch: ifNoneMatch) {
        case .stored(let version, let stored, let created):
            var response = fhir(stored)
            response.status = created ? .created : .ok
            response.headers[.eTag] = "W/\"\(version)\""
            return response
        case .preconditionFailed(let current):
            let owner = current?.owner?.display.map { " (owner: \($0))" } ?? ""
            throw FHIRError(status: .preconditionFailed, code: "conflict", "the Task was changed by someone else\(owner)")
        case .preconditionRequired:
            throw FHIRError(status: .preconditionRequired, code: "required", "use If-Match or If-None-Match: *")
        }
    }
}
