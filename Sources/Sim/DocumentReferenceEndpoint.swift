import Foundation
import HTTPTypes
import Hummingbird
import VardeService

/// The simulator's journal notes: DocumentReferences stored once per identifier however often a
/// client repeats itself, each checked against the rules of `DocumentReferenceMapping.problems`.
final class DocumentReferenceStore: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [FHIRDocumentReference] = []
    private var indexByIdentifier: [String: Int] = [:]
    private var lastStamp: Int64 = 0

    /// Stores a note, or returns the one already stored under the same identifier.
    func create(_ resource: FHIRDocumentReference) -> (FHIRDocumentReference, created: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let identifier = resource.identifier?.first { $0.system == DocumentReferenceMapping.identifierSystem }?.value ?? ""
        if let index = indexByIdentifier[identifier] { return (items[index], false) }
        lastStamp = max(lastStamp + 1, Int64((Date().timeIntervalSince1970 * 1000).rounded()))
        var stored = resource
        stored.id = "doc-\(items.count + 1)"
        stored.meta = FHIRMeta(lastUpdated: FHIRDateTime.format(Date(timeIntervalSince1970: Double(lastStamp) / 1000)), versionId: "1")
        indexByIdentifier[identifier] = items.count
        items.append(stored)
        // A correction replaces the note it names: that one is kept, marked superseded.
        for relation in resource.relatesTo ?? [] where relation.code == "replaces" {
            guard let old = relation.target.identifier?.value, let index = indexByIdentifier[old] else { continue }
            items[index].status = "superseded"
        }
        return (stored, true)
    }

    func get(id: String) -> FHIRDocumentReference? {
        lock.lock()
        defer { lock.unlock() }
        return items.first { $0.id == id }
    }

    /// Notes matching every given filter (patient id, identifier value), in the order stored.
    func search(patientID: String?, identifier: String?) -> [FHIRDocumentReference] {
        lock.lock()
        defer { lock.unlock() }
        return items.filter { item in
            (patientID.map { item.subject?.reference == "Patient/\($0)" } ?? true)
                && (identifier.map { value in item.identifier?.contains { $0.value == value } == true } ?? true)
        }
    }

    /// Every note, for tests.
    var all: [FHIRDocumentReference] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

/// `POST /DocumentReference` (with `If-None-Exist`), `GET /DocumentReference/{id}` and
/// `GET /DocumentReference?patient=…|identifier=…`.
struct DocumentReferenceEndpoint: Sendable {
    let store: DocumentReferenceStore
    let knowsPatient: @Sendable (String) -> Bool

    func register(on router: Router<BasicRequestContext>) {
        router.post("DocumentReference") { request, _ in try await self.create(request) }
        router.get("DocumentReference/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let found = store.get(id: id) else { throw FHIRError.notFound("DocumentReference", id) }
            return fhir(found)
        }
        router.get("DocumentReference") { request, _ in
            let query = try SearchQuery(request, type: "DocumentReference", supports: SearchSupport.documentReference)
            let patient = (query.values("patient") + query.values("subject")).first.map(SearchMatch.patientIDs)?.first
            let identifier = query.values("identifier").first.map { MessageStore.identifierValue("identifier=\($0)") ?? $0 }
            let found = store.search(patientID: patient, identifier: identifier)
            let base = "http://\(request.head.authority ?? "127.0.0.1")"
            return fhir(FHIRSearchBundle(id: UUID().uuidString.lowercased(), meta: nil, total: found.count,
                                         link: [FHIRBundleLink(relation: "self", url: "\(base)/DocumentReference?\(query.text(after: nil))")],
                                         entry: found.map { .init(fullUrl: "\(base)/DocumentReference/\($0.id ?? "")", resource: $0) }))
        }
    }

    private func create(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 1024 * 1024)
        let resource: FHIRDocumentReference
        do {
            resource = try JSONDecoder().decode(FHIRDocumentReference.self, from: Data(buffer: body))
        } catch {
            throw FHIRError(status: .badRequest, code: "structure", "the body is not a FHIR DocumentReference: \(error)")
        }
        let problems = DocumentReferenceMapping.problems(resource)
        guard problems.isEmpty else {
            throw FHIRError(status: .unprocessableContent, code: "invariant", problems.joined(separator: "; "))
        }
        let subject = String((resource.subject?.reference ?? "").dropFirst("Patient/".count))
        guard knowsPatient(subject) else {
            throw FHIRError(status: .unprocessableContent, code: "not-found", "no patient Patient/\(subject) at this centre")
        }
        if let ifNoneExist = request.headers[HTTPField.Name("If-None-Exist")!],
           let wanted = MessageStore.identifierValue(ifNoneExist),
           let existing = store.search(patientID: nil, identifier: wanted).first {
            return fhir(existing)
        }
        let (stored, created) = store.create(resource)
        var response = fhir(stored)
        response.status = created ? .created : .ok
        response.headers[.location] = "DocumentReference/\(stored.id ?? "")/_history/1"
        return response
    }
}
