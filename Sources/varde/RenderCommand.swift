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

    func run() throws {
        let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] > 0, parts[0] <= 1000, parts[1] <= 1000 else {
            throw ValidationError("--size must look like 80x24")
        }
        var clock = Date()
        if let now {
            guard let parsed = FHIRDateTime.parse(now) else { throw ValidationError("--now must be a FHIR instant") }
            clock = parsed
        }
        let home = Home(common.home)
        let settings = home.settings()
        let viewer = Viewer(operatorID: common.nurse, municipalities: settings.municipalities)
        let cache = home.openCache()
        guard ScreenRenderer.screens.contains(screen) else {
            throw ValidationError("unknown screen '\(screen)'; available: \(ScreenRenderer.screens.joined(separator: ", "))")
        }
        let buffer: ScreenBuffer
        do {
            buffer = try ScreenRenderer.render(screen, cache: cache, now: clock, width: parts[0], height: parts[1],
                                               language: language(common.lang), patientID: patient, settings: settings,
                                               viewer: viewer, workstation: workstationName())
        } catch let problem as ScreenRenderer.Problem {
            fail("\(problem)")
        } catch {
            fail("cannot read the local cache: \(error)")
        }
        print(ansi ? AnsiText.render(buffer, theme: loadTheme(theme)) : buffer.plainText, terminator: "")
    }
}
