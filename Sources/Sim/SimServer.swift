import Foundation
import Hummingbird
@_exported import Logging
import VardeDomain
import VardeService

/// The simulated follow-up service over HTTP: the FHIR R4 subset of service-contract.md.
public struct SimServer: Sendable {
    public let centre: SimulatedCentre
    /// The faults in force; tests may change them while the server runs.
    public let faults: FaultInjector
    let tasks: TaskStore
    let messages: MessageStore
    /// Every message the simulated service holds (for tests that compare it with a cache).
    public var communications: [FHIRCommunication] { messages.all }
    /// AuditEvents the consoles have delivered (listable, for tests and for patients' insight).
    public let auditEvents: AuditEventStore
    /// Patients' blocks of named operators, served as Consent.
    public let blocks: BlockStore

    public init(centre: SimulatedCentre) {
        self.centre = centre
        faults = FaultInjector(faults: centre.config.faults, seed: centre.config.seed)
        messages = MessageStore(centre: centre)
        tasks = TaskStore(clock: { [centre] in centre.config.frozen ? Date() : centre.now() })
        auditEvents = AuditEventStore()
        blocks = BlockStore(initial: centre.config.blocks)
    }

    /// Runs on 127.0.0.1:`port` (0 picks a free port) and reports the bound port once listening.
    /// With `handleSignals`, SIGINT/SIGTERM shut it down gracefully (for `varde sim`).
    public func run(port: Int, handleSignals: Bool, logLevel: Logger.Level = .warning,
                    onListening: @escaping @Sendable (Int) -> Void) async throws {
        var logger = Logger(label: "varde-sim")
        logger.logLevel = logLevel
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "varde-sim"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) },
            logger: logger)
        if handleSignals {
            try await app.runService()
        } else {
            try await app.run()
        }
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: FaultMiddleware(injector: faults))
        router.add(middleware: GzipMiddleware(enabled: centre.config.gzip))
        router.get("metadata") { _, _ in fhir(CapabilityStatement.simulator()) }
        router.get("Patient") { request, _ in try await self.searchPatients(request) }
        router.get("Observation") { request, _ in try await self.searchObservations(request) }
        router.get("CarePlan") { request, _ in try await self.searchPlans(request) }
        PMDEndpoint(centre: centre, faults: faults).register(on: router)
        TaskEndpoint(store: tasks).register(on: router)
        CommunicationEndpoint(store: messages).register(on: router)
        AuditEventEndpoint(store: auditEvents).register(on: router)
        BlockEndpoint(store: blocks).register(on: router)
        return router
    }

    private func searchPatients(_ request: Request) async throws -> Response {
        let query = try SearchQuery(request)
        let page = centre.patients(after: query.after, count: query.count, in: query.municipalities)
        let base = baseURL(request)
        let entries = page.items.map { patient, municipality in
            FHIRSearchBundle<FHIRPatient>.Entry(fullUrl: "\(base)/Patient/\(patient.id)",
                                                resource: PatientMapping.resource(from: patient, municipality: municipality))
        }
        return bundle(entries, page: page, resource: "Patient", query: query, base: base)
    }

    private func searchPlans(_ request: Request) async throws -> Response {
        let query = try SearchQuery(request)
        let page = centre.plans(after: query.after, count: query.count, in: query.municipalities)
        let base = baseURL(request)
        let entries = page.items.map {
            FHIRSearchBundle<FHIRCarePlan>.Entry(fullUrl: "\(base)/CarePlan/\($0.id)", resource: CarePlanMapping.resource(from: $0))
        }
        return bundle(entries, page: page, resource: "CarePlan", query: query, base: base)
    }

    private func searchObservations(_ request: Request) async throws -> Response {
        let query = try SearchQuery(request)
        centre.advance(to: centre.now())
        let page = centre.observations(after: query.after, count: query.count, in: query.municipalities)
        let base = baseURL(request)
        let entries = page.items.map { m in
            var observation = ObservationMapping.observation(from: m)
            if faults.isInvalid(m.id) { observation.subject = nil } // a resource no client can place
            return FHIRSearchBundle<FHIRObservation>.Entry(fullUrl: "\(base)/Observation/\(m.id)", resource: observation)
        }
        return bundle(entries, page: page, resource: "Observation", query: query, base: base)
    }

    private func bundle<R: Encodable & Sendable, Item>(_ entries: [FHIRSearchBundle<R>.Entry], page: SimulatedCentre.Page<Item>,
                                                       resource: String, query: SearchQuery, base: String) -> Response {
        var links = [FHIRBundleLink(relation: "self", url: "\(base)/\(resource)?\(query.text(after: query.after))")]
        if page.hasMore, let last = page.lastStamp {
            links.append(FHIRBundleLink(relation: "next", url: "\(base)/\(resource)?\(query.text(after: last))"))
        }
        let bundle = FHIRSearchBundle(id: UUID().uuidString.lowercased(),
                                      meta: FHIRMeta(lastUpdated: FHIRDateTime.format(centre.now())),
                                      total: page.total, link: links, entry: entries)
        var response = fhir(bundle)
        if faults.shouldMalform() {
            response.body = .init(byteBuffer: ByteBuffer(string: "{\"resourceType\":\"Bundle\",\"entry\":[{\"resour"))
        } else if faults.shouldDrop() {
            response.body = droppedHalfway((try? fhirEncoder.encode(bundle)) ?? Data())
            response.headers[GzipMiddleware.dropMark] = "drop" // cut as it is, not compressed first
        }
        return response
    }

    private func baseURL(_ request: Request) -> String {
        "http://\(request.head.authority ?? "127.0.0.1")"
    }
}

