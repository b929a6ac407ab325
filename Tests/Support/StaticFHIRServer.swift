import Foundation
import VardeService
#if canImport(Glibc)
import Glibc
#endif

/// A small FHIR server for tests over real HTTP on 127.0.0.1 (a free port), serving exactly the
/// resources a test gives it, byte for byte: searchset Bundles with `_lastUpdated=gt…`, `_count` and
/// `link[next]` paging, `/metadata`, an empty searchset for any other resource, and an HTTP `Date`
/// header the test sets. What it serves may change between sync passes.
///
/// Plain POSIX sockets rather than Hummingbird: Hummingbird stamps every response with its own
/// `Date`, and the future-stamp cases need to set it.
public final class StaticFHIRServer: @unchecked Sendable {
    /// One resource as served: its raw text (which need not be valid JSON) and the stamp it is filed under.
    public struct Resource: Sendable {
        public var id: String
        public var lastUpdated: Date
        public var body: Data

        public init(id: String, lastUpdated: Date, body: Data) {
            self.id = id
            self.lastUpdated = lastUpdated
            self.body = body
        }
    }

    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private let lock = NSLock()
    private var resources: [String: [String: Resource]] = [:]
    private var rawPages: [String: [Data]] = [:]
    /// Per type: searches still to answer normally, then searches to answer 503.
    private var failures: [String: (skip: Int, fail: Int)] = [:]
    private var clock: Date
    private var log: [String] = []
    private let listener: Int32
    private var stopped = false

    /// Starts listening at once; `date` is what the `Date` header says until `setDate` changes it.
    public init(date: Date) throws {
        clock = date
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerFailed(step: "socket", code: errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else { close(fd); throw ServerFailed(step: "bind", code: errno) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "static-fhir-server"
        thread.start()
    }

    deinit { stop() }

    /// Stops listening; connections being answered finish.
    public func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    // MARK: What it serves

    /// Forgets every resource and raw page (between test cases).
    public func reset(date: Date) {
        lock.lock()
        defer { lock.unlock() }
        resources = [:]
        rawPages = [:]
        failures = [:]
        log = []
        clock = date
    }

    /// What the `Date` header says from now on.
    public func setDate(_ date: Date) {
        lock.lock()
        clock = date
        lock.unlock()
    }

    /// Adds a resource of `type`, or replaces the one with the same id (an amendment, a withdrawal).
    public func put(_ type: String, _ resource: Resource) {
        lock.lock()
        resources[type, default: [:]][resource.id] = resource
        lock.unlock()
    }

    /// Serves these bodies exactly as given for searches of `type` instead of assembling Bundles:
    /// the first search gets page 0, `?_rawpage=N` (for the pages' own next links) page N.
    public func serveRawPages(_ type: String, _ pages: [Data]) {
        lock.lock()
        rawPages[type] = pages
        lock.unlock()
    }

    /// After `skip` more searches of `type` answered normally, answers the next `fail` with 503 (a server
    /// falling over in the middle of paging).
    public func failSearches(_ type: String, skip: Int, fail: Int) {
        lock.lock()
        failures[type] = (skip, fail)
        lock.unlock()
    }

    /// The request lines received so far ("GET /Observation?…").
    public var requests: [String] {
        lock.lock()
        defer { lock.unlock() }
        return log
    }

    // MARK: HTTP

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            let thread = Thread { [self] in
                handle(connection)
                close(connection)
            }
            thread.start()
        }
    }

