import Foundation
import Testing
import TestSupport
import VardeService
import VardeSim

/// The access log survives `kill -9`: a patient opened once is one AuditEvent on the server, whether
/// the binary dies before its request reached the server or after the server stored it unanswered.
@Suite(.serialized)
struct AccessLogAfterKillTests {
    let varde = vardeExecutable()

    /// Runs the binary off the cooperative pool: the simulator in this process must keep answering it.
    func run(_ arguments: [String]) async throws -> CommandResult {
        let varde = varde
        return try await offPool { try runCommand(varde, arguments) }
    }

    func auditLines(_ home: String) async throws -> String {
        let result = try await run(["audit", "--home", home])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// Starts the continuous sync, waits until `ready`, kills it with SIGKILL.
    func syncAndKill(_ url: String, _ home: String, until ready: () -> Bool) async throws {
        let child = try ChildProcess(varde, ["sync", "--now", fixedStartInstant, "--server", url, "--home", home, "--operator", "kari", "--interval", "1"])
        let deadline = Date().addingTimeInterval(30)
        while !ready(), Date() < deadline { try await Task.sleep(nanoseconds: 50_000_000) }
        #expect(ready(), "the sync never got that far")
        kill(child.pid, SIGKILL)
        #expect(child.wait() == 128 + SIGKILL)
    }

    @Test func openingAPatientIsOneAuditEventAcrossAKillBeforeDelivery() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 40))
        defer { sim.stop() }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-kill-\(UUID().uuidString)").path
        let sync = try await run(["sync", "--now", fixedStartInstant, "--once", "--server", sim.baseURL, "--home", home])
        #expect(sync.status == 0, "\(sync.stderr)")

        // 1. The server stores the AuditEvent, but the binary is killed before it hears so.
        let first = try await run(["render", "trends", "--patient", "pas-00001", "--home", home, "--operator", "kari",
                                           "--now", "2026-11-22T12:05:00Z"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try await auditLines(home).contains("1 access, 1 not yet delivered"))
        sim.server.faults.faults = SimFaults(replyDelayMs: 60_000)
        try await syncAndKill(sim.baseURL, home) { sim.server.auditEvents.all(patientID: "pas-00001").count == 1 }
        #expect(try await auditLines(home).contains("pas-00001  render"))
        #expect(try await auditLines(home).contains("1 not yet delivered"), "the kill came before the delivery was recorded")

        // 2. The binary is killed before its request reaches the server at all.
        sim.server.faults.faults = SimFaults(latencyMs: 60_000)
        let second = try await run(["render", "plan", "--patient", "pas-00002", "--home", home, "--operator", "kari",
                                            "--now", "2026-11-22T12:06:00Z"])
        #expect(second.status == 0, "\(second.stderr)")
        try await syncAndKill(sim.baseURL, home) { true }
        #expect(sim.server.auditEvents.all(patientID: "pas-00002").isEmpty)

        // Restarted, the sync delivers what waits: still exactly one AuditEvent per opened patient.
        sim.server.faults.faults = SimFaults()
        let again = try await run(["sync", "--now", fixedStartInstant, "--once", "--server", sim.baseURL, "--home", home])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(sim.server.auditEvents.all(patientID: "pas-00001").count == 1)
        #expect(sim.server.auditEvents.all(patientID: "pas-00002").count == 1)
        #expect(sim.server.auditEvents.all().count == 2)
        let log = try await auditLines(home)
        #expect(log.contains("2 accesses, 0 not yet delivered"), "\(log)")
        #expect(!log.contains("waiting"))
    }
}
