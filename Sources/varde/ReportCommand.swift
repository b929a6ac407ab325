import ArgumentParser
import Foundation
import VardeConsole
import VardeDomain
import VardeService
import VardeStore

/// `varde report`: figures for export.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Figures for export.", subcommands: [CaseloadReportCommand.self])
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
        guard ["table", "csv", "md"].contains(format) else { throw ValidationError("--format must be table, csv or md") }
        guard days != nil else { throw ValidationError("--since must look like 7d") }
    }

    var days: Int? {
        guard since.hasSuffix("d"), let value = Int(since.dropLast()), value > 0, value <= 366 else { return nil }
        return value
    }

    func run() throws {
        var clock = Date()
        if let now {
            guard let parsed = FHIRDateTime.parse(now) else { throw ValidationError("--now must be a FHIR instant") }
            clock = parsed
        }
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
            print(CaseloadExport.render(report, format: format, language: language(common.lang), only: !municipality.isEmpty), terminator: "")
        } catch {
            fail("cannot read the local cache: \(error)")
        }
    }
}
