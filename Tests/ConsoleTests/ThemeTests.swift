import Foundation
import Testing
import VardeTerminal

struct ThemeTests {
    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes")

    @Test func theDefaultThemeFileIsTheBuiltInDefault() throws {
        let text = try String(contentsOf: Self.themes.appendingPathComponent("default.theme"), encoding: .utf8)
        #expect(text == Themes.defaultText)
        #expect(try Themes.load("default", folders: [Self.themes.path]) == Themes.default)
    }

    @Test func aBadThemeFileIsRejectedNamingTheLine() {
        let text = Themes.defaultText.replacingOccurrences(of: "red = bright-red bold", with: "red = scarlet bold")
        #expect(throws: ThemeError.self) { try Theme.parse(text, file: "mine.theme") }
        do {
            _ = try Theme.parse(text, file: "mine.theme")
        } catch {
            #expect(error.description.hasPrefix("mine.theme:9:"))
            #expect(error.description.contains("scarlet"))
        }
    }
}
