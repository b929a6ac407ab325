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
    /// The operator's simulated colleagues, working the shared Tasks.
    let colleagues: SimulatedColleagues
    let messages: MessageStore
    /// Every message the simulated service holds (for tests that compare it with a cache).
    public var communications: [FHIRCommunication] { messages.all }
    /// AuditEvents the consoles have delivered (listable, for tests and for patients' insight).
    public let auditEvents: AuditEventStore
    /// Patients' blocks of named operators, served as Consent.
    public let blocks: BlockStore
    /// Observation pages of a frozen centre as they went out.
    let encodedPages = EncodedPageCache()
    let documents: DocumentReferenceStore
    /// Every journal note (DocumentReference) the simulated service holds, in the order stored.
    public var journalNotes: [FHIRDocumentReference] { documents.all }
    /// The patients' synthetic phones, next of kin and GPs (Practitioner resources).
    let contacts: SyntheticContacts
    /// The simulated HelseID when the centre runs with `--auth helseid` (nil: no authorization, bearer mode).
    public let authority: SimAuthority?

    public init(centre: SimulatedCentre) {
        self.centre = centre
        faults = FaultInjector(faults: centre.config.faults, seed: centre.config.seed)
        messages = MessageStore(centre: centre)
        tasks = TaskStore(clock: { [centre] in centre.config.frozen ? Date() : centre.now() })
        colleagues = SimulatedColleagues(count: centre.config.colleagues, centre: centre, tasks: tasks, messages: messages,
                                         seed: centre.config.seed,
                                         from: centre.config.start.addingTimeInterval(-centre.config.historyDays * 86_400))
        // The colleagues' work through the history is done before the first request, like the measurements'.
        colleagues.work(until: centre.now())
        auditEvents = AuditEventStore()
        blocks = BlockStore(initial: centre.config.blocks)
        documents = DocumentReferenceStore()
        contacts = SyntheticContacts(patients: centre.allPatients, seed: centre.config.seed)
        authority = centre.config.auth.map { SimAuthority(auth: $0) }
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
            onServerRunning: { [authority] channel in
                authority?.bind(port: channel.localAddress?.port ?? port)
                onListening(channel.localAddress?.port ?? port)
            },
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
        if let authority {
            router.add(middleware: ResourceGuard(authority: authority))
            AuthorizationEndpoints(authority: authority).register(on: router)
        }
        router.get("metadata") { _, _ in fhir(CapabilityStatement.simulator()) }
        router.get("Patient") { request, _ in try await self.searchPatients(request) }
        router.get("Observation") { request, _ in try await self.searchObservations(request) }
        router.get("CarePlan") { request, _ in try await self.searchPlans(request) }
        router.get("Patient/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            guard let (patient, municipality) = centre.patient(id: id) else { throw FHIRError.notFound("Patient", id) }
            return fhir(PatientMapping.resource(from: patient, municipality: municipality, contacts: contacts.contacts(of: id)))
        }
        router.get("Practitioner") { request, _ in
            let query = try SearchQuery(request, type: "Practitioner", supports: SearchSupport.practitioner)
            let ids = query.values("_id").map(SearchMatch.ids)
            let identifiers = query.values("identifier")
            let found = contacts.practitioners.values.sorted { ($0.id ?? "") < ($1.id ?? "") }.filter { practitioner in
                ids.allSatisfy { $0.contains(practitioner.id ?? "") }
                    && identifiers.allSatisfy { token in
                        (practitioner.identifier ?? []).contains { SearchMatch.token(token, system: $0.system, code: $0.value) }
                    }
            }
            let base = baseURL(request)
            return fhir(FHIRSearchBundle(id: UUID().uuidString.lowercased(), meta: nil, total: found.count,
                                         link: [FHIRBundleLink(relation: "self", url: "\(base)/Practitioner?\(query.text(after: nil))")],
                                         entry: found.map { .init(fullUrl: "\(base)/Practitioner/\($0.id ?? "")", resource: $0) }))
        }
        router.get("Practitioner/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let practitioner = contacts.practitioners[id] else { throw FHIRError.notFound("Practitioner", id) }
            var response = fhir(practitioner)
            response.headers[.eTag] = "W/\"1\""
            return response
        }
        router.get("Observation/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            centre.advance(to: centre.now())
            guard let m = centre.observation(id: id) else { throw FHIRError.notFound("Observation", id) }
            var observation = ObservationMapping.observation(from: m)
            if faults.isInvalid(m.id) { observation.subject = nil }
            return fhir(observation)
        }
        router.get("CarePlan/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            guard let plan = centre.plan(id: id) else { throw FHIRError.notFound("CarePlan", id) }
            return fhir(CarePlanMapping.resource(from: plan))
        }
        PMDEndpoint(centre: centre, faults: faults).register(on: router)
        // Tasks bring only the colleagues up to the clock: reading a Task publishes no measurement.
        TaskEndpoint(store: tasks, catchUp: { [centre, colleagues] in colleagues.work(until: centre.now()) }, municipalityOf: { [centre] in centre.municipalityByPatient[$0] }).register(on: router)
        CommunicationEndpoint(store: messages).register(on: router)
        AuditEventEndpoint(store: auditEvents).register(on: router)
        BlockEndpoint(store: blocks).register(on: router)
        DocumentReferenceEndpoint(store: documents, knowsPatient: { [centre] id in centre.patient(id: id) != nil }).register(on: router)
        return router
    }

    /// Every shared Task (alerts claimed and resolved by workstations and simulated colleagues), for tests.
    public var sharedTasks: [FHIRTask] { tasks.changed(after: nil, count: Int.max).items }

    /// Brings the measurements and the colleagues' work up to the centre's clock.
    @Sendable func catchUp() {
        centre.advance(to: centre.now())
        colleagues.work(until: centre.now())
    }

    private func searchPatients(_ request: Request) async throws -> Response {
        let query = try SearchQuery(request, type: "Patient", supports: SearchSupport.patient)
        let ids = query.values("_id").map(SearchMatch.ids)
        let identifiers = query.values("identifier")
        let keep: ((Patient, Municipality) -> Bool)? = query.filters.isEmpty ? nil : { patient, _ in
            ids.allSatisfy { $0.contains(patient.id) }
                && identifiers.allSatisfy { SearchMatch.token($0, system: NationalIdentityNumber.system, code: patient.nationalID) }
        }
        let page = centre.patients(after: query.after, count: query.count, in: query.municipalities, where: keep)
        let base = baseURL(request)
        let entries = page.items.map { patient, municipality in
            FHIRSearchBundle<FHIRPatient>.Entry(fullUrl: "\(base)/Patient/\(patient.id)",
                                                resource: PatientMapping.resource(from: patient, municipality: municipality,
                                                                                  contacts: contacts.contacts(of: patient.id)))
        }
        return bundle(entries, page: page, resource: "Patient", query: query, base: base)
    }

    private func searchPlans(_ request: Request) async throws -> Response {
        let query = try SearchQuery(request, type: "CarePlan", supports: SearchSupport.carePlan)
        let ids = query.values("_id").map(SearchMatch.ids)
        let patients = (query.values("patient") + query.values("subject")).map(SearchMatch.patientIDs)
        let statuses = query.values("status")
        let keep: ((SelfCarePlan) -> Bool)? = ids.isEmpty && patients.isEmpty && statuses.isEmpty ? nil : { plan in
            ids.allSatisfy { $0.contains(plan.id) } && patients.allSatisfy { $0.contains(plan.patientID) }
                && statuses.allSatisfy { SearchMatch.token($0, system: nil, code: CarePlanMapping.status(of: plan)) }
        }
        let page = centre.plans(after: query.after, count: query.count, in: query.municipalities, where: keep)
        let base = baseURL(request)
        let entries = page.items.map {
            FHIRSearchBundle<FHIRCarePlan>.Entry(fullUrl: "\(base)/CarePlan/\($0.id)", resource: CarePlanMapping.resource(from: $0))
        }
        return bundle(entries, page: page, resource: "CarePlan", query: query, base: base)
    }

    private func searchObservations(_ request: Request) async throws -> Response {
        let query = try SearchQuery(request, type: "Observation", supports: SearchSupport.observation)
        let ids = query.values("_id").map(SearchMatch.ids)
        let patientSets = (query.values("patient") + query.values("subject")).map(SearchMatch.patientIDs)
        let codes = query.values("code")
        let dates = try query.values("date").map(SearchMatch.DateFilter.init)
        let gzip = centre.config.gzip && request.headers[.acceptEncoding]?.contains("gzip") == true
        let kept = EncodedPageCache.key(host: baseURL(request), query: query.text(after: query.after), gzip: gzip,
                                        centre: centre, faults: faults.faults)
        if let kept, let response = encodedPages.response(kept) { return response }
        catchUp()
        let page: SimulatedCentre.Page<HomeMeasurement>
        if query.filters.isEmpty {
            page = centre.observations(after: query.after, count: query.count, in: query.municipalities)
        } else {
            let patients = patientSets.isEmpty ? nil : patientSets.dropFirst().reduce(patientSets[0]) { $0.intersection($1) }
            page = centre.observations(after: query.after, count: query.count, in: query.municipalities, patientIDs: patients) { m in
                ids.allSatisfy { $0.contains(m.id) }
                    && codes.allSatisfy { code in SearchMatch.token(code, system: m.kind.codes.first?.system ?? String(m.code.split(separator: "|").first ?? ""),
                                                                 code: m.kind.codes.first?.code ?? String(m.code.split(separator: "|").last ?? "")) }
                    && dates.allSatisfy { $0.matches(m.effective) }
            }
        }
        let base = baseURL(request)
        let entries = page.items.map { m in
            var observation = ObservationMapping.observation(from: m)
            if faults.isInvalid(m.id) { observation.subject = nil } // a resource no client can place
            return FHIRSearchBundle<FHIRObservation>.Entry(fullUrl: "\(base)/Observation/\(m.id)", resource: observation)
        }
        let response = bundle(entries, page: page, resource: "Observation", query: query, base: base)
        guard let kept else { return response }
        return try await encodedPages.keep(response, key: kept, gzip: gzip)
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

/// The search parameters the simulator understands. Every type takes `_lastUpdated=gt…|ge…`, `_count` and
/// `_sort=_lastUpdated`; a type adds those it names in `supports` (e.g. `municipality=0301,1804`, Varde's
/// search parameter: only patients of those kommunenummer). Any other parameter is refused with 400
/// and an OperationOutcome naming it, never silently ignored.
struct SearchQuery {
    var after: Int64?
    var count: Int
    var municipalities: Set<String>?
    /// The type's own search parameters (`_id`, `patient`, `code`, `date` …) in the order given:
    /// every paging link carries them.
    var filters: [(name: String, value: String)] = []

    static let common: Set<String> = ["_lastUpdated", "_count", "_sort"]

    init(_ request: Request, type: String = "", supports: Set<String> = []) throws {
        let parameters = request.uri.queryParameters
        for (name, value) in parameters {
            let name = String(name)
            guard Self.common.contains(name) || supports.contains(name) else {
                throw FHIRError(status: .badRequest, code: "not-supported",
                                "search parameter '\(name)' is not supported\(type.isEmpty ? "" : " on \(type)")")
            }
            if name != "municipality", !Self.common.contains(name) { filters.append((name, String(value))) }
        }
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

    /// The values of one of the type's own parameters (each occurrence; all must hold).
    func values(_ name: String) -> [String] { filters.filter { $0.name == name }.map { $0.value } }

    private static let valueCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~:/,"))

    func text(after cursor: Int64?) -> String {
        var parts = filters.map { "\($0.name)=\($0.value.addingPercentEncoding(withAllowedCharacters: Self.valueCharacters) ?? $0.value)" }
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

/// Matching the values of FHIR search parameters: ids, references, tokens and dates.
enum SearchMatch {
    /// `_id=a,b`: any of the ids.
    static func ids(_ value: String) -> Set<String> { Set(value.split(separator: ",").map(String.init)) }

    /// `patient=Patient/X`, `patient=X` or a full URL ending in `Patient/X`; a comma means any of them.
    static func patientIDs(_ value: String) -> Set<String> {
        Set(value.split(separator: ",").map { part in
            if let range = part.range(of: "Patient/", options: .backwards) { return String(part[range.upperBound...]) }
            return String(part)
        })
    }

    /// Whether a coding matches a token `system|code`, `|code` (no system) or `code` (any system);
    /// a comma means any of them.
    static func token(_ value: String, system: String?, code: String?) -> Bool {
        value.split(separator: ",").contains { part in
            guard let bar = part.firstIndex(of: "|") else { return String(part) == code }
            let wantedSystem = part[..<bar], wantedCode = part[part.index(after: bar)...]
            let systemMatches = wantedSystem.isEmpty ? (system ?? "").isEmpty : String(wantedSystem) == system
            return systemMatches && (wantedCode.isEmpty || String(wantedCode) == code)
        }
    }

    /// A `date` parameter: prefix eq/ge/gt/le/lt (eq when absent) and the range its precision spans.
    struct DateFilter {
        let prefix: String
        let lower: Date
        let upper: Date

        init(_ value: String) throws {
            let letters = value.prefix(2)
            let hasPrefix = ["eq", "ge", "gt", "le", "lt"].contains(letters)
            guard hasPrefix || value.first?.isNumber == true else {
                throw FHIRError(status: .badRequest, code: "not-supported", "date prefixes are eq, ge, gt, le and lt")
            }
            prefix = hasPrefix ? String(letters) : "eq"
            let text = hasPrefix ? String(value.dropFirst(2)) : value
            guard let date = FHIRDateTime.parse(text) else {
                throw FHIRError(status: .badRequest, code: "invalid", "date must be a FHIR date or dateTime, not '\(text)'")
            }
            lower = date
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            switch text.count {
            case 4: upper = calendar.date(byAdding: .year, value: 1, to: date) ?? date
            case 7: upper = calendar.date(byAdding: .month, value: 1, to: date) ?? date
            case 10: upper = date.addingTimeInterval(86_400)
            default: upper = date.addingTimeInterval(text.contains(".") ? 0.001 : 1)
            }
        }

        func matches(_ instant: Date) -> Bool {
            switch prefix {
            case "ge": instant >= lower
            case "gt": instant >= upper
            case "le": instant < upper
            case "lt": instant < lower
            default: instant >= lower && instant < upper
            }
        }
    }
}

/// The search parameters each type supports beyond `_lastUpdated`, `_count` and `_sort`
/// (the CapabilityStatement declares exactly these).
enum SearchSupport {
    static let patient: Set<String> = ["_id", "identifier", "municipality"]
    static let observation: Set<String> = ["_id", "patient", "subject", "code", "date", "municipality"]
    static let carePlan: Set<String> = ["_id", "patient", "subject", "status", "municipality"]
    static let communication: Set<String> = ["identifier", "municipality"]
    static let task: Set<String> = ["municipality"]
    static let consent: Set<String> = []
    /// AuditEvent search takes `patient` only (no paging parameters).
    static let auditEvent: Set<String> = ["patient"]
    static let documentReference: Set<String> = ["patient", "subject", "identifier"]
    /// The GPs Patients name (`generalPractitioner`): by id or HPR number.
    static let practitioner: Set<String> = ["_id", "identifier"]
}

/// An error the simulator answers with an OperationOutcome body.
struct FHIRError: Error, HTTPResponseError {
    let status: HTTPResponse.Status
    let outcome: FHIROperationOutcome

    static func notFound(_ type: String, _ id: String) -> FHIRError {
        FHIRError(status: .notFound, code: "not-found", "no \(type) \(id)")
    }

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
