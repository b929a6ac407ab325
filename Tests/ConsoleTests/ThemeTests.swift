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

struct ShippedThemesTests {
    @Test(arguments: ["default", "hoykontrast", "fargeblind", "monokrom"])
    func everyShippedThemeLoads(name: String) throws {
        let theme = try Themes.load(name, folders: [ThemeTests.themes.path])
        #expect(theme.name == name)
        #expect(Role.allCases.allSatisfy { theme.appearances[$0] != nil })
    }

    @Test func monochromeUsesNoColourAndTheColourBlindThemeAvoidsRedAndGreen() throws {
        #expect(try Themes.load("monokrom", folders: [ThemeTests.themes.path]).usesColour == false)
        let safe = try Themes.load("fargeblind", folders: [ThemeTests.themes.path])
        let redGreen: Set<Int> = [1, 2, 9, 10]
        #expect(!redGreen.contains(safe.appearance(.red).foreground))
        #expect(!redGreen.contains(safe.appearance(.green).foreground))
    }
}
