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
    @Option(help: "From when: hours/days back (12h, 2d), a clock time (08:00), a date and time (22.11 08:00, 2026-11-22 08:00) or a FHIR instant (2026-11-22T07:00:00Z). Default: the start of the previous shift.")
    var since: String?
    @Option(help: "text or md.") var format: String = "text"
    @Option(help: "Report as of this FHIR instant instead of now.") var now: String?

    func validate() throws {
        guard ["text", "md"].contains(format) else { throw ValidationError("--format must be text or md; not '\(format)'") }
        if let now { try OptionRules.instant(now, "--now") }
        if let since, Self.start(since, now: Date(), timeZone: ServiceHours().timeZone) == nil {
            throw ValidationError("--since must be hours or days back such as 12h or 2d, a time such as 08:00, a date and time such as "
                                  + "'22.11 08:00' or 2026-11-22T07:00:00Z; not '\(since)'")
        }
    }

    /// The forms the handover view's `t` reads too (`HandoverSince`), or any other FHIR instant.
    static func start(_ text: String, now: Date, timeZone: TimeZone) -> Date? {
        HandoverSince.parse(text, now: now, timeZone: timeZone) ?? FHIRDateTime.parse(text)
    }

    func run() throws {
        let clock = now.flatMap(FHIRDateTime.parse) ?? Date()
        let home = Home(common.home)
        let settings = home.settings()
        let cache = home.openCache()
        let from = since.flatMap { Self.start($0, now: clock, timeZone: settings.serviceHours.timeZone) } ?? settings.serviceHours.previousShiftStart(before: clock)
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
