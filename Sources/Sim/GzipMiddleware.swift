import CompressNIO
import HTTPTypes
import Hummingbird

/// Compresses response bodies with gzip when the request says `Accept-Encoding: gzip`, so that the
/// client's decompression is exercised against every simulator test, as against a production server.
struct GzipMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let enabled: Bool
    /// Set on a response whose connection a fault will cut: it is sent as it is.
    static let dropMark = HTTPField.Name("x-sim-fault")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard enabled, request.headers[.acceptEncoding]?.contains("gzip") == true, response.headers[Self.dropMark] == nil,
              response.headers[.contentEncoding] == nil // a kept page goes out compressed already
        else { return response }
        let collected = CollectedBody()
        try await response.body.write(CollectingWriter(body: collected))
        var plain = collected.buffer
        guard plain.readableBytes >= 256 else {
            response.body = ResponseBody(byteBuffer: plain)
            return response
        }
        response.body = ResponseBody(byteBuffer: try plain.compress(with: .gzip()))
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = nil
        return response
    }
}

/// Where `CollectingWriter` puts the bytes of a body.
final class CollectedBody: @unchecked Sendable {
    var buffer = ByteBuffer()
}

/// Reads a response body into memory (the simulator's bodies are whole pages, never streams).
struct CollectingWriter: ResponseBodyWriter {
    let body: CollectedBody

    mutating func write(_ buffer: ByteBuffer) async throws {
        var copy = buffer
        body.buffer.writeBuffer(&copy)
    }

    mutating func write(contentsOf buffers: some Sequence<ByteBuffer>) async throws {
        for buffer in buffers { try await write(buffer) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
