import Foundation
import Testing
import TestSupport

/// The unattended screen in a real terminal: idle time covers the patient data, a key brings it back.
@Suite(.serialized)
struct PrivacyInTerminalTests {
    func home(idleLock: String) throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-lock-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try "[privacy]\nidle_lock = \"\(idleLock)\"\n".write(toFile: "\(home)/config.toml", atomically: true, encoding: .utf8)
        return home
    }

    /// The names on the queue's alert rows and the detail line ("Family, Given").
    func names(_ screen: String) -> [String] {
        screen.split(separator: "\n").compactMap { line -> String? in
            guard let comma = line.firstIndex(of: ",") else { return nil }
            let before = line[..<comma].split(separator: " ").last.map(String.init) ?? ""
            let after = line[line.index(after: comma)...].split(separator: " ").first.map(String.init) ?? ""
            return before.isEmpty || after.isEmpty ? nil : "\(before), \(after)"
        }
    }

    @Test func idleTimeHidesEveryPatientAndAKeyBringsTheQueueBack() async throws {
        let home = try home(idleLock: "10s")
        let command = "'\(vardeExecutable())' demo --home '\(home)' --patients 80 --frozen --start 2026-11-22T12:00:00Z; echo EXIT=$?; sleep 60"
        let terminal = try TmuxSession(width: 100, height: 30, command: command)
        defer { terminal.close() }
        // On a busy machine the first sync may take longer than the idle time: a key brings the queue.
        var queue = await terminal.waitFor { ($0.contains("■ RØD") && $0.contains("tilkoblet")) || $0.contains("Varde er låst") }
        for _ in 0..<10 where queue.ok && queue.screen.contains("Varde er låst") {
            try terminal.send("j")
            queue = await terminal.waitFor(seconds: 30) { $0.contains("■ RØD") && $0.contains("tilkoblet") || $0.contains("Varde er låst") }
        }
        #expect(queue.ok, "\(queue.screen)")
        let shown = names(queue.screen)
        #expect(shown.count >= 5, "\(queue.screen)")

        let locked = await terminal.waitFor(seconds: 40) { $0.contains("Varde er låst") }
        #expect(locked.ok, "\(locked.screen)")
        for name in shown { #expect(!locked.screen.contains(name), "\(name) is visible on the lock screen") }
        #expect(!locked.screen.contains("■ RØD") && !locked.screen.contains("Kommune"))
        #expect(locked.screen.contains("røde og") && locked.screen.contains("Trykk en tast"))

        try terminal.send("j")
        let back = await terminal.waitFor(seconds: 9) { $0.contains("Sone") && $0.contains("■ RØD") }
        #expect(back.ok, "\(back.screen)")
        // The queue may have filled further while it was covered: the names behind the lock are those
        // seen before it and those seen after it, and none of them was on the lock screen.
        let after = names(back.screen)
        #expect(after.count >= 5 && !Set(after).isDisjoint(with: shown), "\(back.screen)")
        for name in after { #expect(!locked.screen.contains(name), "\(name) is visible on the lock screen") }
        // On a slow machine the 10 s idle lock may cover the queue again before `q` arrives; a key on the
        // lock screen only unlocks, so `q` is pressed again once the queue is back.
        var quit = (ok: false, screen: "")
        for _ in 0..<4 where !quit.ok {
            try terminal.send("q")
            quit = await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") || $0.contains("Varde er låst") }
            if quit.ok && !quit.screen.contains("EXIT=0") {
                quit.ok = false
                try terminal.send("j")
                _ = await terminal.waitFor(seconds: 9) { $0.contains("Sone") && $0.contains("■ RØD") }
            }
        }
        #expect(quit.ok, "\(quit.screen)")
    }

    @Test func shiftLLocksAtOnceFromThePatientViewAndAKeyReturnsThere() async throws {
        let home = try home(idleLock: "10m")
        let command = "'\(vardeExecutable())' demo --home '\(home)' --patients 80 --frozen --start 2026-11-22T12:00:00Z; echo EXIT=$?; sleep 60"
        let terminal = try TmuxSession(width: 100, height: 30, command: command)
        defer { terminal.close() }
        #expect(await terminal.waitFor { $0.contains("■ RØD") && $0.contains("tilkoblet") }.ok)
        try terminal.send("Enter")
        let patient = await terminal.waitFor(seconds: 10) { $0.contains("1 Trender") }
        #expect(patient.ok, "\(patient.screen)")
        // The title ends with the clock, which may turn a minute while the screen is locked.
        func patientTitle(_ screen: String) -> String {
            let line = screen.split(separator: "\n").first.map(String.init) ?? ""
            return line.split(separator: " ").dropLast(2).joined(separator: " ")
        }
        let title = patientTitle(patient.screen)
        #expect(title.contains("år"), "\(patient.screen)")
        // Ctrl-l redraws, as in every terminal program: it does not lock.
        try terminal.send("C-l")
        try terminal.send("?")
        let help = await terminal.waitFor(seconds: 10) { $0.contains("Hjelp: taster") }
        #expect(help.ok && !help.screen.contains("Varde er låst"), "\(help.screen)")
        try terminal.send("Escape")
        #expect(await terminal.waitFor(seconds: 10) { !$0.contains("Hjelp: taster") && $0.contains("1 Trender") }.ok)
        try terminal.send("L")
        let locked = await terminal.waitFor(seconds: 10) { $0.contains("Varde er låst") }
        #expect(locked.ok, "\(locked.screen)")
        #expect(!locked.screen.contains("1 Trender"))
        try terminal.send("x")
        let back = await terminal.waitFor(seconds: 10) { $0.contains("1 Trender") }
        #expect(back.ok && patientTitle(back.screen) == title, "\(back.screen)")
        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }
}
