import Foundation

/// The loopback redirect of a native client's login (RFC 8252 §7.3): listens on 127.0.0.1:PORT for the
/// browser's one request to `/callback` and answers it with a page saying the nurse may close the window.
public final class LoopbackRedirect: @unchecked Sendable {
    public let port: Int
    private let socket: Int32

    /// Why the redirect cannot be received.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// Binds the port now, so that a port in use is said before the browser opens.
    public init(port: Int) throws(Problem) {
        let fd = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Problem(description: "cannot open a socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 4) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Problem(description: "cannot listen on 127.0.0.1:\(port) for the login's redirect (\(reason)); is another varde login running? The port is redirect_port in [helseid]")
        }
        socket = fd
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = port == 0 ? Int(UInt16(bigEndian: actual.sin_port)) : port // 0: a free port (tests)
    }

    deinit { close(socket) }

    public var redirectURI: String { "http://localhost:\(port)/callback" }

    /// Waits up to `timeout` for `/callback` and returns its query parameters.
    public func awaitCallback(timeout: TimeInterval) throws(Problem) -> [String: String] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else {
                throw Problem(description: "no login came back within \(Int(timeout)) s; run varde login again")
            }
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(left, 1) * 1000)) > 0 else { continue }
            let client = accept(socket, nil, nil)
            guard client >= 0 else { continue }
            defer { close(client) }
            var timeoutValue = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeoutValue, socklen_t(MemoryLayout<timeval>.size))
            var request = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while request.count < 16_384, !String(decoding: request, as: UTF8.self).contains("\r\n\r\n") {
                let count = read(client, &buffer, buffer.count)
                if count <= 0 { break }
                request += buffer.prefix(count)
            }
            let line = String(decoding: request, as: UTF8.self).split(separator: "\r\n").first.map(String.init) ?? ""
            let parts = line.split(separator: " ")
            guard parts.count >= 2, parts[0] == "GET", parts[1].hasPrefix("/callback") else {
                respond(client, status: "404 Not Found", text: "Ikke her.")
                continue
            }
            let query = parts[1].split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            var fields: [String: String] = [:]
            for (name, value) in FormBody.decode(query) { fields[name] = value }
            let ok = fields["code"] != nil
            respond(client, status: "200 OK",
                    text: ok ? "Du er logget inn i Varde. Du kan lukke dette vinduet og gå tilbake til terminalen."
                             : "Innloggingen ble ikke fullført. Se terminalen.")
            return fields
        }
    }

    private func respond(_ client: Int32, status: String, text: String) {
        let body = "<!doctype html><meta charset=utf-8><title>Varde</title><p>\(text)</p>\n"
        let response = "HTTP/1.1 \(status)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n\(body)"
        _ = response.withCString { write(client, $0, strlen($0)) }
    }
}
