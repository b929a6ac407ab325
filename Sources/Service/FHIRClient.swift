import Foundation

/// Why a call to a FHIR server failed, in words a nurse or an operator can act on.
public enum ServiceError: Error, Sendable, CustomStringConvertible {
    case unreachable(server: String, reason: String)
    case http(status: Int, url: String, message: String, correlationID: String)
    case malformed(url: String, detail: String, correlationID: String)
    case foreignLink(url: String)

    public var description: String {
        switch self {
        case .unreachable(let server, let reason):
            "cannot reach \(server): \(reason)"
        case .http(let status, let url, let message, let correlationID):
            "server answered \(status) for \(url): \(message) (correlation-id \(correlationID))"
        case .malformed(let url, let detail, let correlationID):
            "server sent malformed FHIR JSON for \(url): \(detail) (correlation-id \(correlationID))"
        case .foreignLink(let url):
            "refused to follow a paging link to another server: \(url)"
        }
    }
}

/// Reads FHIR searchset pages from one server over the HTTP client.
public final class FHIRClient: Sendable {
    public let baseURL: String
    private let http: CurlHTTPClient
    public let retry: RetryPolicy

    public init(baseURL: String, http: CurlHTTPClient, retry: RetryPolicy = RetryPolicy()) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.http = http
        self.retry = retry
    }

    /// The first page's URL of a search, e.g. `Observation?_lastUpdated=gt…&_count=500&_sort=_lastUpdated`.
    public func searchURL(_ resource: String, _ parameters: [(String, String)]) -> String {
        var components = URLComponents()
        components.queryItems = parameters.map { URLQueryItem(name: $0.0, value: $0.1) }
        // '+' in a time-zone offset must not turn into a space on the server.
        let query = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B") ?? ""
        return "\(baseURL)/\(resource)" + (query.isEmpty ? "" : "?\(query)")
    }

    /// Fetches and decodes one searchset page, repeating transient failures by the retry policy.
    /// Only URLs on this server are followed (the token must not leak to another host).
    public func page<Resource: Decodable & Sendable>(_ url: String, of type: Resource.Type = Resource.self)
        throws(ServiceError) -> ReceivedPage<Resource> {
        guard url.hasPrefix(baseURL + "/") || url.hasPrefix(baseURL + "?") else { throw .foreignLink(url: url) }
        return try withRetries { () throws(Attempt) -> ReceivedPage<Resource> in
            let (response, correlationID) = try self.send(HTTPRequest(url: url))
            do {
                var page = try Self.decodePage(response.body, of: Resource.self)
                page.serverDate = response.headers["date"].flatMap(HTTPDate.parse)
                return page
            } catch {
                throw Attempt(error: .malformed(url: url, detail: describe(error), correlationID: correlationID),
                              transient: true, retryAfter: nil)
            }
        }
    }

    /// POSTs a form-encoded search (the PMD style: `POST [base]/Observation/_search`), with retries.
    public func searchByPost<Resource: Decodable & Sendable>(_ resource: String, form: [(String, String)],
                                                             of type: Resource.Type = Resource.self)
        throws(ServiceError) -> ReceivedPage<Resource> {
        var components = URLComponents()
        components.queryItems = form.map { URLQueryItem(name: $0.0, value: $0.1) }
        let body = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        let url = "\(baseURL)/\(resource)/_search"
        return try withRetries { () throws(Attempt) -> ReceivedPage<Resource> in
            let request = HTTPRequest(method: "POST", url: url,
                                      headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                      body: Data(body.utf8))
            let (response, correlationID) = try self.send(request)
            do {
                var page = try Self.decodePage(response.body, of: Resource.self)
                page.serverDate = response.headers["date"].flatMap(HTTPDate.parse)
                return page
            } catch {
                throw Attempt(error: .malformed(url: url, detail: describe(error), correlationID: correlationID),
                              transient: true, retryAfter: nil)
            }
        }
    }

    /// A conditional update: `PUT [base]/Type/id` with `If-Match` (a version) or `If-None-Match: *`
    /// (create only). Returns the status (412 included: somebody else changed it first), the new
    /// version from the ETag, and the body.
    public func conditionalPut(_ path: String, body: Data, ifMatch version: String?) throws(ServiceError)
        -> (status: Int, version: String?, body: Data) {
        let url = "\(baseURL)/\(path)"
        let precondition = version.map { ("If-Match", "W/\"\($0)\"") } ?? ("If-None-Match", "*")
        return try withRetries { () throws(Attempt) -> (status: Int, version: String?, body: Data) in
            do throws(Attempt) {
                let (response, _) = try self.send(HTTPRequest(method: "PUT", url: url, headers: [precondition], body: body))
                return (response.status, Self.version(fromETag: response.headers["etag"]), response.body)
            } catch {
                if Self.isPreconditionFailed(error) { return (412, nil, Data()) }
                throw error
            }
        }
    }

    /// A conditional create: `POST [base]/Type` with `If-None-Exist`, so that repeating it (after a
    /// timeout, a 5xx, or a crash before the answer was read) finds the first copy instead of making a
    /// second. Safe to retry for that reason. Returns the status (201 created, 200 already there) and body.
    public func conditionalCreate(_ resource: String, body: Data, ifNoneExist query: String) throws(ServiceError)
        -> (status: Int, body: Data) {
        let url = "\(baseURL)/\(resource)"
        return try withRetries { () throws(Attempt) -> (status: Int, body: Data) in
            let request = HTTPRequest(method: "POST", url: url,
                                      headers: [("Content-Type", "application/fhir+json"), ("If-None-Exist", query)],
                                      body: body)
            let (response, _) = try self.send(request)
            return (response.status, response.body)
        }
    }

    /// Reads one resource and its version.
    public func read<Resource: Decodable>(_ path: String, as type: Resource.Type) throws(ServiceError) -> (Resource, String?) {
        let url = "\(baseURL)/\(path)"
        return try withRetries { () throws(Attempt) -> (Resource, String?) in
            let (response, correlationID) = try self.send(HTTPRequest(url: url))
            do {
                return (try JSONDecoder().decode(Resource.self, from: response.body), Self.version(fromETag: response.headers["etag"]))
            } catch {
                throw Attempt(error: .malformed(url: url, detail: describe(error), correlationID: correlationID),
                              transient: true, retryAfter: nil)
            }
        }
    }

    /// Observation, CarePlan and Patient pages take the byte reader's fast path (the bulk of every
    /// sync); everything else, and any page it is unsure of, Codable.
    static func decodePage<Resource: Decodable & Sendable>(_ body: Data, of type: Resource.Type) throws
        -> ReceivedPage<Resource> {
        try FHIRPageDecoder.decodeOrFallBack(body, as: type)
    }

    static func isPreconditionFailed(_ attempt: Attempt) -> Bool {
        if case .http(412, _, _, _) = attempt.error { return true }
        return false
    }

    /// `W/"3"` → `3`.
    static func version(fromETag etag: String?) -> String? {
        guard var text = etag else { return nil }
        if text.hasPrefix("W/") { text.removeFirst(2) }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }

    /// One failed try: the error to report if it was the last, and whether trying again may help.
    struct Attempt: Error {
        var error: ServiceError
        var transient: Bool
        var retryAfter: String?
    }

    private func send(_ request: HTTPRequest) throws(Attempt) -> (HTTPResponse, String) {
        let correlationID = UUID().uuidString.lowercased()
        var request = request
        request.headers += [("Accept", "application/fhir+json"), ("correlation-id", correlationID)]
        let response: HTTPResponse
        do {
            response = try http.send(request)
        } catch {
            throw Attempt(error: .unreachable(server: baseURL, reason: error.message), transient: true, retryAfter: nil)
        }
        guard (200..<300).contains(response.status) else {
            throw Attempt(error: .http(status: response.status, url: request.url,
                                       message: Self.outcomeMessage(response.body), correlationID: correlationID),
                          transient: RetryPolicy.isTransient(status: response.status),
                          retryAfter: response.headers["retry-after"])
        }
        return (response, correlationID)
    }

    private func withRetries<T>(_ body: () throws(Attempt) -> T) throws(ServiceError) -> T {
        var attempt = 1
        while true {
            do {
                return try body()
            } catch {
                guard error.transient, attempt < retry.attempts else { throw error.error }
                Thread.sleep(forTimeInterval: retry.delay(after: attempt, retryAfter: error.retryAfter))
                attempt += 1
            }
        }
    }

    /// The diagnostics of an OperationOutcome body, or a short excerpt of whatever came instead.
    static func outcomeMessage(_ body: Data) -> String {
        if let outcome = try? JSONDecoder().decode(FHIROperationOutcome.self, from: body),
           let issue = outcome.issue.first {
            return issue.diagnostics ?? issue.code
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self)
            .unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f }
        return text.isEmpty ? "no explanation" : String(String.UnicodeScalarView(text))
    }
}
