import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// What every screen is drawn and every key is read with, held once: language, clock, theme,
/// chart glyphs, keymap, the operator and the centre's settings.
public struct ConsoleContext: Sendable {
    public var language: Language
    /// The clock as of the last event.
    public var now: Date
    public var theme: Theme
    public var glyphs: ChartGlyphs
    public var keymap: Keymap
    /// The operator at this workstation.
    public var nurse: String
    public var settings: CentreSettings
    /// Folders `:tema` loads themes from.
    public var themeFolders: [String] { didSet { themeNames = Self.themeNames(folders: themeFolders) } }
    /// The themes `:tema` can load (Tab lists them): the built-in ones and those in `themeFolders`,
    /// read once rather than on every Tab.
    public private(set) var themeNames: [String]
    /// A sync loop runs beside this console (the live console; not `varde render`).
    public var liveSync: Bool
    /// Columns and rows of the terminal.
    public var width: Int
    public var height: Int

    public init(language: Language, now: Date, theme: Theme, glyphs: ChartGlyphs = .braille, keymap: Keymap = .standard,
                nurse: String, settings: CentreSettings = CentreSettings(), themeFolders: [String] = [],
                liveSync: Bool = false, width: Int = 80, height: Int = 24) {
        self.language = language
        self.now = now
        self.theme = theme
        self.glyphs = glyphs
        self.keymap = keymap
        self.nurse = nurse
        self.settings = settings
        self.themeFolders = themeFolders
        themeNames = Self.themeNames(folders: themeFolders)
        self.liveSync = liveSync
        self.width = width
        self.height = height
    }

    /// Who looks: every read of patient data goes through the store with this (blocks, tenancy).
    public var viewer: Viewer { Viewer(operatorID: nurse, municipalities: settings.municipalities) }

    static func themeNames(folders: [String]) -> [String] {
        Array(Set(Themes.names(folders: folders) + Palette.themes)).sorted()
    }

    /// True when the terminal is at least as large as the screens need.
    var fits: Bool { width >= QueueScreen.minimumSize.width && height >= QueueScreen.minimumSize.height }
}
