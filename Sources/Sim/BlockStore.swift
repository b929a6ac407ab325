import Foundation
import Hummingbird
import VardeDomain
import VardeService

/// Patients' blocks of named operators (sperring), served as FHIR Consent with a deny provision.
public final class BlockStore: @unchecked Sendable {
    private let lock = NSLock()
    private var blocks: [(stamp: Int64, block: PatientBlock)] = []

    init(initial: [PatientBlock]) {
        for block in initial { set(block) }
    }

    /// Adds or changes a block (a lifted block stays, inactive); it is served as changed now.
    public func set(_ block: PatientBlock) {
        lock.lock()
        defer { lock.unlock() }
        let stamp = max((blocks.map(\.stamp).max() ?? 0) + 1, Int64((Date().timeIntervalSince1970 * 1000).rounded()))
        blocks.removeAll { $0.block.id == block.id }
        blocks.append((stamp, block))
    }

    func get(_ id: String) -> (Int64, PatientBlock)? {
        lock.lock()
        defer { lock.unlock() }
        return blocks.first { $0.block.id == id }.map { ($0.stamp, $0.block) }
    }

    func changed(after cursor: Int64?, count: Int) -> (items: [(Int64, PatientBlock)], hasMore: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let sorted = blocks.filter { $0.stamp > (cursor ?? Int64.min) }.sorted { $0.stamp < $1.stamp }
        return (sorted.prefix(count).map { ($0.stamp, $0.block) }, sorted.count > count)
    }
}

/// `GET /Consent?_lastUpdated=gt…`: the blocks changed since a cursor, oldest change first.
struct BlockEndpoint: Sendable {
    let store: BlockStore

    func register(on router: Router<BasicRequestContext>) {
        router.get("Consent/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let (stamp, block) = store.get(id) else { throw FHIRError.notFound("Consent", id) }
            return fhir(ConsentMapping.resource(from: block, lastUpdated: Date(timeIntervalSince1970: Double(stamp) / 1000)))
        }
        router.get("Consent") { request, _ in
            let query = try SearchQuery(request, type: "Consent", supports: SearchSupport.consent)
            let page = store.changed(after: query.after, count: query.count)
            let base = "http://\(request.head.authority ?? "127.0.0.1")"
            var links = [FHIRBundleLink(relation: "self", url: "\(base)/Consent?\(query.text(after: query.after))")]
            if page.hasMore, let last = page.items.last?.0 {
                links.append(FHIRBundleLink(relation: "next", url: "\(base)/Consent?\(query.text(after: last))"))
            }
            let entries = page.items.map { stamp, block in
                FHIRSearchBundle<FHIRConsent>.Entry(
                    fullUrl: "\(base)/Consent/\(block.id)",
                    resource: ConsentMapping.resource(from: block, lastUpdated: Date(timeIntervalSince1970: Double(stamp) / 1000)))
            }
            return fhir(FHIRSearchBundle(id: UUID().uuidString.lowercased(), meta: nil, total: nil, link: links,
                                         entry: entries))
        }
    }
}
