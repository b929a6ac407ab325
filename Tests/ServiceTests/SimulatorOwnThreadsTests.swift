import Foundation
import Testing
import TestSupport
import VardeService

/// The tests' in-process simulators answer on threads of their own: a test that holds every thread of
/// Swift's pool (two on CI) cannot make another test's requests time out.
@Suite(.serialized)
struct SimulatorOwnThreadsTests {
    @Test func theSimulatorAnswersWhileEveryPoolThreadIsHeld() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 5))
        defer { sim.stop() }
        let width = ProcessInfo.processInfo.activeProcessorCount
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        for _ in 0..<width {
            Task.detached {
                started.signal()
                release.wait()
            }
        }
        let url = "\(sim.baseURL)/Patient?_count=5"
        let status = try await offPool { () -> Int in
            for _ in 0..<width { started.wait() }
            defer { for _ in 0..<width { release.signal() } }
            var settings = HTTPSettings()
            settings.totalTimeout = 20
            return try CurlHTTPClient(settings: settings).send(HTTPRequest(method: "GET", url: url)).status
        }
        #expect(status == 200)
    }
}
