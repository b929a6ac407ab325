import Foundation
import Testing
import TestSupport

/// The rough edges a day's shift found, in a real terminal: long panels scroll and say there is
/// more, the palette completes and clears, Ctrl-l redraws, the PIN answers, and the terminal is
/// left clean (TERM=linux) and spoken to in ASCII where the locale is not UTF-8.
@Suite(.serialized)
struct ShiftEdgesInTerminalTests {
    func home(_ config: String = "") throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-shift-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        if !config.isEmpty { try config.write(toFile: "\(home)/config.toml", atomically: true, encoding: .utf8) }
        return home
    }

    func demo(_ home: String, environment: String = "") -> String {
        "\(environment) '\(vardeExecutable())' demo --home '\(home)' --patients 80 --frozen --start 2026-11-22T12:00:00Z; echo EXIT=$?; sleep 60"
    }

    @Test func aLongPlanScrollsAndSaysWhenThereIsMore() async throws {
        let terminal = try TmuxSession(width: 80, height: 24, command: demo(try home()))
        defer { terminal.close() }
        #expect(await terminal.waitFor { $0.contains("■ RØD") && $0.contains("tilkoblet") }.ok)
        // The first patient down the queue whose plan is longer than the window.
        var plan = (ok: false, screen: "")
        for _ in 0..<20 where !plan.ok {
            try terminal.send("p")
            #expect(await terminal.waitFor(seconds: 10) { $0.contains("Hva er viktig for deg") }.ok)
            plan = await terminal.waitFor(seconds: 1) { $0.contains("linjer til (j/PgDn)") }
            if !plan.ok {
                try terminal.send("Escape")
                // The queue again (at 80×24 the new-red banner covers its column header, not its rows).
                #expect(await terminal.waitFor(seconds: 10) { $0.contains("■ RØD") && $0.contains("tilkoblet") }.ok)
                try terminal.send("j")
            }
        }
        #expect(plan.ok, "\(plan.screen)")
        #expect(!plan.screen.contains("Kontakt fastlege eller legevakt etter planen"), "\(plan.screen)")
        try terminal.send("NPage")
        let end = await terminal.waitFor(seconds: 10) { $0.contains("Kontakt fastlege eller legevakt etter planen") && $0.contains("over (k/PgUp)") }
        #expect(end.ok, "\(end.screen)")
        try terminal.send("k")
        try terminal.send("g") // not a key in the patient view: nothing moves
        try terminal.send("PPage")
        let top = await terminal.waitFor(seconds: 10) { $0.contains("Hva er viktig for deg") && !$0.contains("over (k/PgUp)") }
        #expect(top.ok, "\(top.screen)")
        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }

    @Test func theAlertsMeasurementIsTheFirstChartWithItsDatesUnderIt() async throws {
        // 25 lines: the new-red banner goes under the title and the detail line stays in sight.
        let terminal = try TmuxSession(width: 80, height: 25, command: demo(try home()))
        defer { terminal.close() }
        let queue = await terminal.waitFor { $0.contains("■ RØD") && $0.contains("tilkoblet") }
        #expect(queue.ok, "\(queue.screen)")
        // The detail line names the selected alert's measurement: "Name · Town (1234) · SpO2 91 % · …".
        let lines = queue.screen.split(separator: "\n").map(String.init)
        let detail = lines.dropLast().last { $0.contains(" · ") && !$0.contains("NYTT RØDT VARSEL") } ?? ""
        let parts = detail.components(separatedBy: " · ")
        let kind = parts.count > 2 ? String(parts[2].split(separator: " ").first ?? "") : ""
        #expect(!kind.isEmpty, "\(queue.screen)")
        try terminal.send("Enter")
        let trends = await terminal.waitFor(seconds: 10) { $0.contains("1 Trender") && $0.contains("siste") }
        #expect(trends.ok, "\(trends.screen)")
        let firstChart = trends.screen.split(separator: "\n").first { $0.contains("siste ") }.map(String.init) ?? ""
        #expect(firstChart.hasPrefix(" \(kind) "), "the first chart is the alert's \(kind): \(trends.screen)")
        #expect(trends.screen.contains("22.11") && trends.screen.contains("18.11"), "dates under the charts: \(trends.screen)")
        try terminal.send("Escape")
        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }

    @Test func tabCompletesThemeNamesAndCtrlUClearsTheLine() async throws {
        let terminal = try TmuxSession(width: 100, height: 30, command: demo(try home()))
        defer { terminal.close() }
        #expect(await terminal.waitFor { $0.contains("■ RØD") && $0.contains("tilkoblet") }.ok)
        try terminal.send(":")
        try terminal.send("-l", "tema ")
        try terminal.send("Tab")
        let listed = await terminal.waitFor(seconds: 10) { $0.contains(":tema ") && $0.contains("hoykontrast") && $0.contains("monokrom") }
        #expect(listed.ok, "\(listed.screen)")
        try terminal.send("-l", "mo")
        try terminal.send("Tab")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains(":tema monokrom▏") }.ok)
        try terminal.send("C-w")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains(":tema ▏") }.ok)
        try terminal.send("C-u")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains(":▏") && !$0.contains(":tema") }.ok)
        try terminal.send("-l", "sp")
        try terminal.send("Tab")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains(":språk ▏") }.ok)
        try terminal.send("Escape")
        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }

    @Test func ctrlLRepaintsAScreenAnotherProgramScribbledOver() async throws {
        let terminal = try TmuxSession(width: 100, height: 30, command: demo(try home()))
        defer { terminal.close() }
        #expect(await terminal.waitFor { $0.contains("■ RØD") && $0.contains("tilkoblet") }.ok)
        let tty = try terminal.paneTTY()
        let scribble = try #require(FileHandle(forWritingAtPath: tty))
        try scribble.write(contentsOf: Data("\u{1b}[5;5HWALL MESSAGE FROM ROOT".utf8))
        try scribble.close()
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("WALL MESSAGE") }.ok)
        try terminal.send("C-l")
        let clean = await terminal.waitFor(seconds: 10) { !$0.contains("WALL MESSAGE") && $0.contains("■ RØD") }
        #expect(clean.ok, "\(clean.screen)")
        #expect(!clean.screen.contains("Varde er låst"))
        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }

    @Test func thePINFieldShowsADotPerDigitAndSaysAWrongPIN() async throws {
        let config = "[privacy]\nidle_lock = \"10m\"\npin = \"2580\"\n"
        let terminal = try TmuxSession(width: 100, height: 30, command: demo(try home(config)))
        defer { terminal.close() }
        #expect(await terminal.waitFor { $0.contains("■ RØD") && $0.contains("tilkoblet") }.ok)
        try terminal.send("L")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("Varde er låst") && $0.contains("PIN:") }.ok)
        try terminal.send("-l", "12")
        let typed = await terminal.waitFor(seconds: 10) { $0.contains("PIN: ••▏") }
        #expect(typed.ok, "\(typed.screen)")
        try terminal.send("-l", "x")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("PIN-koden er bare sifre") && $0.contains("PIN: ••▏") }.ok)
        try terminal.send("Enter")
        let wrong = await terminal.waitFor(seconds: 10) { $0.contains("feil PIN-kode") && $0.contains("PIN: ▏") }
        #expect(wrong.ok, "\(wrong.screen)")
        try terminal.send("-l", "2580")
        try terminal.send("Enter")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("■ RØD") && !$0.contains("Varde er låst") }.ok)
        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }

    @Test(arguments: ["linux", "vt100"])
    func quittingLeavesNoScreenBehind(term: String) async throws {
        let terminal = try TmuxSession(width: 80, height: 24, command: demo(try home(), environment: "env TERM=\(term)"))
        defer { terminal.close() }
        let queue = await terminal.waitFor { $0.contains("RØD") && $0.contains("tilkoblet") }
        #expect(queue.ok, "\(queue.screen)")
        try terminal.send("q")
        let after = await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }
        #expect(after.ok, "\(after.screen)")
        #expect(!after.screen.contains("RØD") && !after.screen.contains("Sone") && !after.screen.contains(","), "\(after.screen)")
    }

    @Test func withoutAUTF8LocaleOnlyASCIIIsSent() async throws {
        let terminal = try TmuxSession(width: 100, height: 30, command: demo(try home(), environment: "env LANG=C LC_ALL= LC_CTYPE="))
        defer { terminal.close() }
        let queue = await terminal.waitFor { $0.contains("# ROED") && $0.contains("tilkoblet") }
        #expect(queue.ok, "\(queue.screen)")
        #expect(queue.screen.unicodeScalars.allSatisfy { $0.isASCII }, "\(queue.screen)")
        try terminal.send("Enter")
        let trends = await terminal.waitFor(seconds: 10) { $0.contains("1 Trender") && $0.contains("siste") }
        #expect(trends.ok, "\(trends.screen)")
        #expect(trends.screen.unicodeScalars.allSatisfy { $0.isASCII }, "\(trends.screen)")
        #expect(trends.screen.contains("===") || trends.screen.contains("---"), "limit lines drawn in ASCII: \(trends.screen)")
        try terminal.send("Escape")
        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }

    @Test func aPasteOverTheLimitSaysHowManyCharactersWereLeftOut() async throws {
        let terminal = try TmuxSession(width: 100, height: 30, command: demo(try home()))
        defer { terminal.close() }
        #expect(await terminal.waitFor { $0.contains("■ RØD") && $0.contains("tilkoblet") }.ok)
        try terminal.send("Enter")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("1 Trender") }.ok)
        try terminal.send("3")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("n ny melding") }.ok)
        try terminal.send("n")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("0/1000 tegn") }.ok)
        try terminal.send("-l", String(repeating: "abcdefghij", count: 145))
        let said = await terminal.waitFor(seconds: 30) { $0.contains("1000/1000 tegn") && $0.contains("450 tegn ble ikke med") }
        #expect(said.ok, "\(said.screen)")
        try terminal.send("Escape")
        try terminal.send("Escape")
        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }

    /// Whether a screen captured with its escapes sets any colour (SGR 30–37, 38, 40–47, 48, 90–97, 100–107).
    static func hasColour(_ screen: String) -> Bool {
        screen.components(separatedBy: "\u{1b}[").dropFirst().contains { sequence in
            guard let end = sequence.firstIndex(of: "m") else { return false }
            return sequence[..<end].split(separator: ";").compactMap { Int($0) }.contains { code in
                (30...48).contains(code) && code != 39 || (90...107).contains(code)
            }
        }
    }

    @Test func aNewThemeRepaintsEveryCellAtOnce() async throws {
        // In colour whatever the test runner's environment says (NO_COLOR would drop every colour).
        let terminal = try TmuxSession(width: 100, height: 30, command: demo(try home(), environment: "env -u NO_COLOR"))
        defer { terminal.close() }
        #expect(await terminal.waitFor { $0.contains("■ RØD") && $0.contains("tilkoblet") }.ok)
        #expect(Self.hasColour(terminal.screenWithEscapes()), "the default theme draws in colour")
        try terminal.send(":")
        try terminal.send("-l", "tema monokrom")
        try terminal.send("Enter")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("tema: monokrom") }.ok)
        let repainted = terminal.screenWithEscapes()
        #expect(!Self.hasColour(repainted), "no cell keeps the old theme's colour:\n\(repainted)")
        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }
}
