import Foundation
import Testing
import TestSupport

/// The patient view in a real terminal: tabs, trend period, help for the view, a live language
/// switch, jumping to a patient by name, the municipality filter and a resize, read back from the screen.
@Suite(.serialized)
struct PatientViewInTerminalTests {
    @Test func tabsPeriodHelpLanguageJumpFilterAndResize() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-pv-\(UUID().uuidString)").path
        let terminal = try TmuxSession(width: 100, height: 30,
                                       command: "'\(vardeExecutable())' demo --home '\(home)'; echo EXIT=$?; sleep 60")
        defer { terminal.close() }
        #expect(await terminal.waitFor { $0.contains("■ RØD") && $0.contains("tilkoblet") }.ok)

        // Enter: the trends tab, drawn in braille, over 7 days; t switches to 30.
        try terminal.send("g")
        #expect(await terminal.waitFor(seconds: 5) { _ in true }.ok)
        try terminal.send("Enter")
        let trends = await terminal.waitFor(seconds: 10) { screen in
            screen.contains("1 Trender") && screen.contains("7 dager") && screen.contains("siste")
                && screen.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }
        }
        #expect(trends.ok, "\(trends.screen)")
        try terminal.send("t")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("30 dager") }.ok)

        // 3 and Tab and Shift-Tab move between the tabs.
        try terminal.send("3")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("n ny melding") }.ok)
        try terminal.send("Tab")
        #expect(await terminal.waitFor(seconds: 10) { !$0.contains("n ny melding") && !$0.contains("siste ") }.ok)
        try terminal.send("BTab")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("n ny melding") }.ok)

        // ? lists the patient view's keys; Esc closes it and stays in the patient.
        try terminal.send("?")
        let help = await terminal.waitFor(seconds: 10) { $0.contains("fane: meldinger") && $0.contains("tilbake til køen") }
        #expect(help.ok, "\(help.screen)")
        try terminal.send("Escape")
        #expect(await terminal.waitFor(seconds: 10) { !$0.contains("fane: meldinger") && $0.contains("n ny melding") }.ok)

        // :språk en switches this view at once.
        try terminal.send(":")
        try terminal.send("-l", "språk en")
        try terminal.send("Enter")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("3 Messages") && $0.contains("n new message") }.ok)

        // Esc goes back to the queue; :pasient finds a patient by name.
        try terminal.send("Escape")
        let queue = await terminal.waitFor(seconds: 10) { $0.contains("Zone") && $0.contains("Waited") }
        #expect(queue.ok, "\(queue.screen)")
        let detail = queue.screen.split(separator: "\n").dropLast().last.map(String.init) ?? ""
        let family = detail.trimmingCharacters(in: .whitespaces).split(separator: ",").first.map(String.init) ?? ""
        try terminal.send("G")
        try terminal.send(":")
        try terminal.send("-l", "pasient \(family)")
        try terminal.send("Enter")
        // :pasient searches every patient, case-blind and within names (Berg finds Solberg too): one hit
        // opens, several are listed (Enter opens the first).
        let found = await terminal.waitFor(seconds: 10) { $0.contains("1 Trends") || $0.contains("Varde · Patients") }
        if found.screen.contains("Varde · Patients") { try terminal.send("Enter") }
        let jumped = await terminal.waitFor(seconds: 10) { $0.split(separator: "\n").first?.lowercased().contains(family.lowercased()) == true && $0.contains("1 Trends") }
        #expect(jumped.ok, "\(family): \(jumped.screen)")

        // A smaller window redraws the view; too small asks for more room.
        try terminal.resize(width: 80, height: 24)
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("1 Trends") && $0.contains("Esc back") }.ok)
        try terminal.resize(width: 60, height: 20)
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("Make the window larger") }.ok)
        try terminal.resize(width: 100, height: 30)

        // :kommune narrows the queue to one municipality and the status line says so; Esc clears it.
        try terminal.send("Escape")
        try terminal.send(":")
        try terminal.send("-l", "kommune Bodø")
        try terminal.send("Enter")
        let filtered = await terminal.waitFor(seconds: 15) { screen in
            let rows = screen.split(separator: "\n").filter { $0.contains("■ RED") || $0.contains("▲ YELLOW") }
            return screen.contains(":municipality Bodø") && !rows.isEmpty && rows.allSatisfy { $0.contains("Bodø") }
        }
        #expect(filtered.ok, "\(filtered.screen)")
        try terminal.send("Escape")
        #expect(await terminal.waitFor(seconds: 10) { !$0.contains(":municipality Bodø") }.ok)

        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }
}
