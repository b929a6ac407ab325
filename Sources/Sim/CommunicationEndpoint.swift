import Foundation
import HTTPTypes
import Hummingbird
import VardeService

/// `GET /Communication` (by `_lastUpdated` or `identifier`) and `POST /Communication` with
/// `If-None-Exist`, as service-contract.md describes them.
struct CommunicationEndpoint: Sendable {
    let store: MessageStore
    private let ifNoneExist = HTTPField.Name("If-None-Exist")!

    func register(on router: Router<BasicRequestContext>) {
        router.post("Communication") { request, _ in try await self.create(request) }
        router.get("Communication/:id") { _, context in
            store.advance()
            let id = context.parameters.get("id") ?? ""
            guard let found = store.get(id: id) else { throw FHIRError.notFound("Communication", id) }
            return fhir(found)
        }
        router.get("Communication") { request, _ in
            store.advance()
            let base = "http://\(request.head.authority ?? "127.0.0.1")"
            let query = try SearchQuery(request, type: "Communication", supports: SearchSupport.communication)
            if let identifier = request.uri.queryParameters.get("identifier") {
                let value = MessageStore.identifierValue("identifier=\(identifier)") ?? identifier
                let found = store.find(identifier: value)
                return fhir(FHIRSearchBundle(id: UUID().uuidString.lowercased(), meta: nil, total: found.count, link: [],
                                             entry: found.map { .init(fullUrl: "\(base)/Communication/\($0.id ?? "")", resource: $0) }))
            }
            let page = store.changed(after: query.after, count: query.count, in: query.municipalities)
            var links = [FHIRBundleLink(relation: "self", url: "\(base)/Communication?\(query.text(after: query.after))")]
            if page.hasMore, let last = page.lastStamp {
                links.append(FHIRBundleLink(relation: "next", url: "\(base)/Communication?\(query.text(after: last))"))
            }
            return fhir(FHIRSearchBundle(id: UUID().uuidString.lowercased(), meta: nil, total: nil, link: links,
                                         entry: page.items.map { .init(fullUrl: "\(base)/Communication/\($0.id ?? "")", resource: $0) }))
        }
    }

    private func create(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 1024 * 1024)
        guard let resource = try? JSONDecoder().decode(FHIRCommunication.self, from: Data(buffer: body)) else {
            throw FHIRError(status: .badRequest, code: "structure", "the body is not a FHIR Communication")
        }
        guard let subject = resource.subject?.reference, subject.hasPrefix("Patient/"),
              resource.payload?.contains(where: { !($0.contentString ?? "").isEmpty }) == true else {
            throw FHIRError(status: .unprocessableContent, code: "required", "a Communication needs a Patient subject and text")
        }
        guard store.knows(patient: String(subject.dropFirst("Patient/".count))) else {
            throw FHIRError(status: .unprocessableContent, code: "not-found", "no patient \(subject) at this centre")
        }
        let (stored, created) = store.create(resource, ifNoneExist: request.headers[ifNoneExist])
        var response = fhir(stored)
        response.status = created ? .created : .ok
        return response
    }
}
