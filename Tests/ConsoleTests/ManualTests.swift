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

    /// Every screen the manual shows after naming its file (`Screens/NAME.txt`) is that file, exactly.
    /// `VARDE_UPDATE_MANUAL=1` pastes the golden files in (after `make screens`; then read the diff).
    @Test func everyScreenInTheManualIsItsGoldenFile() throws {
        if ProcessInfo.processInfo.environment["VARDE_UPDATE_MANUAL"] == "1" { try Self.embedScreens() }
        let manual = try String(contentsOf: Self.root.appendingPathComponent("Manual.md"), encoding: .utf8)
        var shown: [String] = []
        var rest = manual[...]
        while let name = rest.range(of: "`Screens/"), let end = rest.range(of: ".txt`", range: name.upperBound..<rest.endIndex) {
            let file = String(rest[name.upperBound..<end.lowerBound]) + ".txt"
            rest = rest[end.upperBound...]
            guard let open = rest.range(of: "```\n"), let close = rest.range(of: "```\n", range: open.upperBound..<rest.endIndex) else { break }
            let golden = try String(contentsOf: Self.root.appendingPathComponent("Screens/\(file)"), encoding: .utf8)
            #expect(String(rest[open.upperBound..<close.lowerBound]) == golden, "Manual.md's \(file) is out of date; paste Screens/\(file)")
            shown.append(file)
            rest = rest[close.upperBound...]
        }
        #expect(Set(shown).isSuperset(of: ["queue-80x24.nb.txt", "trends-80x24.nb.txt", "help-80x24.nb.txt"]), "\(shown)")
    }

    static func embedScreens() throws {
        let file = root.appendingPathComponent("Manual.md")
        let manual = try String(contentsOf: file, encoding: .utf8)
        var output = ""
        var rest = manual[...]
        while let name = rest.range(of: "`Screens/"), let end = rest.range(of: ".txt`", range: name.upperBound..<rest.endIndex),
              let open = rest.range(of: "```\n", range: end.upperBound..<rest.endIndex),
              let close = rest.range(of: "```\n", range: open.upperBound..<rest.endIndex) {
            let screen = String(rest[name.upperBound..<end.lowerBound]) + ".txt"
            output += rest[..<open.upperBound]
            output += try String(contentsOf: root.appendingPathComponent("Screens/\(screen)"), encoding: .utf8)
            rest = rest[close.lowerBound...]
        }
        output += rest
        try output.write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func everyKeyTheConsoleHandlesIsInTheManual() throws {
        let manual = try String(contentsOf: Self.root.appendingPathComponent("Manual.md"), encoding: .utf8)
        for key in ["`j`", "`k`", "`g`", "`G`", "`q`", "`Ctrl-d`", "`Ctrl-u`"] {
            #expect(manual.contains(key), "\(key) is missing from the keymap in Manual.md")
        }
    }
}