    private func handle(_ fd: Int32) {
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        var headerEnd: Int?
        while headerEnd == nil {
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { return }
            received += buffer[0..<n]
            headerEnd = Self.find([13, 10, 13, 10], in: received)
        }
        let head = String(decoding: received[0..<headerEnd!], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.first?.split(separator: " ").map(String.init) ?? []
        guard requestLine.count >= 2 else { return }
        // Read (and ignore) a body so that the client's send completes.
        let contentLength = lines.dropFirst().compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first ?? 0
        var bodyBytes = received.count - (headerEnd! + 4)
        while bodyBytes < contentLength {
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { break }
            bodyBytes += n
        }
        let (status, body) = respond(method: requestLine[0], target: requestLine[1])
        var response = "HTTP/1.1 \(status)\r\n"
        response += "Content-Type: application/fhir+json\r\n"
        response += "Content-Length: \(body.count)\r\n"
        response += "Date: \(Self.httpDate(date))\r\n"
        response += "Connection: close\r\n\r\n"
        write(fd, Array(response.utf8) + Array(body))
    }

    private var date: Date {
        lock.lock()
        defer { lock.unlock() }
        return clock
    }

    private func write(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return }
            offset += n
        }
    }

    /// The status line's tail and body for a request.
    func respond(method: String, target: String) -> (String, Data) {
        lock.lock()
        log.append("\(method) \(target)")
        lock.unlock()
        let components = URLComponents(string: "http://127.0.0.1\(target)")
        let path = (components?.path ?? target).split(separator: "/").map(String.init)
        let query = components?.queryItems ?? []
        if method == "GET", path == ["metadata"] {
            return ("200 OK", Data(#"{"resourceType":"CapabilityStatement","status":"active","kind":"instance","fhirVersion":"4.0.1","format":["json"],"rest":[{"mode":"server"}]}"#.utf8))
        }
        guard method == "GET" else {
            // Creates and updates (AuditEvent, Communication, Task) are accepted and forgotten.
            return ("201 Created", Data(#"{"resourceType":"OperationOutcome","issue":[{"severity":"information","code":"informational"}]}"#.utf8))
        }
        guard let type = path.first else { return ("200 OK", emptyBundle()) }
        if path.count == 2 {
            lock.lock()
            let found = resources[type]?[path[1]]
            lock.unlock()
            guard let found else {
                return ("404 Not Found", Data(#"{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"not-found"}]}"#.utf8))
            }
            return ("200 OK", found.body)
        }
        lock.lock()
        var failing = false
        if let failure = failures[type] {
            if failure.skip > 0 { failures[type] = (failure.skip - 1, failure.fail) }
            else if failure.fail > 0 { failures[type] = (0, failure.fail - 1); failing = true }
        }
        lock.unlock()
        if failing {
            return ("503 Service Unavailable", Data(#"{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"transient","diagnostics":"replay: failing on purpose"}]}"#.utf8))
        }
        return ("200 OK", search(type, query))
    }

    private func search(_ type: String, _ query: [URLQueryItem]) -> Data {
        func parameter(_ name: String) -> String? { query.first(where: { $0.name == name })?.value }
        lock.lock()
        let raw = rawPages[type]
        let all = Array((resources[type] ?? [:]).values)
        lock.unlock()
        if let raw, !raw.isEmpty {
            let index = parameter("_rawpage").flatMap { Int($0) } ?? 0
            return raw.indices.contains(index) ? raw[index] : emptyBundle()
        }
        var matching = all
        if let since = parameter("_lastUpdated") {
            let (prefix, stamp) = (since.prefix(2), String(since.dropFirst(2)))
            if let instant = FHIRDateTime.parse(stamp) {
                switch prefix {
                case "gt": matching = matching.filter { $0.lastUpdated > instant }
                case "ge": matching = matching.filter { $0.lastUpdated >= instant }
                case "lt": matching = matching.filter { $0.lastUpdated < instant }
                case "le": matching = matching.filter { $0.lastUpdated <= instant }
                default: break
                }
            }
        }
        matching.sort { ($0.lastUpdated, $0.id) < ($1.lastUpdated, $1.id) }
        let count = max(1, parameter("_count").flatMap { Int($0) } ?? 50)
        let offset = max(0, parameter("_offset").flatMap { Int($0) } ?? 0)
        let page = matching.dropFirst(offset).prefix(count)
        let base = baseURL
        func link(_ offset: Int) -> String {
            var components = URLComponents()
            components.queryItems = query.filter { $0.name != "_offset" } + [URLQueryItem(name: "_offset", value: String(offset))]
            let text = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
            return "\(base)/\(type)?\(text)"
        }
        var links = [#"{"relation":"self","url":"\#(link(offset))"}"#]
        if offset + count < matching.count { links.append(#"{"relation":"next","url":"\#(link(offset + count))"}"#) }
        var body = Data(#"{"resourceType":"Bundle","type":"searchset","total":\#(matching.count),"link":[\#(links.joined(separator: ","))]"#.utf8)
        if !page.isEmpty { body.append(contentsOf: Array(#","entry":["#.utf8)) }
        for (index, resource) in page.enumerated() {
            if index > 0 { body.append(contentsOf: Array(",".utf8)) }
            body.append(contentsOf: Array(#"{"fullUrl":"\#(base)/\#(type)/\#(resource.id)","resource":"#.utf8))
            body.append(resource.body)
            body.append(contentsOf: Array(#","search":{"mode":"match"}}"#.utf8))
        }
        body.append(contentsOf: Array((page.isEmpty ? "}" : "]}").utf8))
        return body
    }

    private func emptyBundle() -> Data {
        Data(#"{"resourceType":"Bundle","type":"searchset","total":0}"#.utf8)
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start..<start + needle.count].elementsEqual(needle) {
            return start
        }
        return nil
    }

    /// `Sun, 22 Nov 2026 12:00:00 GMT`.
    public static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    struct ServerFailed: Error { var step: String; var code: Int32 }
}
