import ArgumentParser
import Foundation
import VardeConsole
import VardeDomain
import VardeService
import VardeStore

/// `varde report`: figures for export.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Figures for export.", subcommands: [CaseloadReportCommand.self, HandoverReportCommand.self])
}

/// `varde report caseload`: the caseload figures per municipality and nurse, with counts under 5
/// suppressed so that no patient in a small municipality can be recognised.
struct CaseloadReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "caseload",
                                                    abstract: "Caseload per municipality and nurse; counts under 5 shown as <5.")

    @OptionGroup var common: CommonOptions
    @Option(help: "The period: 1d, 7d, 30d (days back from now).") var since: String = "7d"
    @Option(help: "table, csv or md.") var format: String = "table"
    @Option(help: "Only this municipality (number or name); repeat for several.") var municipality: [String] = []
    @Option(help: "Report as of this FHIR instant instead of now.") var now: String?

    func validate() throws {
        guard ["table", "csv", "md"].contains(format) else { throw ValidationError("--format must be table, csv or md; not '\(format)'") }
        guard days != nil else { throw ValidationError("--since must be a number of days from 1d to 366d, such as 7d; not '\(since)'") }
        if municipality.contains(where: \.isEmpty) { throw ValidationError("--municipality must name a municipality (number or name), not be empty") }
        if let now { try OptionRules.instant(now, "--now") }
    }

    var days: Int? {
        guard since.hasSuffix("d"), let value = Int(since.dropLast()), value > 0, value <= 366 else { return nil }
        return value
    }

    func run() throws {
        let clock = now.flatMap(FHIRDateTime.parse) ?? Date()
        let home = Home(common.home)
        let settings = home.settings()
        let cache = home.openCache()
        do {
            var report = try cache.caseload(since: clock.addingTimeInterval(-Double(days ?? 7) * 86_400), now: clock,
                                            hours: settings.serviceHours, targets: settings.responseTargets,
                                            staffing: settings.staffing, municipalities: settings.municipalities)
            if !municipality.isEmpty {
                let wanted = municipality.map(QueueState.fold)
                report.municipalities = report.municipalities.filter { row in
                    wanted.contains(row.municipality) || wanted.contains(QueueState.fold(report.name(row.municipality)))
                }
                guard !report.municipalities.isEmpty else { fail("no such municipality in the cache: \(municipality.joined(separator: ", "))") }
            }
            emit(CaseloadExport.render(report, format: format, language: common.language, only: !municipality.isEmpty))
        } catch {
            fail("cannot read the local cache: \(plainReason(error))")
        }
    }
}