/// The search parameters the simulator understands: `_lastUpdated=gt…`, `_count`, `_sort=_lastUpdated`,
/// and `municipality=0301,1804` (Varde's search parameter: only patients of those kommunenummer).
struct SearchQuery {
    var after: Int64?
    var count: Int
    var municipalities: Set<String>?

    init(_ request: Request) throws {
        let parameters = request.uri.queryParameters
        count = min(1000, max(1, parameters.get("_count").flatMap { Int($0) } ?? 100))
        municipalities = parameters.get("municipality").map { Set($0.split(separator: ",").map(String.init)) }
        if let sort = parameters.get("_sort"), sort != "_lastUpdated" {
            throw FHIRError(status: .badRequest, code: "not-supported", "only _sort=_lastUpdated is supported")
        }
        if let lastUpdated = parameters.get("_lastUpdated") {
            guard lastUpdated.hasPrefix("gt") || lastUpdated.hasPrefix("ge"),
                  let date = FHIRDateTime.parse(String(lastUpdated.dropFirst(2))) else {
                throw FHIRError(status: .badRequest, code: "invalid",
                                "_lastUpdated must be gt or ge followed by a FHIR instant")
            }
            // Stamps are whole milliseconds: `ge` T is `gt` the millisecond before.
            after = Int64((date.timeIntervalSince1970 * 1000).rounded()) - (lastUpdated.hasPrefix("ge") ? 1 : 0)
        }
    }

    func text(after cursor: Int64?) -> String {
        var parts: [String] = []
        if let municipalities { parts.append("municipality=\(municipalities.sorted().joined(separator: ","))") }
        if let cursor {
            let instant = FHIRDateTime.format(Date(timeIntervalSince1970: Double(cursor) / 1000))
            parts.append("_lastUpdated=gt\(instant)")
        }
        parts.append("_count=\(count)")
        parts.append("_sort=_lastUpdated")
        return parts.joined(separator: "&")
    }
}

/// An error the simulator answers with an OperationOutcome body.
struct FHIRError: Error, HTTPResponseError {
    let status: HTTPResponse.Status
    let outcome: FHIROperationOutcome

    init(status: HTTPResponse.Status, code: String, _ diagnostics: String) {
        self.status = status
        outcome = FHIROperationOutcome(code: code, diagnostics: diagnostics)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = fhir(outcome)
        response.status = status
        return response
    }
}

let fhirEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
    return encoder
}()

/// A body that announces its full length, sends half, then cuts the connection.
func droppedHalfway(_ data: Data) -> ResponseBody {
    ResponseBody(contentLength: data.count) { writer in
        try await writer.write(ByteBuffer(bytes: data.prefix(data.count / 2)))
        throw ConnectionDropped()
    }
}

struct ConnectionDropped: Error {}

/// A 200 response with a FHIR JSON body.
func fhir(_ value: some Encodable) -> Response {
    let data = (try? fhirEncoder.encode(value)) ?? Data()
    return Response(status: .ok, headers: [.contentType: "application/fhir+json"],
                    body: .init(byteBuffer: ByteBuffer(bytes: data)))
}
