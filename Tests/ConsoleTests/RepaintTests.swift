import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// A new theme and Ctrl-l repaint every cell of the terminal, not only the cells that change later.
@Suite(.serialized)
struct RepaintTests {
    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes").path

    func run(_ keys: [Key]) throws -> HeadlessTerminal {
        let terminal = HeadlessTerminal(width: 80, height: 24, keys: keys)
        let app = ConsoleApp(cache: try CacheDatabase(), terminal: terminal, theme: Themes.default, language: .nb,
                             themeFolders: [Self.themes], nurse: "kari")
        var frames = 0
        app.run {
            frames += 1
            return terminal.pendingKeys.isEmpty && frames > 3
        }
        return terminal
    }

    @Test func switchingThemeRepaintsTheWholeScreen() throws {
        let terminal = try run([.character(":")] + "tema monokrom".map { Key.character($0) } + [.enter])
        #expect(terminal.repaints == 1)
        #expect(terminal.screen.plainText.contains("tema: monokrom"))
    }

    @Test func ctrlLRepaintsAndDoesNotLock() throws {
        let terminal = try run([.control("l")])
        #expect(terminal.repaints == 1)
        #expect(!terminal.screen.plainText.contains("Varde er låst"))
        #expect(try run([.character("L")]).screen.plainText.contains("Varde er låst"))
    }
}
