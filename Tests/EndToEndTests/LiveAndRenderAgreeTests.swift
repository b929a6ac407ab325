import Foundation
import Testing
import TestSupport

/// `varde render` draws through the console's own model: the same keys give the same screen in a
/// real terminal and in a render of the same cache.
@Suite(.serialized)
struct LiveAndRenderAgreeTests {
    let varde = vardeExecutable()

    /// The screen with its clock readings masked: the two run a few seconds apart.
    static func masked(_ screen: String) -> [String] {
        let time = try! Regex(#"\d{1,2}:\d{2}"#)
        return screen.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0).replacing(time, with: "hh:mm").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    @Test func theSameKeysDrawTheSameScreenLiveAndRendered() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-agree-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let started = Date()
        let command = "'\(varde)' demo --home '\(home)' --patients 40 --frozen --start \(fixedStartInstant); echo EXIT=$?; sleep 60"
        let terminal = try TmuxSession(width: 100, height: 30, command: command)
        defer { terminal.close() }
        let queue = await terminal.waitFor { $0.contains("■ RØD") && $0.contains("tilkoblet") }
        #expect(queue.ok, "\(queue.screen)")

        // The same script in both: the third row's patient, the plan tab.
        let script = ["j", "j", "Enter", "2"]
        for key in script {
            try terminal.send(key)
            try await Task.sleep(nanoseconds: 300_000_000)
        }
        let live = await terminal.waitFor(seconds: 20) { $0.contains("2 Plan") && ($0.contains("Grenseverdier") || $0.contains("ingen plan")) }
        #expect(live.ok, "\(live.screen)")
        let now = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_795_348_800 + Date().timeIntervalSince(started)))
        let rendered = try runCommand(varde, ["render", "queue", "--home", home, "--size", "100x30", "--now", now,
                                              "--keys", script.joined(separator: " ")])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let liveLines = Self.masked(live.screen), renderedLines = Self.masked(rendered.stdout)
        #expect(renderedLines.count >= 30 && renderedLines.contains { $0.contains("2 Plan") }, "\(rendered.stdout)")
        for (index, line) in liveLines.enumerated() where index < renderedLines.count {
            #expect(line == renderedLines[index], "line \(index) differs:\nlive:   \(line)\nrender: \(renderedLines[index])")
        }

        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }
}
