import Foundation
import Testing
import TestSupport
import VardeDomain

/// `varde demo` driven for real in a terminal (tmux), read back from the screen.
@Suite(.serialized)
struct DemoInTerminalTests {
    static let names = MunicipalityCatalogue.all.map(\.name)

    /// Distinct municipalities on rows that show a red or yellow alert.
    func municipalitiesOnAlertRows(_ screen: String) -> Set<String> {
        var found = Set<String>()
        for line in screen.split(separator: "\n") where line.contains("■ RØD") || line.contains("▲ GUL") {
            for name in Self.names where line.contains("  \(name)  ") { found.insert(name) }
        }
        return found
    }

    /// The red and yellow counts in the header, e.g. "■ 12 rød  ▲ 30 gul".
    func openAlerts(_ screen: String) -> String? {
        guard let header = screen.split(separator: "\n").first, let start = header.range(of: "■ ") else { return nil }
        guard let end = header.range(of: " gul", range: start.upperBound..<header.endIndex) else { return nil }
        return String(header[start.lowerBound..<end.upperBound])
    }

    @Test(arguments: [(80, 24), (200, 50)])
    func theDemoShowsALivingQueueAndQuitsCleanly(width: Int, height: Int) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-e2e-\(UUID().uuidString)").path
        let command = "printf 'BEFORE-DEMO\\n'; '\(vardeExecutable())' demo --home '\(home)' --speed 3000; echo EXIT=$?; sleep 60"
        let terminal = try TmuxSession(width: width, height: height, command: command)
        defer { terminal.close() }

        // Yellow rows may all be below the fold when a slow machine lets many reds arrive first:
        // then the header's yellow count says they are there.
        func yellowShown(_ screen: String) -> Bool {
            screen.contains("▲ GUL") || (openAlerts(screen).map { !$0.contains("▲ 0 gul") } ?? false)
        }
        let shown = await terminal.waitFor {
            municipalitiesOnAlertRows($0).count >= 10 && $0.contains("■ RØD") && yellowShown($0)
        }
        #expect(shown.ok, "fewer than 10 municipalities on red/yellow rows:\n\(shown.screen)")
        #expect(shown.screen.contains("■ RØD"))
        #expect(yellowShown(shown.screen))
        #expect(shown.screen.contains("Kø"))
        #expect(!shown.screen.contains("BEFORE-DEMO"), "the console owns the whole screen")

        // New measurements keep arriving: the number of open alerts changes while we watch.
        let before = openAlerts(shown.screen)
        let changed = await terminal.waitFor(seconds: 60) { openAlerts($0) != nil && openAlerts($0) != before }
        #expect(changed.ok, "the queue did not change in 60 s:\n\(changed.screen)")

        // j moves the selection: the detail line follows it.
        let detail = { (screen: String) in screen.split(separator: "\n").dropLast().last.map(String.init) ?? "" }
        try terminal.send("g")
        let top = await terminal.waitFor(seconds: 5) { _ in true }
        try terminal.send("j", "j")
        let moved = await terminal.waitFor(seconds: 10) { detail($0) != detail(top.screen) }
        #expect(moved.ok, "j did not move the selection")

        try terminal.send("q")
        let ended = await terminal.waitFor(seconds: 20) { $0.contains("EXIT=") }
        #expect(ended.screen.contains("EXIT=0"))
        #expect(ended.screen.contains("BEFORE-DEMO"), "the terminal is given back as it was")
        #expect(!ended.screen.contains("■ RØD"))
    }

    @Test func theDemosTemporaryCacheIsRemovedWhenItsTerminalIsClosed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("varde-tmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func demoFolders() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix("varde-demo-") }
        }
        let terminal = try TmuxSession(width: 100, height: 30,
                                       command: "TMPDIR='\(folder.path)' '\(vardeExecutable())' demo --speed 3000; sleep 60")
        let shown = await terminal.waitFor { $0.contains("■ RØD") }
        #expect(shown.ok, "the demo did not show its queue:\n\(shown.screen)")
        #expect(demoFolders().count == 1, "the demo keeps its cache in a temporary folder")
        // Closing the window hangs up on the demo.
        terminal.close()
        var waited = 0
        while !demoFolders().isEmpty, waited < 100 {
            try await Task.sleep(for: .milliseconds(100))
            waited += 1
        }
        #expect(demoFolders().isEmpty, "left behind: \(demoFolders())")
    }

    @Test func resizingBelowTheMinimumAsksForALargerWindowAndComesBack() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-e2e-\(UUID().uuidString)").path
        let terminal = try TmuxSession(width: 100, height: 30,
                                       command: "'\(vardeExecutable())' demo --home '\(home)'; echo EXIT=$?; sleep 60")
        defer { terminal.close() }
        #expect(await terminal.waitFor { $0.contains("■ RØD") }.ok)
        try terminal.resize(width: 60, height: 20)
        let small = await terminal.waitFor(seconds: 10) { $0.contains("Gjør vinduet større") }
        #expect(small.ok, "\(small.screen)")
        try terminal.resize(width: 100, height: 30)
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("■ RØD") && !$0.contains("Gjør vinduet") }.ok)
        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }
}
