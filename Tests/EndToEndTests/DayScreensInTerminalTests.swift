import Foundation
import Testing
import TestSupport

/// The nurse's-day screens mounted on the console model, in a real terminal: the patient list, a
/// patient opened from it, the contact panel with the fødselsnummer shown on `f`, and the handover.
@Suite(.serialized)
struct DayScreensInTerminalTests {
    @Test func patientListContactsAndHandover() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-dayscreens-\(UUID().uuidString)").path
        let terminal = try TmuxSession(width: 100, height: 30,
                                       command: "'\(vardeExecutable())' demo --home '\(home)' --patients 400; echo EXIT=$?; sleep 60")
        defer { terminal.close() }
        #expect(await terminal.waitFor { $0.contains("■ RØD") && $0.contains("tilkoblet") }.ok)

        try terminal.send("-l", ":pasienter")
        try terminal.send("Enter")
        let list = await terminal.waitFor(seconds: 15) { $0.contains("Varde · Pasienter") && $0.contains("sortert etter kommune") }
        #expect(list.ok, "\(list.screen)")
        try terminal.send("s")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("sortert etter siste måling") }.ok)
        try terminal.send("Enter")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("1 Trender") }.ok)

        try terminal.send("K")
        let contacts = await terminal.waitFor(seconds: 10) { $0.contains("Varde · Kontakter") && $0.contains("(skjult") }
        #expect(contacts.ok, "\(contacts.screen)")
        try terminal.send("f")
        let shown = await terminal.waitFor(seconds: 10) { $0.contains("logget i tilgangsloggen") }
        #expect(shown.ok, "\(shown.screen)")

        // Esc: the patient, the list, the queue.
        try terminal.send("Escape")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("1 Trender") }.ok)
        try terminal.send("Escape")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("Varde · Pasienter") }.ok)
        try terminal.send("Escape")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("Varde · Kø") }.ok)

        try terminal.send("-l", ":vakt")
        try terminal.send("Enter")
        let handover = await terminal.waitFor(seconds: 15) { $0.contains("Varde · Vaktoverlevering") }
        #expect(handover.ok, "\(handover.screen)")
        try terminal.send("Escape")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("Varde · Kø") }.ok)

        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }
}
