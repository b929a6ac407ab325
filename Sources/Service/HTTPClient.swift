import CCurl
import Foundation

/// An HTTP request as the FHIR client sends it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: Data?

    public init(method: String = "GET", url: String, headers: [(String, String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// An HTTP response: status, headers (lower-cased names) and body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data
}

/// A failure below HTTP: no connection, timeout, TLS, or an answer past the client's limits.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public var code: Int
    public var message: String
    /// Whether trying again may help (a lost connection may; an answer past the limits will not).
    public var transient = true
    public var description: String { message }

    public init(code: Int, message: String, transient: Bool = true) {
        self.code = code
        self.message = message
        self.transient = transient
    }
}

/// Settings of the HTTP client; TLS verification cannot be turned off here.
public struct HTTPSettings: Sendable {
    public var connectTimeout: TimeInterval = 10
    public var totalTimeout: TimeInterval = 30
    /// A PEM file of a private CA to trust in addition to the system's.
    public var caFile: String?
    /// The bearer token; sent, never logged.
    public var bearerToken: String?
    /// Signs every request instead (HelseID with DPoP); a bearer token is then never sent.
    public var authorizer: (any RequestAuthorizer)?
    public var userAgent = "varde/0.1"
    /// An answer larger than this once decompressed is abandoned (a gzip bomb, a runaway server).
    public var maxResponseBytes = 64 << 20
    /// All headers of one answer together may not be larger than this.
    public var maxHeaderBytes = 256 << 10
    /// A transfer slower than `minimumSpeed` bytes a second for `slowFor` seconds is abandoned (a trickling
    /// server). The time counts from the request, so it also gives a busy server that long to start answering.
    public var minimumSpeed = 64
    public var slowFor: TimeInterval = 15

    public init(connectTimeout: TimeInterval = 10, totalTimeout: TimeInterval = 30, caFile: String? = nil,
                bearerToken: String? = nil) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.caFile = caFile
        self.bearerToken = bearerToken
    }
}

