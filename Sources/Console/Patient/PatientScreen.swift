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
        case .history: history(&buffer, state, f, s, y: y)
        }
        buffer.fill(row: height - 1, style: Style(.statusBar))
        buffer.put(" \(s.hints) ", x: 0, y: height - 1, style: Style(.statusBar))
        return buffer
    }

    private static func header(_ buffer: inout ScreenBuffer, _ state: PatientState, _ f: Formatting, _ s: PatientStrings) {
        let p = state.record.patient
        buffer.fill(row: 0, style: Style(.header))
        let age = state.age.map { ", \($0) \(s.years)" } ?? ""
        buffer.put(" \(f.strings.appName) · \(p.familyName), \(p.givenName)\(age)", x: 0, y: 0, style: Style(.header))
        let clock = "\(f.dayAndTime(state.now)) "
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

    private static func trends(_ buffer: inout ScreenBuffer, _ state: PatientState, _ f: Formatting,
                               _ s: PatientStrings, y: inout Int) {
        let from = state.now.addingTimeInterval(-Double(state.periodDays) * 86_400)
        let inPeriod = state.record.measurements.filter { $0.effective >= from }
        let kinds = MeasurementKind.allCases.filter { kind in inPeriod.contains { $0.kind == kind } }
        guard !kinds.isEmpty else {
            buffer.put(" \(s.noMeasurements)", x: 0, y: y + 1, style: Style(.dim))
            return
        }
        let available = buffer.height - 1 - y
        let chartHeight = max(3, min(6, available / max(1, kinds.count) - 2))
        let chartWidth = buffer.width - 2
        for kind in kinds {
            guard y + chartHeight + 1 < buffer.height - 1 else { break }
            let points = inPeriod.filter { $0.kind == kind }
            let values = points.map(\.value)
            let name = f.strings.measurementName(kind.rawValue)
            let unit = f.unit(kind.canonicalUnit)
            let last = points.last.map { f.measurement($0) } ?? ""
            let summary = "\(s.last) \(last.dropFirst(name.count + 1)) · \(s.min) \(f.number(values.min() ?? 0)) · "
                + "\(s.max) \(f.number(values.max() ?? 0)) \(unit)"
            buffer.put(" \(name)", x: 0, y: y, style: Style(.columnHeader))
            buffer.put(summary, x: max(DisplayWidth.of(name) + 3, buffer.width - 1 - DisplayWidth.of(summary)), y: y)
            let limits = limitValues(kind, plan: state.record.plan, diagnoses: state.record.patient.diagnoses)
            let worst = points.compactMap { Triage().judge($0, diagnoses: state.record.patient.diagnoses, plan: state.record.plan)?.zone }.max() ?? .green
            let style = Style(worst == .red ? .red : worst == .yellow ? .yellow : .green)
            TrendChart.draw(into: &buffer, x: 1, y: y + 1, width: chartWidth, height: chartHeight,
                            columns: TrendChart.columns(points.map { ($0.effective, $0.value) }, from: from,
                                                        to: state.now, width: chartWidth),
                            limits: limits, style: style)
            y += chartHeight + 2
        }
    }

    /// Where green ends (the yellow limits) to draw as lines: the plan's, or the default limits'.
    static func limitValues(_ kind: MeasurementKind, plan: SelfCarePlan?, diagnoses: [Diagnosis]) -> [Double] {
        if let limits = plan?.limits(for: kind) {
            return [limits.greenLow, limits.greenHigh].compactMap { $0 }
        }
        switch kind {
        case .oxygenSaturation: return diagnoses.contains(.copd) ? [88] : [96]
        case .heartRate: return [51, 90]
        case .respiratoryRate: return [12, 20]
        case .bodyTemperature: return [36.1, 38.0]
        case .bloodPressure: return [111]
        default: return []
        }
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
        for action in plan.actions {
            let title = action.zone == .red ? "■ \(s.whenRed)" : "▲ \(s.whenYellow)"
            line(" \(title):", Style(action.zone == .red ? .red : .yellow))
            for text in action.forPatient { line("   \(s.patient): \(text)") }
            for text in action.forCentre { line("   \(s.centre): \(text)") }
        }
    }
}
