import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The patient view's long panels, the plan and the history, as lines that scroll, and scrolling
/// them (and the trends tab's charts) from a key.
extension PatientScreen {
    /// Who did what with the patient's alerts, newest last: "22.11 09:14  Kari  avsluttet: …".
    static func historyLines(_ state: PatientState, _ f: Formatting, _ s: PatientStrings, width: Int) -> [(String, Style)] {
        state.record.history.map { entry in
            let parts = entry.what.split(separator: ":", maxSplits: 1).map(String.init)
            var what = s.steps[parts[0]] ?? parts[0]
            if parts.count > 1 {
                let detail = parts[1].trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1).map(String.init)
                let outcome = HandlingOutcome(rawValue: detail[0]).flatMap { HandlingOutcome.allCases.firstIndex(of: $0) }
                    .map { f.strings.outcomes[$0] } ?? detail[0]
                what += ": \(outcome)" + (detail.count > 1 ? " – \(detail[1].trimmingCharacters(in: .whitespaces))" : "")
            }
            return (DisplayWidth.fit(" \(f.dayAndTime(entry.at))  \(DisplayWidth.fit(entry.who, 14)) \(what)", width), .normal)
        }
    }

    /// The plan as lines: goals, schedule, limits, what to do at yellow and red, for the panel to scroll.
    static func planLines(_ state: PatientState, _ f: Formatting, _ s: PatientStrings) -> [(String, Style)] {
        guard let plan = state.record.plan else { return [] }
        var lines: [(String, Style)] = []
        func line(_ text: String, _ style: Style = .normal) { lines.append((text, style)) }
        line(" \(s.goals):", Style(.columnHeader))
        for goal in plan.goals { line("   «\(goal)»") }
        line(" \(s.schedule):", Style(.columnHeader))
        line("   " + plan.schedule.map { "\(f.strings.measurementName($0.kind.rawValue)) \(s.dailyBy) \(String(format: "%02d", $0.dueByHour))" }
            .joined(separator: " · "))
        line(" \(s.limits):", Style(.columnHeader))
        for limits in plan.limits {
            var name = f.strings.measurementName(limits.kind.rawValue)
            if limits.kind == .bloodPressure { name += limits.part == .diastolic ? " dia" : " sys" }
            let unitText = f.unit(limits.kind.canonicalUnit)
            if !unitText.isEmpty { name += " \(unitText)" }
            func band(_ low: Double?, _ high: Double?) -> String {
                switch (low, high) {
                case let (l?, h?): "\(f.number(l))–\(f.number(h))"
                case let (l?, nil): "≥ \(f.number(l))"
                case let (nil, h?): "≤ \(f.number(h))"
                default: "–"
                }
            }
            line("   " + DisplayWidth.fit(name, 18) + DisplayWidth.fit("● \(s.green) \(band(limits.greenLow, limits.greenHigh))", 20)
                 + DisplayWidth.fit("▲ \(s.yellow) \(band(limits.yellowLow, limits.yellowHigh))", 20) + "■ \(s.red) \(s.outside)")
        }
        // Limits the plan gives in a unit Varde cannot read: said plainly, the default limits judge instead.
        for reason in plan.invalidLimits ?? [] { line("   ⚠ \(s.invalidLimits): \(Sanitiser.inert(reason))", Style(.warning)) }
        for action in plan.actions {
            let title = action.zone == .red ? "■ \(s.whenRed)" : "▲ \(s.whenYellow)"
            line(" \(title):", Style(action.zone == .red ? .red : .yellow))
            for text in action.forPatient { line("   \(s.patient): \(text)") }
            for text in action.forCentre { line("   \(s.centre): \(text)") }
        }
        return lines
    }

    /// The lines of the tab's panel (plan, history), or nil for a tab that scrolls otherwise.
    static func panelLines(_ state: PatientState, width: Int) -> [(String, Style)]? {
        let f = Formatting(state.language)
        let s = PatientStrings.of(state.language)
        switch state.tab {
        case .plan: return planLines(state, f, s)
        case .history: return historyLines(state, f, s, width: width)
        case .trends, .messages: return nil
        }
    }

    /// Where the panel starts when the nurse has not scrolled it: the plan at its top, the history at
    /// its newest line.
    static func defaultOffset(_ tab: PatientTab) -> Int { tab == .history ? Int.max : 0 }

    /// The panel from row `top` to the row above the status line, with a line at each edge that
    /// says how much more there is and which keys show it.
    static func drawPanel(_ buffer: inout ScreenBuffer, _ lines: [(String, Style)], offset: Int?, top: Int,
                          tab: PatientTab, f: Formatting) {
        let panel = ScrolledPanel(total: lines.count, room: buffer.height - 1 - top, offset: offset ?? defaultOffset(tab))
        if panel.above > 0 {
            buffer.put(DisplayWidth.fit(" " + f.moreLines(panel.above, below: false), buffer.width), x: 0, y: top, style: Style(.dim))
        }
        for (row, index) in panel.shown.enumerated() {
            buffer.put(DisplayWidth.fit(lines[index].0, buffer.width), x: 0, y: top + panel.firstRow + row, style: lines[index].1)
        }
        if panel.below > 0 {
            buffer.put(DisplayWidth.fit(" " + f.moreLines(panel.below, below: true), buffer.width), x: 0,
                       y: buffer.height - 2, style: Style(.dim))
        }
    }

    /// The state scrolled by `step` lines (plan, history) or charts (trends), kept inside the panel.
    public static func scrolled(_ state: PatientState, by step: Int, width: Int, height: Int) -> PatientState {
        var state = state
        if let lines = panelLines(state, width: width) {
            let room = height - 1 - 4
            let current = ScrolledPanel(total: lines.count, room: room, offset: state.panelScroll ?? defaultOffset(state.tab)).offset
            state.panelScroll = ScrolledPanel(total: lines.count, room: room, offset: current + step).offset
        } else if state.tab == .messages {
            // The thread is counted back from its newest row: down is towards the newest.
            state.threadScroll = max(0, state.threadScroll - step)
        } else if state.tab == .trends {
            // Never past the offset that shows the last chart with as many others as fit above it.
            let kinds = chartedKinds(state).count
            let fit = max(1, (height - 1 - 4 - 1) / 5)
            state.panelScroll = max(0, min(kinds - fit, (state.panelScroll ?? 0) + step.signum()))
        }
        return state
    }
}
