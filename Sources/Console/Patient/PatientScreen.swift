import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The patient view: a header, then the trends tab (a chart per measurement with the limits drawn
/// in) or the plan tab (goals, schedule, limits, zone actions, approval). Pure: state in, buffer out.
public enum PatientScreen {
    public static func render(_ state: PatientState, width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let f = Formatting(state.language)
        let s = PatientStrings.of(state.language)
        guard width >= QueueScreen.minimumSize.width, height >= QueueScreen.minimumSize.height else {
            buffer.put(f.strings.windowTooSmall, x: 0, y: height / 2, style: Style(.warning))
            return buffer
        }
        header(&buffer, state, f, s)
        var y = 4
        switch state.tab {
        case .trends: trends(&buffer, state, f, s, y: &y)
        case .plan: plan(&buffer, state, f, s, y: &y)
        case .messages: messages(&buffer, state, f, y: y)
        case .history: history(&buffer, state, f, s, y: y)
        }
        buffer.fill(row: height - 1, style: Style(.statusBar))
        let m = MessageStrings.of(state.language)
        let hints = state.tab == .messages ? (state.compose == nil ? m.tabHints : m.editorHints) : s.hints
        buffer.put(" \(hints) ", x: 0, y: height - 1, style: Style(.statusBar))
        return buffer
    }

    private static func header(_ buffer: inout ScreenBuffer, _ state: PatientState, _ f: Formatting, _ s: PatientStrings) {
        let p = state.record.patient
        buffer.fill(row: 0, style: Style(.header))
        let age = state.age.map { ", \($0) \(s.years)" } ?? ""
        let clock = "\(f.dayAndTime(state.now)) "
        buffer.put(DisplayWidth.fit(" \(f.strings.appName) · \(p.familyName), \(p.givenName)\(age)", buffer.width - DisplayWidth.of(clock) - 1),
                   x: 0, y: 0, style: Style(.header))
        buffer.put(clock, x: buffer.width - DisplayWidth.of(clock), y: 0, style: Style(.header))
        let municipality = state.record.municipality.map { "\($0.name) (\($0.number))" } ?? f.strings.unknownMunicipality
        let diagnoses = p.diagnoses.compactMap { s.diagnoses[$0] }.joined(separator: ", ")
        buffer.put(DisplayWidth.fit(" \(municipality) · \(diagnoses)", buffer.width), x: 0, y: 1)
        let planLine: String
        var planStyle = Style(.dim)
        if let plan = state.record.plan {
            if let approval = plan.approval {
                planLine = " \(s.approvedBy) \(approval.approvedBy) \(f.date(approval.approvedOn))"
            } else {
                planLine = " ⚠ \(s.notApproved)"
                planStyle = Style(.warning)
            }
        } else {
            planLine = " \(s.noPlan)"
        }
        buffer.put(DisplayWidth.fit(planLine, buffer.width), x: 0, y: 2, style: planStyle)
        var x = 1
        for (index, title) in s.tabs.enumerated() {
            let selected = index == state.tab.rawValue
            x += buffer.put(" \(title) ", x: x, y: 3, style: Style(selected ? .accent : .dim, reverse: selected)) + 1
        }
        if state.tab == .trends {
            let period = "\(state.periodDays) \(s.days)"
            buffer.put(period, x: buffer.width - 1 - DisplayWidth.of(period), y: 3, style: Style(.dim))
        }
    }

    /// The thread, and the editor under it while the nurse writes (with the template picker over it).
    private static func messages(_ buffer: inout ScreenBuffer, _ state: PatientState, _ f: Formatting, y: Int) {
        let bottom = buffer.height - 1
        guard let editor = state.compose else {
            MessageThread.draw(&buffer, state, top: y, bottom: bottom, f: f)
            return
        }
        let box = ComposeView.height(buffer.height)
        MessageThread.draw(&buffer, state, top: y, bottom: bottom - box, f: f)
        let m = MessageStrings.of(state.language)
        let name = Sanitiser.inert("\(state.record.patient.givenName) \(state.record.patient.familyName)")
        let title = (editor.inResponseTo == nil ? m.newMessage : m.replyTo).replacingOccurrences(of: "%@", with: name)
        ComposeView.draw(&buffer, editor, title: title, top: bottom - box, language: state.language, refusal: state.composeRefusal)
        if let templates = state.templates { TemplatePicker.draw(&buffer, templates, language: state.language, bottom: bottom - box) }
    }

    private static func trends(_ buffer: inout ScreenBuffer, _ state: PatientState, _ f: Formatting,
                               _ s: PatientStrings, y: inout Int) {
        let from = state.now.addingTimeInterval(-Double(state.periodDays) * 86_400)
        let inPeriod = state.record.measurements.filter { $0.effective >= from && $0.effective <= state.now }
        let kinds = MeasurementKind.allCases.filter { kind in inPeriod.contains { $0.kind == kind } }
        guard !kinds.isEmpty else {
            buffer.put(" \(s.noMeasurements)", x: 0, y: y + 1, style: Style(.dim))
            return
        }
        // As many charts as fit at three rows or more, each as tall as the room allows (at most eight).
        let available = buffer.height - 1 - y
        let shown = max(1, min(kinds.count, available / 5))
        let chartHeight = max(3, min(8, available / shown - 2))
        let diagnoses = state.record.patient.diagnoses
        if shown < kinds.count {
            let left = kinds.dropFirst(shown).map { f.strings.measurementName($0.rawValue) }.joined(separator: ", ")
            buffer.put(DisplayWidth.fit(" \(s.moreCharts) \(left)", buffer.width), x: 0, y: buffer.height - 2, style: Style(.dim))
        }
        for kind in kinds.prefix(shown) {
            let points = inPeriod.filter { $0.kind == kind }
            let name = f.strings.measurementName(kind.rawValue)
            buffer.put(" \(name)", x: 0, y: y, style: Style(.columnHeader))
            let summary = summary(points, f, s)
            buffer.put(summary, x: max(DisplayWidth.of(name) + 3, buffer.width - 1 - DisplayWidth.of(summary)), y: y)
            let span = state.now.timeIntervalSince(from)
            let alerts = points.map { Triage().judge($0, diagnoses: diagnoses, plan: state.record.plan)?.zone }
            let first = TrendSeries(zip(points, alerts).map { m, zone in
                TrendPoint(at: m.effective.timeIntervalSince(from) / span, value: m.value, alert: zone)
            })
            let second = TrendSeries(points.compactMap { m in
                m.secondValue.map { TrendPoint(at: m.effective.timeIntervalSince(from) / span, value: $0) }
            })
            let lines = TrendChart.render(second.points.isEmpty ? [first] : [first, second],
                                          limits: limitLines(kind, plan: state.record.plan, diagnoses: diagnoses),
                                          width: buffer.width - 2, height: chartHeight, glyphs: state.glyphs, label: f.number)
            for (row, line) in lines.enumerated() { drawChartLine(&buffer, line, x: 1, y: y + 1 + row) }
            y += chartHeight + 2
        }
    }

    /// "siste 150/90 · min 118/70 · maks 162/98 mmHg": blood pressure gives both pressures.
    static func summary(_ points: [HomeMeasurement], _ f: Formatting, _ s: PatientStrings) -> String {
        func pair(_ pick: ([Double]) -> Double?) -> String {
            let first = pick(points.map(\.value)).map(f.number) ?? ""
            let seconds = points.compactMap(\.secondValue)
            return seconds.isEmpty ? first : "\(first)/\(pick(seconds).map(f.number) ?? "")"
        }
        let last = points.last.map { m in f.number(m.value) + (m.secondValue.map { "/\(f.number($0))" } ?? "") } ?? ""
        let unit = points.first.map { f.unit($0.kind.canonicalUnit) } ?? ""
        return "\(s.last) \(last) · \(s.min) \(pair { $0.min() }) · \(s.max) \(pair { $0.max() })" + (unit.isEmpty ? "" : " \(unit)")
    }

    /// A chart line into the buffer: alert marks and limit lines in their zone's colour (their shape says it too).
    static func drawChartLine(_ buffer: inout ScreenBuffer, _ line: String, x: Int, y: Int) {
        for (offset, character) in line.enumerated() where character != " " {
            let role: Role
            switch character {
            case "■", TrendChart.redLine: role = .red
            case "▲", TrendChart.yellowLine: role = .yellow
            case "0"..."9", ",", ".", "-": role = .dim
            default: role = .accent
            }
            buffer.put(String(character), x: x + offset, y: y, style: Style(role))
        }
    }

    /// The limits to draw: the plan's (both pressures for blood pressure), or the default limits'.
    static func limitLines(_ kind: MeasurementKind, plan: SelfCarePlan?, diagnoses: [Diagnosis]) -> [LimitLine] {
        let own = [MeasurementPart.value, .diastolic].compactMap { plan?.limits(for: kind, part: $0) }
        if !own.isEmpty { return own.flatMap(\.lines) }
        return DefaultLimits.lines(for: kind, diagnoses: diagnoses)
    }

    /// Who did what with the patient's alerts, newest last: "22.11 09:14  Kari  avsluttet: …".
    private static func history(_ buffer: inout ScreenBuffer, _ state: PatientState, _ f: Formatting,
                                _ s: PatientStrings, y: Int) {
        let entries = state.record.history
        guard !entries.isEmpty else {
            buffer.put(" \(s.noHistory)", x: 0, y: y + 1, style: Style(.dim))
            return
        }
        let room = buffer.height - 1 - y
        for (row, entry) in entries.suffix(room).enumerated() {
            let parts = entry.what.split(separator: ":", maxSplits: 1).map(String.init)
            var what = s.steps[parts[0]] ?? parts[0]
            if parts.count > 1 {
                let detail = parts[1].trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1).map(String.init)
                let outcome = HandlingOutcome(rawValue: detail[0]).flatMap { HandlingOutcome.allCases.firstIndex(of: $0) }
                    .map { f.strings.outcomes[$0] } ?? detail[0]
                what += ": \(outcome)" + (detail.count > 1 ? " – \(detail[1].trimmingCharacters(in: .whitespaces))" : "")
            }
            buffer.put(DisplayWidth.fit(" \(f.dayAndTime(entry.at))  \(DisplayWidth.fit(entry.who, 14)) \(what)", buffer.width),
                       x: 0, y: y + row)
        }
    }

    private static func plan(_ buffer: inout ScreenBuffer, _ state: PatientState, _ f: Formatting,
                             _ s: PatientStrings, y: inout Int) {
        guard let plan = state.record.plan else {
            buffer.put(" \(s.noPlan)", x: 0, y: y + 1, style: Style(.dim))
            return
        }
        func line(_ text: String, _ style: Style = .normal) {
            guard y < buffer.height - 1 else { return }
            buffer.put(DisplayWidth.fit(text, buffer.width), x: 0, y: y, style: style)
            y += 1
        }
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
    }
}
