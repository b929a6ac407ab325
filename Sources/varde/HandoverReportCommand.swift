import ArgumentParser
import Foundation
import VardeConsole
import VardeDomain
import VardeService
import VardeStore

/// `varde report handover`: what happened since a time (by default the start of the operator's
/// previous shift, from the service hours in config.toml), for the nurse who takes over.
struct HandoverReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "Shift handover: new reds and yellows, resolutions, claims held, what waits.")

    @OptionGroup var common: CommonOptions
    @Option(help: "From when: a FHIR instant (2026-11-22T07:00:00Z) or hours/days back (12h, 2d). Default: the start of the previous shift.")
    var since: String?
    @Option(help: "text or md.") var format: String = "text"
    @Option(help: "Report as of this FHIR instant instead of now.") var now: String?

    func validate() throws {
        guard ["text", "md"].contains(format) else { throw ValidationError("--format must be text or md; not '\(format)'") }
        if let now { try OptionRules.instant(now, "--now") }
        if let since, Self.start(since, now: Date()) == nil {
            throw ValidationError("--since must be a FHIR instant such as 2026-11-22T07:00:00Z, or hours or days back such as 12h or 2d; not '\(since)'")
        }
    }

    /// A FHIR instant, or `NNh` / `NNd` back from `now` (up to 31 days).
    static func start(_ text: String, now: Date) -> Date? {
        if let instant = FHIRDateTime.parse(text) { return instant }
        guard let unit = text.last, "hd".contains(unit), let value = Int(text.dropLast()), value > 0 else { return nil }
        let seconds = Double(value) * (unit == "h" ? 3600 : 86_400)
        return seconds <= 31 * 86_400 ? now.addingTimeInterval(-seconds) : nil
    }

    func run() throws {
        let clock = now.flatMap(FHIRDateTime.parse) ?? Date()
        let home = Home(common.home)
        let settings = home.settings()
        let cache = home.openCache()
        let from = since.flatMap { Self.start($0, now: clock) } ?? settings.serviceHours.previousShiftStart(before: clock)
        guard from < clock else { refuseUsage("--since must be before the report's time (\(FHIRDateTime.format(clock)))") }
        do {
            let viewer = Viewer(operatorID: common.nurse, municipalities: settings.municipalities)
            let report = try cache.handover(since: from, until: clock, for: viewer)
            emit(HandoverExport.render(report, format: format, language: common.language))
        } catch {
            fail("cannot read the local cache: \(plainReason(error))")
        }
    }
}
