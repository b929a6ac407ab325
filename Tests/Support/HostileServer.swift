import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP server on loopback that answers every request with one fixed response: a hostile
/// follow-up service for tests (escape sequences in an OperationOutcome, a paging link elsewhere).
public final class HostileServer: @unchecked Sendable {
    public let port: Int
    private let listener: Int32
    /// Writes the answer to one connection (after its request head was read).
    private let answer: @Sendable (Int32) -> Void
    private let lock = NSLock()
    private var heads: [String] = []

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The request lines and headers received so far, one string per request.
    public var requests: [String] {
        lock.lock()
        defer { lock.unlock() }
        return heads
    }

    /// Starts listening on a free loopback port; every request gets `status` and `body` (FHIR JSON).
    public convenience init(status: Int, body: String) throws {
        let reason = status == 200 ? "OK" : "Refused"
        let payload = Data(body.utf8)
        let response = Data("HTTP/1.1 \(status) \(reason)\r\nContent-Type: application/fhir+json\r\nContent-Length: \(payload.count)\r\nConnection: close\r\n\r\n".utf8) + payload
        try self.init { connection in HostileServer.deliver(response, to: connection) }
    }

    /// A server whose every answer is written by `answer` on the raw connection (a gzip bomb, a body
    /// without end, a trickle).
    public init(answer: @escaping @Sendable (Int32) -> Void) throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw Failed(step: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socketFD, 16) == 0 else { close(socketFD); throw Failed(step: "bind") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        listener = socketFD
        port = Int(UInt16(bigEndian: address.sin_port))
        self.answer = answer
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// Stops listening; the accepting thread ends with the next failed accept.
    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            var received = Data()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while received.range(of: Data("\r\n\r\n".utf8)) == nil {
                let count = read(connection, &buffer, buffer.count)
                guard count > 0 else { break }
                received.append(buffer, count: count)
            }
            lock.lock()
            heads.append(String(decoding: received, as: UTF8.self))
            lock.unlock()
            let answer = self.answer
            Thread {
                answer(connection)
                close(connection)
            }.start()
        }
    }

    /// Writes all of `data` (false when the client has gone).
    @discardableResult
    public static func deliver(_ data: Data, to connection: Int32) -> Bool {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                // MSG_NOSIGNAL: a client that hangs up must not end the test process with SIGPIPE.
                let written = send(connection, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }

    /// A 200 answer with `contentEncoding` whose body is `chunk` written `times` times (or until the client goes).
    public static func repeating(_ chunk: Data, times: Int, contentEncoding: String? = nil) -> @Sendable (Int32) -> Void {
        { connection in
            let encoding = contentEncoding.map { "Content-Encoding: \($0)\r\n" } ?? ""
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\n\(encoding)Content-Length: \(chunk.count * times)\r\nConnection: close\r\n\r\n"
            guard deliver(Data(head.utf8), to: connection) else { return }
            for _ in 0..<times { guard deliver(chunk, to: connection) else { return } }
        }
    }

    struct Failed: Error { var step: String }
}
