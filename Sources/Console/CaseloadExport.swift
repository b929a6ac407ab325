import Foundation
import VardeDomain
import VardeTerminal

/// The caseload figures as a table, CSV or Markdown for the centre's leader to send on: counts of
/// 1–4 become "<5", and response times resting on fewer than five alerts are left out.
public enum CaseloadExport {
    public static func render(_ report: CaseloadReport, format: String, language: Language, only: Bool = false) -> String {
        let nb = language == .nb
        let f = Formatting(language)
        var header = [nb ? "kommune" : "municipality", nb ? "kommunenummer" : "number", nb ? "pasienter" : "patients"]
        header += Diagnosis.allCases.map { CaseloadScreen.short($0, nb).lowercased() }
        header += [nb ? "åpne røde" : "open red", nb ? "åpne gule" : "open yellow", nb ? "åpne rutine" : "open routine",
                   nb ? "forsinket" : "overdue"]
        for window in CaseloadWindow.allCases {
            header += ["\(nb ? "ta" : "claim") \(window.rawValue) median", "\(nb ? "ta" : "claim") \(window.rawValue) p90",
                       "\(nb ? "avslutt" : "resolve") \(window.rawValue) median", "\(nb ? "avslutt" : "resolve") \(window.rawValue) p90"]
        }
        header += [nb ? "manglende målinger" : "missing measurements", nb ? "meldinger venter" : "messages waiting"]

        func cells(_ row: CaseloadRow, name: String, number: String) -> [String] {
            var result = [name, number, Suppression.count(row.patients)]
            result += Diagnosis.allCases.map { Suppression.count(row.byDiagnosis[$0] ?? 0) }
            result += [row.openRed, row.openYellow, row.openRoutine, row.overdue].map(Suppression.count)
            for window in CaseloadWindow.allCases {
                for times in [row.toClaim[window], row.toResolve[window]] {
                    result.append(Suppression.time(times, \.median).map { minutes($0) } ?? "–")
                    result.append(Suppression.time(times, \.p90).map { minutes($0) } ?? "–")
                }
            }
            result.append(Suppression.share(row.missedPatients, of: row.patientsWithPlan))
            result.append(Suppression.count(row.messagesWaiting))
            return result
        }
        var rows = report.municipalities.map { cells($0, name: report.name($0.municipality), number: $0.municipality) }
        if !only { rows.insert(cells(report.total, name: nb ? "Totalt" : "Total", number: ""), at: 0) }

        var nurseHeader = [nb ? "sykepleier" : "nurse", nb ? "tatt" : "claimed", nb ? "avsluttet" : "resolved",
                           nb ? "har nå" : "holding", nb ? "årsverk" : "fte"]
        var nurseRows = report.nurses.map { [$0.nurse, String($0.claimed), String($0.resolved), String($0.openClaims),
                                             $0.fte.map(f.number) ?? ""] }
        if only { nurseHeader = []; nurseRows = [] } // a municipality's export is about its patients, not the staff

        let days = max(1, Int((report.now.timeIntervalSince(report.since) / 86_400).rounded()))
        let title = nb ? "Saksmengde siste \(days) dager til \(f.dayAndTime(report.now)) (tall under 5 vises som <5; tider i minutter innenfor åpningstiden)"
                       : "Caseload for the last \(days) days to \(f.dayAndTime(report.now)) (counts under 5 shown as <5; times in service minutes)"
        var load = ""
        if !only, let perFTE = report.patientsPerFTE {
            load = nb ? "\(Int(perFTE.rounded())) pasienter per årsverk (retningslinje \(report.staffing.patientsPerFTE))"
                      : "\(Int(perFTE.rounded())) patients per FTE (guideline \(report.staffing.patientsPerFTE))"
        }
        switch format {
        case "csv":
            var text = ([header] + rows).map { $0.map(csv).joined(separator: ",") }.joined(separator: "\n") + "\n"
            if !nurseHeader.isEmpty { text += "\n" + ([nurseHeader] + nurseRows).map { $0.map(csv).joined(separator: ",") }.joined(separator: "\n") + "\n" }
            return text
        case "md":
            var text = "## \(title)\n\n" + markdown(header, rows)
            if !load.isEmpty { text += "\n\(load)\n" }
            if !nurseHeader.isEmpty { text += "\n" + markdown(nurseHeader, nurseRows) }
            return text
        default:
            var text = title + "\n\n" + table(header, rows)
            if !load.isEmpty { text += "\n\(load)\n" }
            if !nurseHeader.isEmpty { text += "\n" + table(nurseHeader, nurseRows) }
            return text
        }
    }

    static func minutes(_ seconds: TimeInterval) -> String { String(Int((seconds / 60).rounded())) }

    static func csv(_ value: String) -> String {
        value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    static func markdown(_ header: [String], _ rows: [[String]]) -> String {
        let escape = { (text: String) in text.replacingOccurrences(of: "|", with: "\\|") }
        return "| " + header.map(escape).joined(separator: " | ") + " |\n|" + header.map { _ in "---|" }.joined() + "\n"
            + rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }.joined(separator: "\n") + "\n"
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let widths = header.indices.map { column in ([header] + rows).map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { index, value in
                index == 0 ? value + String(repeating: " ", count: widths[index] - DisplayWidth.of(value))
                           : String(repeating: " ", count: widths[index] - DisplayWidth.of(value)) + value
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
