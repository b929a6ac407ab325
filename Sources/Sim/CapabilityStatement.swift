import VardeService

/// The simulator's `GET /metadata` answer: what it serves and which search parameters work.
struct CapabilityStatement: Encodable, Sendable {
    var resourceType = "CapabilityStatement"
    var status = "active"
    var date: String
    var kind = "instance"
    var fhirVersion = "4.0.1"
    var format = ["application/fhir+json"]
    var software = Software(name: "varde-sim", version: "0.1")
    var rest: [Rest]

    struct Software: Encodable, Sendable { var name: String; var version: String }
    struct Rest: Encodable, Sendable { var mode = "server"; var resource: [Resource] }
    struct Resource: Encodable, Sendable {
        var type: String
        var interaction: [Interaction]
        var searchParam: [SearchParam]
    }
    struct Interaction: Encodable, Sendable { var code: String }
    struct SearchParam: Encodable, Sendable { var name: String; var type: String }

    /// The type of each search parameter the simulator knows.
    static let parameterTypes: [String: String] = [
        "_id": "token", "_lastUpdated": "date", "_count": "number", "_sort": "string", "municipality": "token",
        "identifier": "token", "patient": "reference", "subject": "reference", "code": "token", "date": "date",
        "status": "token",
    ]

    /// Per type: the interactions served and exactly the search parameters the server honours
    /// (`SearchSupport`, plus `_lastUpdated`, `_count`, `_sort` where paging search applies).
    static let served: [(type: String, interactions: [String], parameters: Set<String>)] = [
        ("Patient", ["read", "search-type"], SearchSupport.patient.union(SearchQuery.common)),
        ("Observation", ["read", "search-type"], SearchSupport.observation.union(SearchQuery.common)),
        ("CarePlan", ["read", "search-type"], SearchSupport.carePlan.union(SearchQuery.common)),
        ("Task", ["read", "update", "search-type"], SearchSupport.task.union(SearchQuery.common)),
        ("Communication", ["read", "create", "search-type"], SearchSupport.communication.union(SearchQuery.common)),
        ("Consent", ["read", "search-type"], SearchSupport.consent.union(SearchQuery.common)),
        ("AuditEvent", ["read", "create", "search-type"], SearchSupport.auditEvent),
        ("Practitioner", ["read", "search-type"], SearchSupport.practitioner),
        ("DocumentReference", ["read", "create", "search-type"], SearchSupport.documentReference),
    ]

    static func simulator() -> CapabilityStatement {
        CapabilityStatement(
            date: "2026-12-02",
            rest: [Rest(resource: served.map { type, interactions, parameters in
                Resource(type: type, interaction: interactions.map { Interaction(code: $0) },
                         searchParam: parameters.sorted().map { SearchParam(name: $0, type: parameterTypes[$0] ?? "string") })
            })])
    }
}
