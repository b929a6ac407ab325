import Foundation
import VardeSim

/// A simulator serving real HTTP on a free loopback port inside the test process.
public final class RunningSim: @unchecked Sendable {
    public let server: SimServer
    public let port: Int
    private let task: Task<Void, Never>

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var centre: SimulatedCentre { server.centre }

    /// Starts the simulator and waits until it listens.
    public init(_ config: SimConfig) async throws {
        let server = SimServer(centre: SimulatedCentre(config: config))
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        task = Task(executorPreference: SimExecutor.shared) {
            try? await server.run(port: 0, handleSignals: false, logLevel: .critical) { port in continuation.yield(port) }
            continuation.finish()
        }
        var bound: Int?
        for await port in stream {
            bound = port
            break
        }
        guard let bound else { throw SimDidNotStart() }
        self.server = server
        port = bound
    }

    public func stop() { task.cancel() }

    struct SimDidNotStart: Error {}
}

/// A frozen centre starting at a fixed instant: the same data on every run. Without simulated colleagues
/// unless asked: the sync's own tests count what it fetches and handles (LivingCentreTests has colleagues).
public func frozenCentre(patients: Int = 40, municipalities: Int = 12, seed: UInt64 = 7, historyDays: Double = 2,
                         faults: SimFaults = SimFaults(), colleagues: Int = 0) -> SimConfig {
    var config = SimConfig(patients: patients, municipalities: municipalities, seed: seed, speed: 1, historyDays: historyDays,
                           start: fixedStart, frozen: true, faults: faults)
    config.colleagues = colleagues
    return config
}

/// 22 November 2026 12:00 UTC: the instant golden screens and tests are drawn at.
public let fixedStart = Date(timeIntervalSince1970: 1_795_348_800)
/// `fixedStart` as the `--now` of a `varde sync` or `varde console` against a frozen simulator.
public let fixedStartInstant = "2026-11-22T12:00:00Z"

/// Runs blocking work (libcurl, SQLite) on its own thread so the simulator's tasks keep running.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
