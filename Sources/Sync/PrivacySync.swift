import Foundation
import VardeDomain
import VardeService
import VardeStore

/// Delivers the access log as AuditEvents and brings patients' blocks (Consent, deny) into the cache.
/// Every access is written locally before any network call and created with `If-None-Exist` on its
/// identifier, so one killed between the server's answer and marking it delivered is never doubled.
public final class PrivacySync: Sendable {
    let client: FHIRClient
    let cache: CacheDatabase
    let pageSize: Int
    private let clock: @Sendable () -> Date

    public init(client: FHIRClient, cache: CacheDatabase, pageSize: Int = 500,
                clock: @escaping @Sendable () -> Date = Date.init) {
        self.client = client
        self.cache = cache
        self.pageSize = pageSize
        self.clock = clock
    }

    /// Delivers every waiting access, oldest first; stops at the first one the network refuses.
    public func flushAccessLog(into summary: inout SyncSummary) throws {
        while true {
            let waiting = try cache.undeliveredAccesses()
            guard !waiting.isEmpty else { return }
            for access in waiting {
                let body = try JSONEncoder().encode(AuditEventMapping.resource(from: access))
                do {
                    _ = try client.conditionalCreate("AuditEvent", body: body, ifNoneExist: AuditEventMapping.ifNoneExist(access))
                } catch {
                    try cache.accessDeliveryFailed(identifier: access.identifier, reason: "\(error)")
                    throw error
                }
                try cache.accessDelivered(identifier: access.identifier, at: clock())
                summary.delivered += 1
            }
        }
    }

    /// Applies blocks changed on the server since the last pass.
    public func pullBlocks(into summary: inout SyncSummary) throws {
        var parameters = [("_count", String(pageSize)), ("_sort", "_lastUpdated")]
        if let cursor = try cache.cursor(server: client.baseURL, resource: "Consent") {
            parameters.insert(("_lastUpdated", "gt\(cursor)"), at: 0)
        }
        var next: String? = client.searchURL("Consent", parameters)
        while let url = next {
            let page = try client.page(url, of: FHIRConsent.self)
            var blocks: [PatientBlock] = []
            let ceiling = CursorCeiling(serverDate: page.serverDate, fallback: clock())
            var newest: (Date, String)?
            var problems: [QuarantinedResource] = []
            for entry in page.entries {
                summary.fetched += 1
                do throws(EntryProblem) {
                    let consent = try entry.get()
                    newest = ceiling.newer(newest, consent.meta?.lastUpdated, future: &summary.futureStamped)
                    blocks += try ConsentMapping.blocks(from: consent)
                } catch {
                    problems.append(error.quarantined(server: client.baseURL, at: clock(), defaultType: "Consent"))
                }
            }
            summary.quarantined += problems.count
            try cache.quarantine(problems)
            try cache.storeBlocks(blocks, cursor: newest.map { SyncCursor(server: client.baseURL, resource: "Consent", value: $0.1) })
            summary.pages += 1
            next = page.nextURL
        }
    }
}
