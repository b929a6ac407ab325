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
        case .plan:
            if state.record.plan == nil { buffer.put(" \(s.noPlan)", x: 0, y: y + 1, style: Style(.dim)) }
            drawPanel(&buffer, planLines(state, f, s), offset: state.panelScroll, top: y, tab: .plan, f: f)
        case .messages: messages(&buffer, state, f, y: y)
        case .history:
            if state.record.history.isEmpty { buffer.put(" \(s.noHistory)", x: 0, y: y + 1, style: Style(.dim)) }
            drawPanel(&buffer, historyLines(state, f, s, width: width), offset: state.panelScroll, top: y, tab: .history, f: f)
        }
        buffer.fill(row: height - 1, style: Style(.statusBar))
        let m = MessageStrings.of(state.language)
        let hints = state.tab == .messages ? (state.compose == nil ? m.tabHints : m.editorHints) : state.tab == .history ? s.historyHints : s.hints
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
        var second = " \(municipality) · \(diagnoses)"
        // The patient's phone, the first next of kin and the GP, as far as the line has room.
        if let contacts = state.contacts, buffer.width - DisplayWidth.of(second) - 3 >= 12 {
            second += " · " + ContactPanel.headerLine(contacts, width: buffer.width - DisplayWidth.of(second) - 3, language: state.language)
        }
        buffer.put(DisplayWidth.fit(second, buffer.width), x: 0, y: 1)
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
        let followUp = state.record.plan.flatMap { FollowUpLine.text($0, now: state.now, language: state.language, date: f.date) }
        buffer.put(DisplayWidth.fit(planLine + (followUp.map { " · " + $0 } ?? ""), buffer.width), x: 0, y: 2, style: planStyle)
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

    /// The kinds charted in the period, the one that raised the open alert first: the chart a nurse
    /// opened the patient for is never the one left out.
    static func chartedKinds(_ state: PatientState) -> [MeasurementKind] {
        let (from, _) = period(state)
        let inPeriod = state.record.measurements.filter { $0.effective >= from && $0.effective <= state.now }
        let kinds = MeasurementKind.allCases.filter { kind in inPeriod.contains { $0.kind == kind } }
        guard let alert = state.record.openAlert else { return kinds }
        let focus = state.record.measurements.first { $0.id == alert.triggerMeasurementID }.map { [$0.kind] }
            ?? (alert.missing ?? "").split(separator: ",").compactMap { MeasurementKind(rawValue: String($0)) }
        return kinds.filter(focus.contains) + kinds.filter { !focus.contains($0) }
    }

    static func period(_ state: PatientState) -> (from: Date, to: Date) {
        (state.now.addingTimeInterval(-Double(state.periodDays) * 86_400), state.now)
    }

    /// How the trends tab lays out its charts: which are shown (scrolled to `first`) and how tall.
    struct ChartLayout {
        let first: Int, shown: Int, chartHeight: Int, hidden: Bool

        init(kinds: Int, offset: Int?, available: Int) {
            first = max(0, min(offset ?? 0, kinds - 1))
            var room = available
            var count = max(1, min(kinds - first, room / 5))
            // Charts left out are said on a line of their own, under the last chart.
            if first > 0 || first + count < kinds {
                room -= 1
                count = max(1, min(kinds - first, room / 5))
            }
            shown = count
            hidden = first > 0 || first + count < kinds
            chartHeight = max(3, min(8, room / count - 2))
        }
    }

    private static func trends(_ buffer: inout ScreenBuffer, _ state: PatientState, _ f: Formatting,
                               _ s: PatientStrings, y: inout Int) {
        let (from, _) = period(state)
        let inPeriod = state.record.measurements.filter { $0.effective >= from && $0.effective <= state.now }
        let kinds = chartedKinds(state)
        guard !kinds.isEmpty else {
            buffer.put(" \(s.noMeasurements)", x: 0, y: y + 1, style: Style(.dim))
            return
        }
        // As many charts as fit at three rows or more, each as tall as the room allows (at most eight),
        // with the dates under each; j and k scroll by chart.
        let layout = ChartLayout(kinds: kinds.count, offset: state.panelScroll, available: buffer.height - 1 - y)
        let diagnoses = state.record.patient.diagnoses
        if layout.hidden {
            let name = { (kind: MeasurementKind) in f.strings.measurementName(kind.rawValue) }
            let above = kinds.prefix(layout.first).map(name).joined(separator: ", ")
            let below = kinds.dropFirst(layout.first + layout.shown).map(name).joined(separator: ", ")
            let text = [below.isEmpty ? nil : "\(s.moreChartsBelow) \(below)", above.isEmpty ? nil : "\(s.moreChartsAbove) \(above)"]
                .compactMap { $0 }.joined(separator: "   ")
            buffer.put(DisplayWidth.fit(" \(text)", buffer.width), x: 0, y: buffer.height - 2, style: Style(.dim))
        }
        for kind in kinds.dropFirst(layout.first).prefix(layout.shown) {
            let points = inPeriod.filter { $0.kind == kind }
            let name = f.strings.measurementName(kind.rawValue)
            buffer.put(" \(name)", x: 0, y: y, style: Style(.columnHeader))
            let summary = summary(points, f, s)
            buffer.put(summary, x: max(DisplayWidth.of(name) + 3, buffer.width - 1 - DisplayWidth.of(summary)), y: y)
            let series = chartSeries(kind, points, state, from: from)
            let limits = kind == .bloodPressure ? [] : limitLines(kind, plan: state.record.plan, diagnoses: diagnoses)
            let width = buffer.width - 2
            let lines = TrendChart.render(series, limits: limits, width: width, height: layout.chartHeight,
                                          glyphs: state.glyphs, label: f.number)
            for (row, line) in lines.enumerated() { drawChartLine(&buffer, line, x: 1, y: y + 1 + row) }
            let plotWidth = TrendChart.plotWidth(series, limits: limits, width: width, label: f.number)
            let axis = TimeAxis.row(from: from, to: state.now, plotWidth: plotWidth, language: state.language)
            buffer.put(axis, x: 1, y: y + 1 + layout.chartHeight, style: Style(.dim))
            y += layout.chartHeight + 2
        }
    }

    /// The lines of one chart: blood pressure's systolic and diastolic each against their own limits
    /// (the plan's, or for systolic the default limits; NEWS2 has none for diastolic).
    static func chartSeries(_ kind: MeasurementKind, _ points: [HomeMeasurement], _ state: PatientState,
                            from: Date) -> [TrendSeries] {
        let span = state.now.timeIntervalSince(from)
        let diagnoses = state.record.patient.diagnoses
        let alerts = points.map { Triage().judge($0, diagnoses: diagnoses, plan: state.record.plan)?.zone }
        var first = TrendSeries(zip(points, alerts).map { m, zone in
            TrendPoint(at: m.effective.timeIntervalSince(from) / span, value: m.value, alert: zone)
        })
        var second = TrendSeries(points.compactMap { m in
            m.secondValue.map { TrendPoint(at: m.effective.timeIntervalSince(from) / span, value: $0) }
        })
        guard kind == .bloodPressure else { return second.points.isEmpty ? [first] : [first, second] }
        let plan = state.record.plan
        first.limits = plan?.limits(for: kind, part: .value)?.lines ?? DefaultLimits.lines(for: kind, diagnoses: diagnoses)
        first.tag = "sys"
        second.limits = plan?.limits(for: kind, part: .diastolic)?.lines ?? []
        second.tag = "dia"
        return second.points.isEmpty ? [first] : [first, second]
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
        // Runs of one colour are put at once, and each cell is told by its first scalar (comparing
        // Characters costs a Unicode comparison per cell).
        var run = "", runStart = 0, runRole = Role.accent
        func flush() {
            if !run.isEmpty { buffer.put(run, x: x + runStart, y: y, style: Style(runRole)) }
            run = ""
        }
        for (offset, character) in line.enumerated() {
            let scalar = character.unicodeScalars.first!
            guard scalar != " " else {
                flush()
                continue
            }
            let role: Role
            switch scalar {
            case "■", redLineScalar: role = .red
            case "▲", yellowLineScalar: role = .yellow
            case "0"..."9", ",", ".", "-": role = .dim
            default: role = .accent
            }
            if run.isEmpty || role != runRole {
                flush()
                (runStart, runRole) = (offset, role)
            }
            run.append(character)
        }
        flush()
    }

    private static let redLineScalar = TrendChart.redLine.unicodeScalars.first!
    private static let yellowLineScalar = TrendChart.yellowLine.unicodeScalars.first!

    /// The limits to draw: the plan's (both pressures for blood pressure), or the default limits'.
    static func limitLines(_ kind: MeasurementKind, plan: SelfCarePlan?, diagnoses: [Diagnosis]) -> [LimitLine] {
        let own = [MeasurementPart.value, .diastolic].compactMap { plan?.limits(for: kind, part: $0) }
        if !own.isEmpty { return own.flatMap(\.lines) }
        return DefaultLimits.lines(for: kind, diagnoses: diagnoses)
    }
}
