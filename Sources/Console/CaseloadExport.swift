import Foundation
import VardeDomain
import VardeTerminal

/// The caseload figures as a table, CSV or Markdown for the centre's leader to send on: counts of
/// 1–4 become "<5", and response times resting on fewer than five alerts are left out. Every cell is
/// made inert (`Sanitiser.inert`: nurse and municipality names come from the network) and escaped
/// for its format, so no field can break a row or a column.
public enum CaseloadExport {
    public static func render(_ report: CaseloadReport, format: String, language: Language, only: Bool = false) -> String {
        let f = Formatting(language)
        let words = CaseloadStrings.of(language)
        var header = [words.municipality.lowercased(), words.number, words.patients.replacingOccurrences(of: "%d ", with: "")]
        header += Diagnosis.allCases.map { (words.diagnoses[$0] ?? $0.rawValue).lowercased() }
        header += [words.openRed, words.openYellow, words.openRoutine, words.overdue]
        let (claim, resolve) = (words.claim.lowercased(), words.resolve.lowercased())
        for window in CaseloadWindow.allCases {
            let name = window == .today ? words.today : window.rawValue
            header += ["\(claim) \(name) median", "\(claim) \(name) p90", "\(resolve) \(name) median", "\(resolve) \(name) p90"]
        }
        header += [words.missingMeasurements, words.messagesWaiting]

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
        if !only { rows.insert(cells(report.total, name: words.total, number: ""), at: 0) }

        var nurseHeader = words.nurseColumns
        var nurseRows = report.nurses.map { [$0.nurse, String($0.claimed), String($0.resolved), String($0.openClaims),
                                             $0.fte.map(f.number) ?? ""] }
        if only { nurseHeader = []; nurseRows = [] } // a municipality's export is about its patients, not the staff

        let days = max(1, Int((report.now.timeIntervalSince(report.since) / 86_400).rounded()))
        let title = words.reportTitle.replacingOccurrences(of: "%d", with: String(days))
            .replacingOccurrences(of: "%@", with: f.dayAndTime(report.now))
        var load = ""
        if !only, let perFTE = report.patientsPerFTE {
            load = words.patients.replacingOccurrences(of: "%d", with: String(Int(perFTE.rounded()))) + " per " + words.fte + " "
                + (report.overGuideline ? words.overGuideline : words.guideline)
                    .replacingOccurrences(of: "%d", with: String(report.staffing.patientsPerFTE))
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

    /// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
    /// Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first, OWASP's list) gets a
    /// leading `'`, so a name from the network cannot become a link or a command when the leader opens it.
    static func csv(_ value: String) -> String {
        var value = Sanitiser.inert(value)
        if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
        return value.contains(where: { $0 == "," || $0 == "\"" || $0 == ";" || $0.isNewline })
            ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    /// One Markdown table cell: inert (a line break becomes a visible symbol), `\` and `|` escaped.
    static func markdownCell(_ value: String) -> String {
        Sanitiser.inert(value).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
    }

    static func markdown(_ header: [String], _ rows: [[String]]) -> String {
        let escape = markdownCell
        return "| " + header.map(escape).joined(separator: " | ") + " |\n|" + header.map { _ in "---|" }.joined() + "\n"
            + rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }.joined(separator: "\n") + "\n"
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let (header, rows) = (header.map(Sanitiser.inert), rows.map { $0.map(Sanitiser.inert) })
        let widths = header.indices.map { column in ([header] + rows).map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { index, value in
                index == 0 ? value + String(repeating: " ", count: widths[index] - DisplayWidth.of(value))
                           : String(repeating: " ", count: widths[index] - DisplayWidth.of(value)) + value
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
