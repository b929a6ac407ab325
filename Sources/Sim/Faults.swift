import Foundation
import Hummingbird
import VardeDomain
import VardeService

/// Decides, deterministically for a seed, which requests get a fault.
public final class FaultInjector: @unchecked Sendable {
    private var current: SimFaults
    private var rng: SeededRandom
    private let lock = NSLock()

    init(faults: SimFaults, seed: UInt64) {
        current = faults
        rng = SeededRandom(seed: seed ^ 0xFA17)
    }

    private func roll(_ rate: Double) -> Bool {
        guard rate > 0 else { return false }
        lock.lock()
        defer { lock.unlock() }
        return Double.random(in: 0..<1, using: &rng) < rate
    }

    public var faults: SimFaults {
        get { lock.lock(); defer { lock.unlock() }; return current }
        set { lock.lock(); current = newValue; lock.unlock() }
    }

    func shouldFail() -> Bool { roll(faults.failRate) }
    func shouldMalform() -> Bool { roll(faults.malformedRate) }
    func shouldDrop() -> Bool { roll(faults.dropRate) }

    /// Whether an observation is one of the always-invalid ones (decided by its id, not by chance).
    public func isInvalid(_ id: String) -> Bool {
        let rate = faults.invalidResourceRate
        guard rate > 0 else { return false }
        return FNV1a.fraction(id) < rate
    }
}

/// Applies latency (half before the route runs, half after: a slow server has already stored a
/// create when its answer is still on the way) and 503 failures before any route runs.
struct FaultMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let injector: FaultInjector

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let halfLatency = UInt64(injector.faults.latencyMs) * 500_000
        if halfLatency > 0 { try await Task.sleep(nanoseconds: halfLatency) }
        if injector.shouldFail() {
            var response = Response(status: .serviceUnavailable, headers: [.contentType: "application/fhir+json", .retryAfter: "1"],
                                    body: .init(byteBuffer: ByteBuffer(bytes: (try? fhirEncoder.encode(
                                        FHIROperationOutcome(code: "transient", diagnostics: "simulated outage"))) ?? Data())))
            response.headers[.retryAfter] = "1"
            return response
        }
        let response = try await next(request, context)
        if halfLatency > 0 { try await Task.sleep(nanoseconds: halfLatency) }
        if injector.faults.replyDelayMs > 0 {
            try await Task.sleep(nanoseconds: UInt64(injector.faults.replyDelayMs) * 1_000_000)
        }
        return response
    }
}
