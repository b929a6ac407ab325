import Foundation
import Testing
import TestSupport

/// Drill-in and out, the plan tab, the live filter and the help overlay, in a real terminal.
@Suite(.serialized)
struct NavigationInTerminalTests {
    @Test func drillInToThePatientReadThePlanFilterAndGetHelp() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-nav-\(UUID().uuidString)").path
        let terminal = try TmuxSession(width: 100, height: 30,
                                       command: "'\(vardeExecutable())' demo --home '\(home)'; echo EXIT=$?; sleep 60")
        defer { terminal.close() }
        #expect(await terminal.waitFor { $0.contains("■ RØD") && $0.contains("tilkoblet") }.ok)

        // Enter opens the selected patient's trends; 2 shows the plan; Esc goes back to the queue.
        try terminal.send("g")
        try await Task.sleep(nanoseconds: 300_000_000)
        try terminal.send("Enter")
        let patient = await terminal.waitFor(seconds: 10) { $0.contains("1 Trender") && $0.contains("Esc tilbake") }
        #expect(patient.ok, "\(patient.screen)")
        try terminal.send("2")
        let plan = await terminal.waitFor(seconds: 10) {
            $0.contains("Grenseverdier") || $0.contains("ingen plan")
        }
        #expect(plan.ok, "\(plan.screen)")
        try terminal.send("Escape")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("Sone") && $0.contains("Venter") }.ok)

        // The live filter narrows the queue to one municipality and says so; Esc clears it.
        try terminal.send("/")
        try terminal.send("-l", "bodo")
        let filtered = await terminal.waitFor(seconds: 10) { screen in
            let rows = screen.split(separator: "\n").filter { $0.contains("■ RØD") || $0.contains("▲ GUL") }
            return screen.contains("/bodo") && !rows.isEmpty && rows.allSatisfy { $0.contains("Bodø") }
        }
        #expect(filtered.ok, "\(filtered.screen)")
        try terminal.send("Enter")
        try terminal.send("Escape")
        #expect(await terminal.waitFor(seconds: 10) { !$0.contains("/bodo") }.ok)

        // ? shows every key of the queue; ? again closes it.
        try terminal.send("?")
        let help = await terminal.waitFor(seconds: 10) { $0.contains("Hjelp: taster") && $0.contains("åpne pasienten") }
        #expect(help.ok, "\(help.screen)")
        try terminal.send("?")
        #expect(await terminal.waitFor(seconds: 10) { !$0.contains("Hjelp: taster") }.ok)

        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }

    @Test func thePaletteSwitchesZoneThemeAndLanguageAndExplainsMistakes() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-pal-\(UUID().uuidString)").path
        let terminal = try TmuxSession(width: 100, height: 30,
                                       command: "'\(vardeExecutable())' demo --home '\(home)'; echo EXIT=$?; sleep 60")
        defer { terminal.close() }
        // Yellow rows may all be below the reds on a slow machine; the header counts them.
        #expect(await terminal.waitFor { $0.contains("■ RØD") && $0.contains(" gul") && !$0.contains("▲ 0 gul") }.ok)

        try terminal.send(":")
        try terminal.send("-l", "sone gul")
        try terminal.send("Enter")
        let yellow = await terminal.waitFor(seconds: 10) { screen in
            let rows = screen.split(separator: "\n").dropFirst(2).dropLast(2)
            return !rows.isEmpty && !screen.split(separator: "\n").dropFirst(2).contains { $0.contains("■ RØD") }
        }
        #expect(yellow.ok, "\(yellow.screen)")

        try terminal.send(":")
        try terminal.send("-l", "tema mono")
        try terminal.send("Tab")
        #expect(await terminal.waitFor(seconds: 5) { $0.contains(":tema monokrom") }.ok)
        try terminal.send("Enter")
        // The confirmation shows for 4 s: on a loaded machine the frame that shows it may come late.
        let switched = await terminal.waitFor(seconds: 10) { $0.contains("tema: monokrom") }
        #expect(switched.ok, "\(switched.screen)")

        try terminal.send(":")
        try terminal.send("-l", "språk en")
        try terminal.send("Enter")
        let english = await terminal.waitFor(seconds: 10) { $0.contains("Varde · Queue") && $0.contains("YELLOW") }
        #expect(english.ok, "\(english.screen)")

        try terminal.send(":")
        try terminal.send("-l", "fly away")
        try terminal.send("Enter")
        let refused = await terminal.waitFor(seconds: 10) { $0.contains("unknown command") }
        #expect(refused.ok, "\(refused.screen)")

        try terminal.send(":")
        try terminal.send("-l", "q")
        try terminal.send("Enter")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }

    @Test func aNurseClaimsAndResolvesTheTopAlert() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-claim-\(UUID().uuidString)").path
        // No simulated colleagues: the top alert must be free to take (a colleague may hold it otherwise).
        let terminal = try TmuxSession(width: 100, height: 30, command:
            "'\(vardeExecutable())' demo --operator Kari --home '\(home)' --colleagues 0; echo EXIT=$?; sleep 60")
        defer { terminal.close() }
        #expect(await terminal.waitFor { $0.contains("■ RØD") && $0.contains("tilkoblet") }.ok)
        try terminal.send("g")
        try await Task.sleep(nanoseconds: 300_000_000)
        let before = terminal.screen().split(separator: "\n").dropLast().last.map(String.init) ?? ""
        try terminal.send("c")
        let claimed = await terminal.waitFor(seconds: 10) { $0.contains("tatt av Kari") && $0.contains("◆ ") }
        #expect(claimed.ok, "\(claimed.screen)")

        try terminal.send("x")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("velg utfall") }.ok)
        try terminal.send("2")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("Notat") }.ok)
        try terminal.send("-l", "Ringte, trinn 2")
        try terminal.send("Enter")
        // The journal note opens for review; Esc on the untouched note closes it.
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("Varde · Journalnotat") && $0.contains("Ringte, trinn 2") }.ok)
        try terminal.send("Escape")
        // The resolved alert leaves the queue: the selected row is another patient now.
        let gone = await terminal.waitFor(seconds: 10) { screen in
            let detail = screen.split(separator: "\n").dropLast().last.map(String.init) ?? ""
            return !screen.contains("velg utfall") && !screen.contains("Notat") && detail != before
        }
        #expect(gone.ok, "\(gone.screen)")
        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }
}
