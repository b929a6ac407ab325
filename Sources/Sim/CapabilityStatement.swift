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

    static func simulator() -> CapabilityStatement {
        let params = [SearchParam(name: "_lastUpdated", type: "date"), SearchParam(name: "_count", type: "number"),
                      SearchParam(name: "_sort", type: "string")]
        return CapabilityStatement(
            date: "2026-11-22",
            rest: [Rest(resource: ["Patient", "Observation", "CarePlan", "Task", "Communication", "Consent"].map {
                Resource(type: $0, interaction: [Interaction(code: "search-type")],
                         searchParam: ["Patient", "Observation", "CarePlan"].contains($0)
                             ? params + [SearchParam(name: "municipality", type: "token")] : params)
            } + [Resource(type: "AuditEvent", interaction: [Interaction(code: "create"), Interaction(code: "search-type")],
                          searchParam: [SearchParam(name: "patient", type: "reference"),
                                        SearchParam(name: "identifier", type: "token")])])])
    }
}
