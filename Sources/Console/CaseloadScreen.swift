import Foundation
import VardeDomain
import VardeTerminal

/// What the caseload view shows: the figures, the selected municipality, a filter and the window
/// response times are shown for.
public struct CaseloadState: Sendable {
    public var report: CaseloadReport
    public var selected = 0
    public var filter = ""
    public var editingFilter = false
    public var window: CaseloadWindow = .week
    public var language: Language

    public init(report: CaseloadReport, language: Language) {
        self.report = report
        self.language = language
    }

    /// Municipality rows that match the filter (name or number, accents ignored).
    public var rows: [CaseloadRow] {
        let needle = QueueState.fold(filter.trimmingCharacters(in: .whitespaces))
        guard !needle.isEmpty else { return report.municipalities }
        return report.municipalities.filter {
            QueueState.fold(report.name($0.municipality)).contains(needle) || $0.municipality.contains(needle)
        }
    }

    public mutating func nextWindow() {
        let all = CaseloadWindow.allCases
        window = all[((all.firstIndex(of: window) ?? 0) + 1) % all.count]
    }
}

/// The supervisor's caseload view (`o` or `:saksmengde`): per municipality and in total, then per nurse.
public enum CaseloadScreen {
    public static func render(_ state: CaseloadState, width: Int, height: Int, now: Date) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let f = Formatting(state.language)
        let words = CaseloadStrings.of(state.language)
        guard width >= QueueScreen.minimumSize.width, height >= QueueScreen.minimumSize.height else {
            buffer.put(f.strings.windowTooSmall, x: 0, y: height / 2, style: Style(.warning))
            return buffer
        }
        let report = state.report
        let days = max(1, Int((report.now.timeIntervalSince(report.since) / 86_400).rounded()))
        buffer.fill(row: 0, style: Style(.header))
        buffer.put(" \(f.strings.appName) · \(words.title) · " + words.lastDays.replacingOccurrences(of: "%d", with: String(days)),
                   x: 0, y: 0, style: Style(.header))
        let clock = "\(f.dayAndTime(now)) "
        buffer.put(clock, x: width - DisplayWidth.of(clock), y: 0, style: Style(.header))

        var load = " " + words.patients.replacingOccurrences(of: "%d", with: String(report.total.patients))
        var loadStyle = Style(.normal)
        if let perFTE = report.patientsPerFTE {
            let guideline = report.staffing.patientsPerFTE
            load += " · \(f.number(report.staffing.totalFTE)) \(words.fte) · "
                + words.perFTE.replacingOccurrences(of: "%@", with: String(Int(perFTE.rounded()))) + " "
                + (report.overGuideline ? words.overGuideline : words.guideline).replacingOccurrences(of: "%d", with: String(guideline))
            if report.overGuideline { loadStyle = Style(.warning) }
        } else {
            load += " · " + words.noFTE
        }
        buffer.put(DisplayWidth.fit(load, width), x: 0, y: 1, style: loadStyle)

        let wide = width >= 120
        let window = state.window == .today ? words.today : state.window.rawValue
        var columns: [(String, Int)] = [(words.municipality, 15), (words.patientsShort, 5)]
        if wide { columns += Diagnosis.allCases.map { (words.diagnoses[$0] ?? $0.rawValue, 5) } }
        columns += [(words.red, 5), (words.yellow, 5), (words.routine, 5), (words.late, 6),
                    ("\(words.claim) \(window) ½/90%", 15), ("\(words.resolve) ½/90%", wide ? 15 : 0),
                    (words.missing, 6), ("✉", 3)]
        columns = columns.filter { $0.1 > 0 }
        func line(_ values: [String], y: Int, style: Style) {
            var x = 1
            for (index, column) in columns.enumerated() {
                let value = index < values.count ? values[index] : ""
                let text = index == 0 ? DisplayWidth.fit(value, column.1) : String(repeating: " ", count: max(0, column.1 - DisplayWidth.of(value))) + value
                buffer.put(DisplayWidth.fit(text, column.1), x: x, y: y, style: style)
                x += column.1 + 1
            }
        }
        line(columns.map(\.0), y: 2, style: Style(.columnHeader))
        func values(_ row: CaseloadRow, name: String) -> [String] {
            var result = [name, String(row.patients)]
            if wide { result += Diagnosis.allCases.map { String(row.byDiagnosis[$0] ?? 0) } }
            result += [String(row.openRed), String(row.openYellow), String(row.openRoutine), String(row.overdue),
                       times(row.toClaim[state.window], f)]
            if wide { result.append(times(row.toResolve[state.window], f)) }
            result += [row.missingRate.map { "\(Int(($0 * 100).rounded())) %" } ?? "–", String(row.messagesWaiting)]
            return result
        }
        line(values(report.total, name: words.total), y: 3, style: Style(.accent, bold: true))

