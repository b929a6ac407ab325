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

    func auditLines(_ home: String) throws -> String {
        let result = try runCommand(varde, ["audit", "--home", home])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// Starts the continuous sync, waits until `ready`, kills it with SIGKILL.
    func syncAndKill(_ url: String, _ home: String, until ready: () -> Bool) throws {
        let child = try ChildProcess(varde, ["sync", "--server", url, "--home", home, "--operator", "kari", "--interval", "1"])
        let deadline = Date().addingTimeInterval(20)
        while !ready(), Date() < deadline { usleep(50_000) }
        #expect(ready(), "the sync never got that far")
        kill(child.pid, SIGKILL)
        #expect(child.wait() == 128 + SIGKILL)
    }

    @Test func openingAPatientIsOneAuditEventAcrossAKillBeforeDelivery() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 40))
        defer { sim.stop() }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-kill-\(UUID().uuidString)").path
        let sync = try runCommand(varde, ["sync", "--once", "--server", sim.baseURL, "--home", home])
        #expect(sync.status == 0, "\(sync.stderr)")

        // 1. The server stores the AuditEvent, but the binary is killed before it hears so.
        let first = try runCommand(varde, ["render", "trends", "--patient", "pas-00001", "--home", home, "--operator", "kari",
                                           "--now", "2026-11-22T12:05:00Z"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try auditLines(home).contains("1 access, 1 not yet delivered"))
        sim.server.faults.faults = SimFaults(replyDelayMs: 60_000)
        try syncAndKill(sim.baseURL, home) { sim.server.auditEvents.all(patientID: "pas-00001").count == 1 }
        #expect(try auditLines(home).contains("pas-00001  render"))
        #expect(try auditLines(home).contains("1 not yet delivered"), "the kill came before the delivery was recorded")

        // 2. The binary is killed before its request reaches the server at all.
        sim.server.faults.faults = SimFaults(latencyMs: 60_000)
        let second = try runCommand(varde, ["render", "plan", "--patient", "pas-00002", "--home", home, "--operator", "kari",
                                            "--now", "2026-11-22T12:06:00Z"])
        #expect(second.status == 0, "\(second.stderr)")
        try syncAndKill(sim.baseURL, home) { true }
        #expect(sim.server.auditEvents.all(patientID: "pas-00002").isEmpty)

        // Restarted, the sync delivers what waits: still exactly one AuditEvent per opened patient.
        sim.server.faults.faults = SimFaults()
        let again = try runCommand(varde, ["sync", "--once", "--server", sim.baseURL, "--home", home])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(sim.server.auditEvents.all(patientID: "pas-00001").count == 1)
        #expect(sim.server.auditEvents.all(patientID: "pas-00002").count == 1)
        #expect(sim.server.auditEvents.all().count == 2)
        let log = try auditLines(home)
        #expect(log.contains("2 accesses, 0 not yet delivered"), "\(log)")
        #expect(!log.contains("waiting"))
    }
}
