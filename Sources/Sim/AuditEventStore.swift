import Foundation
import Hummingbird
import VardeService

/// The AuditEvents consoles have delivered, with the conditional create that keeps them unique.
public final class AuditEventStore: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [FHIRAuditEvent] = []
    private var byIdentifier: [String: Int] = [:]

    init() {}

    /// Stores the event unless one with the same identifier (`system|value`) exists; true if created.
    func create(_ event: FHIRAuditEvent, ifNoneExist identifier: String?) -> (event: FHIRAuditEvent, created: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if let identifier, let index = byIdentifier[identifier] { return (events[index], false) }
        var stored = event
        stored.id = "audit-\(events.count + 1)"
        stored.meta = FHIRMeta(lastUpdated: FHIRDateTime.format(Date()), versionId: "1")
        let own = event.extension?.first { $0.url == AuditEventMapping.identifierExtension }?.valueIdentifier
        if let own, let system = own.system, let value = own.value { byIdentifier["\(system)|\(value)"] = events.count }
        if let identifier { byIdentifier[identifier] = events.count }
        events.append(stored)
        return (stored, true)
    }

    func get(id: String) -> FHIRAuditEvent? {
        lock.lock()
        defer { lock.unlock() }
        return events.first { $0.id == id }
    }

    /// Every stored event, or one patient's, in the order they arrived.
    public func all(patientID: String? = nil) -> [FHIRAuditEvent] {
        lock.lock()
        defer { lock.unlock() }
        guard let patientID else { return events }
        return events.filter { AuditEventMapping.patientID(of: $0) == patientID }
    }
}

/// `POST /AuditEvent` (honours `If-None-Exist: identifier=system|value`) and `GET /AuditEvent?patient=…`.
struct AuditEventEndpoint: Sendable {
    let store: AuditEventStore

    func register(on router: Router<BasicRequestContext>) {
        router.post("AuditEvent") { request, _ in
            let body = try await request.body.collect(upTo: 256 * 1024)
            guard let event = try? JSONDecoder().decode(FHIRAuditEvent.self, from: Data(buffer: body)) else {
                throw FHIRError(status: .badRequest, code: "structure", "the body is not a FHIR AuditEvent")
            }
            var identifier: String?
            if let condition = request.headers.first(where: { $0.name.canonicalName == "if-none-exist" })?.value {
                guard condition.hasPrefix("identifier=") else {
                    throw FHIRError(status: .badRequest, code: "not-supported", "If-None-Exist supports identifier= only")
                }
                identifier = String(condition.dropFirst("identifier=".count))
            }
            let (stored, created) = store.create(event, ifNoneExist: identifier)
            var response = fhir(stored)
            response.status = created ? .created : .ok
            return response
        }
        router.get("AuditEvent/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let event = store.get(id: id) else { throw FHIRError.notFound("AuditEvent", id) }
            return fhir(event)
        }
        router.get("AuditEvent") { request, _ in
            for (name, _) in request.uri.queryParameters where !SearchSupport.auditEvent.contains(String(name)) {
                throw FHIRError(status: .badRequest, code: "not-supported", "search parameter '\(name)' is not supported on AuditEvent")
            }
            let patient = request.uri.queryParameters.get("patient").map { $0.hasPrefix("Patient/") ? String($0.dropFirst(8)) : $0 }
            let base = "http://\(request.head.authority ?? "127.0.0.1")"
            let events = store.all(patientID: patient)
            let query = patient.map { "?patient=\($0)" } ?? ""
            return fhir(FHIRSearchBundle(id: UUID().uuidString.lowercased(), meta: nil, total: events.count,
                                         link: [FHIRBundleLink(relation: "self", url: "\(base)/AuditEvent\(query)")],
                                         entry: events.map { .init(fullUrl: "\(base)/AuditEvent/\($0.id ?? "")", resource: $0) }))
        }
    }
}
