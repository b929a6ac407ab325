import Foundation
import Hummingbird
import VardeDomain
import VardeService
import VardeSim

/// Serves pre-encoded FHIR searchset pages over loopback, so the benchmark times the client alone
/// (on two cores a server encoding JSON at the same time would be measured too).
struct PageServer: Sendable {
    let patientPages: [Data]
    let planPages: [Data]
    let observationPages: [Data]

    /// Encodes the centre's patients and observations into linked searchset pages of `pageSize`.
    static func encode(_ centre: SimulatedCentre, pageSize: Int, port: Int) throws -> PageServer {
        let base = "http://127.0.0.1:\(port)"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        func pages<R: Encodable & Sendable>(_ resources: [(String, R)], _ type: String) throws -> [Data] {
            let chunks = stride(from: 0, to: resources.count, by: pageSize).map {
                Array(resources[$0..<min(resources.count, $0 + pageSize)])
            }
            return try chunks.enumerated().map { index, chunk in
                var links = [FHIRBundleLink(relation: "self", url: "\(base)/\(type)?page=\(index)")]
                if index + 1 < chunks.count { links.append(FHIRBundleLink(relation: "next", url: "\(base)/\(type)?page=\(index + 1)")) }
                let bundle = FHIRSearchBundle(id: "bench-\(index)", meta: nil, total: resources.count, link: links,
                                              entry: chunk.map { .init(fullUrl: "\(base)/\(type)/\($0.0)", resource: $0.1) })
                return try encoder.encode(bundle)
            }
        }
        let municipalities = Dictionary(uniqueKeysWithValues: MunicipalityCatalogue.all.map { ($0.number, $0) })
        let patients = centre.allPatients.map { p in
            (p.id, PatientMapping.resource(from: p, municipality: municipalities[p.municipalityNumber]!))
        }
        let plans = centre.allPlans.map { ($0.id, CarePlanMapping.resource(from: $0)) }
        let observations = centre.allObservations().map { ($0.id, ObservationMapping.observation(from: $0)) }
        return PageServer(patientPages: try pages(patients, "Patient"), planPages: try pages(plans, "CarePlan"),
                          observationPages: try pages(observations, "Observation"))
    }

    var bytes: Int { (patientPages + planPages + observationPages).reduce(0) { $0 + $1.count } }

    func serve(_ pages: [Data], _ request: Request) -> Response {
        let index = request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 0
        let data = pages.indices.contains(index) ? pages[index] : Data("{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}".utf8)
        return Response(status: .ok, headers: [.contentType: "application/fhir+json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
