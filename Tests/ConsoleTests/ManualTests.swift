import Foundation
import Testing

/// Manual.md must show the screens as they are: its embedded renders equal the golden files.
struct ManualTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theQueueInTheManualIsTheGoldenQueue() throws {
        let manual = try String(contentsOf: Self.root.appendingPathComponent("Manual.md"), encoding: .utf8)
        let golden = try String(contentsOf: Self.root.appendingPathComponent("Screens/queue-80x24.nb.txt"), encoding: .utf8)
        #expect(manual.contains("```\n" + golden + "```\n"), "Manual.md's queue screen is out of date; paste Screens/queue-80x24.nb.txt")
    }

    @Test func everyKeyTheConsoleHandlesIsInTheManual() throws {
        let manual = try String(contentsOf: Self.root.appendingPathComponent("Manual.md"), encoding: .utf8)
        for key in ["`j`", "`k`", "`g`", "`G`", "`q`", "`Ctrl-d`", "`Ctrl-u`"] {
            #expect(manual.contains(key), "\(key) is missing from the keymap in Manual.md")
        }
    }
}
