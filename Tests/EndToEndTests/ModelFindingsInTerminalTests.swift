import Foundation
import Testing
import TestSupport

/// The shift's findings that the console model fixes, in a real terminal: the first seconds say the
/// first sync is under way, keys that do nothing say why, and the patient view takes and gives back
/// the patient's alert.
@Suite(.serialized)
struct ModelFindingsInTerminalTests {
    @Test func firstSyncKeysThatSayWhyAndClaimFromThePatientView() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-findings-\(UUID().uuidString)").path
        // No simulated colleagues: the top alert must be free to take (a colleague may hold it otherwise).
        let terminal = try TmuxSession(width: 100, height: 30,
                                       command: "'\(vardeExecutable())' demo --home '\(home)' --patients 400 --colleagues 0; echo EXIT=$?; sleep 60")
        defer { terminal.close() }
        // Until the first sync has finished, never "offline, never synced".
        let first = await terminal.waitFor(seconds: 60) { $0.contains("første synk pågår") || $0.contains("tilkoblet") }
        #expect(first.ok, "\(first.screen)")
        #expect(!first.screen.contains("ikke synket ennå"), "\(first.screen)")
        #expect(await terminal.waitFor { $0.contains("■ RØD") && $0.contains("tilkoblet") }.ok)

        // In the patient view, p belongs to the queue: the status line says so.
        try terminal.send("g")
        try terminal.send("Enter")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("1 Trender") }.ok)
        try terminal.send("p")
        let why = await terminal.waitFor(seconds: 10) { $0.contains("virker i: kø") }
        #expect(why.ok, "\(why.screen)")

        // c takes the patient's alert from here; back in the queue the row is marked and named as ours.
        try terminal.send("c")
        try await Task.sleep(nanoseconds: 500_000_000)
        try terminal.send("Escape")
        let claimed = await terminal.waitFor(seconds: 10) { $0.contains("Venter") && $0.contains("tatt av") }
        #expect(claimed.ok, "\(claimed.screen)")

        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }
}