/// HTTP on libcurl: one easy handle reused (so connections are kept alive), calls serialised.
public final class CurlHTTPClient: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    private let lock = NSLock()
    public let settings: HTTPSettings

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    public init(settings: HTTPSettings = HTTPSettings()) {
        _ = Self.globalInit
        guard let easy = curl_easy_init() else { fatalError("libcurl could not create a handle") }
        handle = easy
        self.settings = settings
    }

    deinit { curl_easy_cleanup(handle) }

    /// Sends a request and waits for the whole response (run it off the UI thread). With an authorizer,
    /// the request is signed just before it leaves, and sent once more when the authorizer asks (a new nonce).
    public func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        guard let authorizer = settings.authorizer else { return try perform(request) }
        var signed = request
        try authorizer.authorize(&signed)
        let response = try perform(signed)
        guard authorizer.shouldRetry(request, after: response) else { return response }
        var again = request
        try authorizer.authorize(&again)
        let second = try perform(again)
        _ = authorizer.shouldRetry(request, after: second) // keeps a newer nonce; never a third try
        return second
    }

    private func perform(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        lock.lock()
        defer { lock.unlock() }
        curl_easy_reset(handle)
        let sink = ResponseSink()
        let sinkPointer = Unmanaged.passRetained(sink)
        defer { sinkPointer.release() }

        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        var headers = request.headers
        if settings.authorizer == nil, let token = settings.bearerToken { headers.append(("Authorization", "Bearer \(token)")) }
        if request.body != nil, !headers.contains(where: { $0.0.lowercased() == "content-type" }) {
            headers.append(("Content-Type", "application/fhir+json"))
        }
        headers.append(("Expect", ""))
        // A line break in a header would end it and start another the server believes we sent.
        if let broken = headers.first(where: { ($0.0 + $0.1).unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" } }) {
            throw TransportError(code: -1, message: "refused to send the \(broken.0) header: it contains a line break")
        }
        for (name, value) in headers { headerList = curl_slist_append(headerList, "\(name): \(value)") }

        _ = varde_curl_set_string(handle, CURLOPT_URL, request.url)
        _ = varde_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = varde_curl_set_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        _ = varde_curl_set_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        if let ca = settings.caFile { _ = varde_curl_set_string(handle, CURLOPT_CAINFO, ca) }
        _ = varde_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(settings.connectTimeout * 1000))
        _ = varde_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Int(settings.totalTimeout * 1000))
        _ = varde_curl_set_long(handle, CURLOPT_LOW_SPEED_LIMIT, settings.minimumSpeed)
        _ = varde_curl_set_long(handle, CURLOPT_LOW_SPEED_TIME, max(1, Int(settings.slowFor.rounded(.up))))
        sink.maxBody = settings.maxResponseBytes
        sink.maxHeaders = settings.maxHeaderBytes
        _ = varde_curl_set_string(handle, CURLOPT_ACCEPT_ENCODING, "") // every encoding libcurl decodes, gzip included
        _ = varde_curl_set_string(handle, CURLOPT_USERAGENT, settings.userAgent)
        _ = varde_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        _ = varde_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = varde_curl_set_slist(handle, CURLOPT_HTTPHEADER, headerList)
        _ = varde_curl_set_callback(handle, CURLOPT_WRITEFUNCTION, writeBody)
        _ = varde_curl_set_pointer(handle, CURLOPT_WRITEDATA, sinkPointer.toOpaque())
        _ = varde_curl_set_callback(handle, CURLOPT_HEADERFUNCTION, writeHeader)
        _ = varde_curl_set_pointer(handle, CURLOPT_HEADERDATA, sinkPointer.toOpaque())

        var bodyBytes = [UInt8](request.body ?? Data())
        switch request.method {
        case "GET": break
        case "POST": _ = varde_curl_set_long(handle, CURLOPT_POST, 1)
        default: _ = varde_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
        }
        let code: CURLcode = bodyBytes.withUnsafeMutableBytes { buffer in
            if request.body != nil {
                _ = varde_curl_set_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(buffer.count))
                _ = varde_curl_set_pointer(handle, CURLOPT_POSTFIELDS, buffer.baseAddress)
            }
            return curl_easy_perform(handle)
        }
        if let overLimit = sink.overLimit {
            throw TransportError(code: Int(code.rawValue), message: overLimit, transient: false)
        }
        guard code == CURLE_OK else {
            if code == CURLE_OPERATION_TIMEDOUT, sink.body.count > 0 || !sink.headers.isEmpty {
                throw TransportError(code: Int(code.rawValue),
                                     message: "the server sent its answer too slowly (under \(settings.minimumSpeed) bytes a second) or took longer than \(Int(settings.totalTimeout)) s; abandoned")
            }
            throw TransportError(code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code)))
        }
        var status = 0
        _ = varde_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }
}

/// Collects a response while libcurl delivers it, within the client's limits.
private final class ResponseSink {
    var body = Data()
    var headers: [String: String] = [:]
    var headerBytes = 0
    var maxBody = Int.max
    var maxHeaders = Int.max
    /// Why the answer was abandoned, when a limit was crossed.
    var overLimit: String?
}

private let writeBody: varde_curl_callback = { data, size, count, user in
    guard let data, let user else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(user).takeUnretainedValue()
    guard sink.body.count + size * count <= sink.maxBody else {
        sink.overLimit = "the server's answer is larger than \(sink.maxBody >> 20) MB once decompressed; abandoned"
        return 0 // libcurl stops the transfer
    }
    sink.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count)
    return size * count
}

private let writeHeader: varde_curl_callback = { data, size, count, user in
    guard let data, let user else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(user).takeUnretainedValue()
    sink.headerBytes += size * count
    guard sink.headerBytes <= sink.maxHeaders else {
        sink.overLimit = "the server's answer has more than \(sink.maxHeaders >> 10) KB of headers; abandoned"
        return 0
    }
    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
    if line.hasPrefix("HTTP/") { sink.headers = [:] } // a new response (after 100-continue)
    if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        sink.headers[name] = value
    }
    return size * count
}
