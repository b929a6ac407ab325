import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeStore

/// A claim and a resolution made while the follow-up service is down wait in the outbox, survive the
/// client being killed (before and during delivery), and reach the service exactly once when it returns.
@Suite(.serialized)
struct HandlingDeliveryTests {
    let varde = vardeExecutable()
    let simArguments = ["--patients", "20", "--seed", "5", "--frozen", "--start", "2026-11-22T12:00:00Z", "--latency-ms", "40"]

    func startSim(port: Int) throws -> (ChildProcess, String) {
        let sim = try ChildProcess(varde, ["sim", "--port", "\(port)"] + simArguments)
        guard let line = sim.waitForLine(containing: "listening on"), let url = line.split(separator: " ").last else {
            sim.stop()
            throw SimDidNotStart()
        }
        return (sim, String(url))
    }

    struct SimDidNotStart: Error {}

    @Test func stepsTakenWhileTheServiceIsDownAreDeliveredOnceAfterKillsAndItsReturn() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-hd-\(UUID().uuidString)").path
        var (sim, url) = try startSim(port: 0)
        #expect(try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home]).status == 0)
        sim.stop() // the service goes down

        let cache = try CacheDatabase(path: home + "/cache.sqlite")
        let alert = try #require(try cache.queue().first)
        #expect(try cache.handle(alertID: alert.alertID, .claim, by: "kari", at: Date()).isSuccess)
        // A sync against the dead service fails and keeps the step; the client is killed while it retries.
        var client = try ChildProcess(varde, ["sync", "--now", fixedStartInstant, "--server", url, "--home", home, "--operator", "kari", "--interval", "0.1"])
        usleep(700_000)
        kill(client.pid, SIGKILL)
        client.wait()
        #expect(try cache.handle(alertID: alert.alertID, .resolve(.contactedPatient, note: "ringt, ok"), by: "kari", at: Date()).isSuccess)
        #expect(try cache.outbox().count == 1, "both steps wait, for one alert")

        // The service returns on the same address; the client is killed again at random moments of delivery.
        let port = try #require(URLComponents(string: url)?.port)
        (sim, url) = try startSim(port: port)
        defer { sim.stop() }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            client = try ChildProcess(varde, ["sync", "--now", fixedStartInstant, "--server", url, "--home", home, "--operator", "kari", "--interval", "0.05"])
            usleep(UInt32.random(in: 10_000...250_000, using: &generator))
            kill(client.pid, SIGKILL)
            client.wait()
        }
        let last = try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home, "--operator", "kari"])
        #expect(last.status == 0, "\(last.stderr)")

        let response = try CurlHTTPClient().send(HTTPRequest(url: "\(url)/Task?_count=100"))
        let tasks = try JSONDecoder().decode(ReceivedPage<FHIRTask>.self, from: response.body).entries.compactMap { try? $0.get() }
        let key = try #require(try cache.alert(id: alert.alertID)).key
        let mine = tasks.filter { TaskMapping.state(of: $0)?.alertKey == key }
        #expect(mine.count == 1, "one Task for the alert on the service")
        let state = try #require(mine.first.flatMap(TaskMapping.state(of:)))
        #expect(state.owner == "kari")
        #expect(state.resolved)
        #expect(state.outcome == .contactedPatient)
        #expect(state.note == "ringt, ok")
        #expect(try cache.outbox().isEmpty)
        #expect(try cache.queue().allSatisfy { $0.alertID != alert.alertID }, "resolved: gone from the queue")
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