        let rows = state.rows
        let nurseRows = min(report.nurses.count, max(2, (height - 8) / 3))
        let listTop = 4, listBottom = height - 3 - nurseRows
        let visible = max(1, listBottom - listTop)
        let top = max(0, min(state.selected - visible + 1, rows.count - visible))
        for (offset, row) in rows.dropFirst(top).prefix(visible).enumerated() {
            let index = top + offset
            let selected = index == state.selected
            if selected { buffer.fill(row: listTop + offset, style: Style(.normal, reverse: true)) }
            line(values(row, name: report.name(row.municipality)), y: listTop + offset,
                 style: Style(row.overdue > 0 ? .warning : .normal, reverse: selected))
        }

        let nurseTop = listBottom
        buffer.put(DisplayWidth.fit(words.nurseHeader, width), x: 0, y: nurseTop, style: Style(.columnHeader))
        for (offset, nurse) in report.nurses.prefix(nurseRows).enumerated() {
            let text = " " + DisplayWidth.fit(nurse.nurse, 20) + pad(String(nurse.claimed), 6) + pad(String(nurse.resolved), 11)
                + pad(String(nurse.openClaims), 8) + pad(nurse.fte.map(f.number) ?? "–", 9)
            buffer.put(DisplayWidth.fit(text, width), x: 0, y: nurseTop + 1 + offset)
        }

        buffer.fill(row: height - 1, style: Style(.statusBar))
        let hint: String
        if state.editingFilter || !state.filter.isEmpty {
            hint = " /\(state.filter)\(state.editingFilter ? "▏" : "") (\(rows.count)/\(report.municipalities.count)) "
        } else {
            hint = words.hints
        }
        buffer.put(DisplayWidth.fit(hint, width), x: 0, y: height - 1, style: Style(.statusBar))
        // Where the selected municipality is in the list ("3/30"), where the keys leave room for it.
        let position = rows.isEmpty ? "" : " \(min(state.selected, rows.count - 1) + 1)/\(rows.count) "
        if DisplayWidth.of(hint) + DisplayWidth.of(position) <= width {
            buffer.put(position, x: width - DisplayWidth.of(position), y: height - 1, style: Style(.statusBar))
        }
        return buffer
    }

    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text
    }

    /// "12 min / 1 t 05 min", or "–" when no alert was claimed in the window.
    static func times(_ times: ResponseTimes?, _ f: Formatting) -> String {
        guard let times, let median = times.median, let p90 = times.p90 else { return "–" }
        return "\(short(median, f))/\(short(p90, f))"
    }

    /// A compact duration: "12m", "3t05", "2d4t" (hours in the operator's language).
    static func short(_ seconds: TimeInterval, _ f: Formatting) -> String {
        let minutes = Int(seconds / 60)
        if minutes < 60 { return "\(minutes)m" }
        if minutes < 24 * 60 { return "\(minutes / 60)\(f.strings.hour)\(String(format: "%02d", minutes % 60))" }
        return "\(minutes / 1440)\(f.strings.day)\(minutes % 1440 / 60)\(f.strings.hour)"
    }
}
