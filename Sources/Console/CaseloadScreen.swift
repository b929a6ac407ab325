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
        let nb = state.language == .nb
        guard width >= QueueScreen.minimumSize.width, height >= QueueScreen.minimumSize.height else {
            buffer.put(f.strings.windowTooSmall, x: 0, y: height / 2, style: Style(.warning))
            return buffer
        }
        let report = state.report
        let days = max(1, Int((report.now.timeIntervalSince(report.since) / 86_400).rounded()))
        buffer.fill(row: 0, style: Style(.header))
        buffer.put(" \(f.strings.appName) · \(nb ? "Saksmengde" : "Caseload") · \(nb ? "siste \(days) dager" : "last \(days) days")",
                   x: 0, y: 0, style: Style(.header))
        let clock = "\(f.dayAndTime(now)) "
        buffer.put(clock, x: width - DisplayWidth.of(clock), y: 0, style: Style(.header))

        var load = nb ? " \(report.total.patients) pasienter" : " \(report.total.patients) patients"
        var loadStyle = Style(.normal)
        if let perFTE = report.patientsPerFTE {
            load += nb
                ? " · \(f.number(report.staffing.totalFTE)) årsverk · \(Int(perFTE.rounded())) per årsverk (retningslinje \(report.staffing.patientsPerFTE))"
                : " · \(f.number(report.staffing.totalFTE)) FTE · \(Int(perFTE.rounded())) per FTE (guideline \(report.staffing.patientsPerFTE))"
            if report.overGuideline {
                load += nb ? " ⚠ over retningslinjen" : " ⚠ above the guideline"
                loadStyle = Style(.warning)
            }
        } else {
            load += nb ? " · årsverk ikke satt i config.toml ([staffing.fte])" : " · FTEs not set in config.toml ([staffing.fte])"
        }
        buffer.put(DisplayWidth.fit(load, width), x: 0, y: 1, style: loadStyle)

        let wide = width >= 120
        let window = state.window.rawValue == "today" ? (nb ? "i dag" : "today") : state.window.rawValue
        var columns: [(String, Int)] = [(nb ? "Kommune" : "Municipality", 15), (nb ? "Pas." : "Pat.", 5)]
        if wide { columns += Diagnosis.allCases.map { (short($0, nb), 5) } }
        columns += [("■ \(nb ? "Rød" : "Red")", 5), ("▲ \(nb ? "Gul" : "Yel")", 5), ("○ Rut", 5), ("! \(nb ? "Fors" : "Late")", 6),
                    ("\(nb ? "Ta" : "Claim") \(window) ½/90%", 15), ("\(nb ? "Avslutt" : "Resolve") ½/90%", wide ? 15 : 0),
                    (nb ? "Mangl." : "Miss.", 6), ("✉", 3)]
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
        line(values(report.total, name: nb ? "Totalt" : "Total"), y: 3, style: Style(.accent, bold: true))

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
        let nurseHeader = nb ? " Sykepleier            Tatt  Avsluttet  Har nå  Årsverk" : " Nurse                Claimed  Resolved  Holding  FTE"
        buffer.put(DisplayWidth.fit(nurseHeader, width), x: 0, y: nurseTop, style: Style(.columnHeader))
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
            hint = nb ? " ↑↓ flytt · Enter kommunens kø · / filter · t i dag/7/30 dager · Esc tilbake "
                      : " ↑↓ move · Enter the municipality's queue · / filter · t today/7/30 days · Esc back "
        }
        buffer.put(DisplayWidth.fit(hint, width), x: 0, y: height - 1, style: Style(.statusBar))
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

    static func short(_ diagnosis: Diagnosis, _ nb: Bool) -> String {
        switch diagnosis {
        case .copd: nb ? "Kols" : "COPD"
        case .heartFailure: nb ? "HS" : "HF"
        case .diabetes: "Diab"
        case .cancer: nb ? "Kreft" : "Canc"
        case .mentalHealth: nb ? "Psyk" : "Ment"
        }
    }
}
