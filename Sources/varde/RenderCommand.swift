import ArgumentParser
import Foundation
import VardeConsole
import VardeDomain
import VardeService
import VardeTerminal

/// `varde render`: one screen drawn headless from the local cache by the console's own model,
/// reached by its steps and then by `--keys`, exactly as the console draws it.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Draw a screen from the local cache to stdout.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The screen: queue, help, lock, quarantine, caseload, or for one patient: patient, trends, plan, messages, compose, history (logged as an access).") var screen: String
    @Option(help: "The patient for patient screens (default: the first in the queue).") var patient: String?
    @Option(help: "Size as WIDTHxHEIGHT.") var size: String = "80x24"
    @Option(help: "Colour theme (used with --ansi).") var theme: String = "default"
    @Flag(help: "Colour with ANSI escape codes.") var ansi = false
    @Option(help: "Draw as if the clock showed this FHIR instant (for reproducible screens).") var now: String?
    @Option(help: "Keys pressed after the screen is reached, separated by spaces, as the console takes them (e.g. \"j j enter 2\"; a word that is no key name is typed: \":sone rød\" is \":sone space rød\").")
    var keys: String = ""

    func validate() throws {
        guard ConsoleScript.screens.contains(screen) else {
            throw ValidationError("unknown screen '\(screen)'; the screens are: \(ConsoleScript.screens.joined(separator: ", "))")
        }
        _ = try OptionRules.size(size)
        if let patient { try OptionRules.resourceID(patient, "--patient") }
        try OptionRules.theme(theme)
        if let now { try OptionRules.instant(now, "--now") }
    }

    func run() throws {
        let (width, height) = try OptionRules.size(size)
        let clock = now.flatMap(FHIRDateTime.parse) ?? Date()
        let home = Home(common.home)
        let settings = home.settings()
        let cache = home.openCache()
        let context = ConsoleContext(language: common.language, now: clock, theme: loadTheme(theme),
                                     keymap: keymap(settings, home: home), nurse: common.nurse, settings: settings,
                                     themeFolders: Themes.folders(), width: width, height: height)
        let buffer: ScreenBuffer
        do {
            buffer = try ConsoleScript.render(screen, cache: cache, context: context, patientID: patient,
                                              keys: ConsoleScript.keys(keys), workstation: workstationName())
        } catch let problem as ConsoleScript.Problem {
            fail("\(problem)")
        } catch {
            fail("cannot read the local cache: \(plainReason(error))")
        }
        if ansi { emitStyled(AnsiText.render(buffer, theme: loadTheme(theme))) } else { emit(buffer.plainText) }
    }
}
