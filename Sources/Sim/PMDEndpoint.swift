import Foundation
import Hummingbird
import VardeDomain
import VardeService

/// The companion endpoint in the style of Norway's "Pasientens måledata": Observation is its only
/// resource, searched one patient at a time with a form-encoded `POST /pmd/Observation/_search`
/// (GET search is refused); subjects are referenced by fødselsnummer, and the municipality travels
/// only as a Bundle `meta.tag`.
struct PMDEndpoint: Sendable {
    static let municipalityTagSystem =
        "https://register.geonorge.no/sosi-kodelister/inndelinger/inndelingsbase/kommunenummer"

    let centre: SimulatedCentre
    let faults: FaultInjector

    func register(on router: Router<BasicRequestContext>) {
        router.post("pmd/Observation/_search") { request, _ in try await self.search(request) }
        router.get("pmd/Observation") { _, _ -> Response in
            throw FHIRError(status: .methodNotAllowed, code: "not-supported",
                            "GET search is not allowed: use POST Observation/_search with a form body")
        }
    }

    private func search(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let form = Self.decodeForm(String(buffer: body))
        guard let token = form["patient.identifier"] ?? request.headers.first(where: { $0.name.canonicalName == "x-pmd-patient" })?.value else {
            throw FHIRError(status: .badRequest, code: "required", "patient.identifier is required: one patient per search")
        }
        let parts = token.split(separator: "|", maxSplits: 1).map(String.init)
        if parts.count == 2, parts[0] != NationalIdentityNumber.system {
            throw FHIRError(status: .badRequest, code: "not-supported", "patient.identifier must use \(NationalIdentityNumber.system)")
        }
        let number = parts.last ?? ""
        var after: Date?
        if let date = form["date"] {
            guard date.hasPrefix("gt") || date.hasPrefix("ge"), let parsed = FHIRDateTime.parse(String(date.dropFirst(2))) else {
                throw FHIRError(status: .badRequest, code: "invalid", "date must be gt or ge followed by a FHIR dateTime")
            }
            after = date.hasPrefix("ge") ? parsed.addingTimeInterval(-0.001) : parsed
        }
        centre.advance(to: centre.now())
        guard let (patient, municipality, items) = centre.pmdSearch(nationalID: number, after: after) else {
            return fhir(PMDBundle(meta: nil, entry: nil))
        }
        let base = "http://\(request.head.authority ?? "127.0.0.1")/pmd"
        let entries = items.map { m -> PMDBundle.Entry in
            var observation = ObservationMapping.observation(from: m)
            observation.id = "pmd-\(m.id)"
            observation.subject = FHIRReference(reference: nil, identifier: FHIRIdentifier(
                system: NationalIdentityNumber.system, value: patient.nationalID))
            return PMDBundle.Entry(fullUrl: "\(base)/Observation/pmd-\(m.id)", resource: observation)
        }
        let tag = FHIRCoding(system: Self.municipalityTagSystem, code: municipality.number, display: municipality.name)
        var response = fhir(PMDBundle(meta: FHIRMeta(lastUpdated: FHIRDateTime.format(centre.now()), tag: [tag]),
                                      entry: entries.isEmpty ? nil : entries))
        if faults.shouldMalform() { response.body = ResponseBody(byteBuffer: ByteBuffer(string: "{\"resourceType\":\"Bund")) }
        return response
    }

    static func decodeForm(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if let key = parts.first { result[key] = parts.count > 1 ? parts[1] : "" }
        }
        return result
    }
}

/// The searchset PMD answers with; no paging, no total.
struct PMDBundle: Encodable, Sendable {
    var resourceType = "Bundle"
    var type = "searchset"
    var meta: FHIRMeta?
    var entry: [Entry]?

    struct Entry: Encodable, Sendable {
        var fullUrl: String
        var resource: FHIRObservation
        var search = ["mode": "match"]
    }
}
