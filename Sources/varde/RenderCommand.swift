import ArgumentParser
import Foundation
import VardeConsole
import VardeDomain
import VardeService
import VardeTerminal

/// `varde render`: one screen drawn headless from the local cache, exactly as the console draws it.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Draw a screen from the local cache to stdout.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The screen: queue, help, lock, or for one patient: patient, trends, plan, messages, history (logged as an access).") var screen: String
    @Option(help: "The patient for patient screens (default: the first in the queue).") var patient: String?
    @Option(help: "Size as WIDTHxHEIGHT.") var size: String = "80x24"
    @Option(help: "Colour theme (used with --ansi).") var theme: String = "default"
    @Flag(help: "Colour with ANSI escape codes.") var ansi = false
    @Option(help: "Draw as if the clock showed this FHIR instant (for reproducible screens).") var now: String?

    func validate() throws {
        guard ScreenRenderer.screens.contains(screen) else {
            throw ValidationError("unknown screen '\(screen)'; the screens are: \(ScreenRenderer.screens.joined(separator: ", "))")
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
        let viewer = Viewer(operatorID: common.nurse, municipalities: settings.municipalities)
        let cache = home.openCache()
        let buffer: ScreenBuffer
        do {
            buffer = try ScreenRenderer.render(screen, cache: cache, now: clock, width: width, height: height,
                                               language: common.language, patientID: patient, settings: settings,
                                               viewer: viewer, workstation: workstationName())
        } catch let problem as ScreenRenderer.Problem {
            fail("\(problem)")
        } catch {
            fail("cannot read the local cache: \(plainReason(error))")
        }
        if ansi { emitStyled(AnsiText.render(buffer, theme: loadTheme(theme))) } else { emit(buffer.plainText) }
    }
}
