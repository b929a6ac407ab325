import CompressNIO
import Foundation
import Hummingbird

/// Observation search pages of a frozen centre, kept as the bytes that went out (gzipped when the client
/// accepted it): a frozen centre serves the same page for the same query for ever, and encoding and
/// compressing it again for every client cost the simulator more CPU than the client spent storing it.
/// Only pages no fault can change are kept (no malformed or dropped pages in force); the key holds the
/// query, the host the links name, the encoding and the share of invalid resources.
final class EncodedPageCache: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: ByteBuffer] = [:]
    private var bytes = 0
    /// Pages past this many bytes are served but not kept.
    private let limit = 1 << 30

    /// The key of a page that may be kept, nil when it may not.
    static func key(host: String, query: String, gzip: Bool, centre: SimulatedCentre, faults: SimFaults) -> String? {
        guard centre.config.frozen, faults.malformedRate == 0, faults.dropRate == 0 else { return nil }
        return "\(host)|\(query)|\(gzip ? "gzip" : "identity")|\(faults.invalidResourceRate)"
    }

    /// The response for a kept page, nil when none is kept.
    func response(_ key: String) -> Response? {
        let page = lock.withLock { pages[key] }
        return page.map { Self.response($0, gzip: key.contains("|gzip|")) }
    }

    /// Keeps the body of `response` (compressed first when `gzip`) and returns the response to send.
    func keep(_ response: Response, key: String, gzip: Bool) async throws -> Response {
        let collected = CollectedBody()
        try await response.body.write(CollectingWriter(body: collected))
        var page = collected.buffer
        if gzip { page = try page.compress(with: .gzip()) }
        remember(page, key: key)
        var sent = Self.response(page, gzip: gzip)
        sent.status = response.status
        return sent
    }

    private func remember(_ page: ByteBuffer, key: String) {
        lock.withLock {
            guard bytes + page.readableBytes <= limit, pages[key] == nil else { return }
            pages[key] = page
            bytes += page.readableBytes
        }
    }

    private static func response(_ page: ByteBuffer, gzip: Bool) -> Response {
        var headers: HTTPFields = [.contentType: "application/fhir+json"]
        if gzip { headers[.contentEncoding] = "gzip" }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: page))
    }
}
