import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The shared queue: red before yellow, longest waiting first. Pure: state and size in, buffer out.
public enum QueueScreen {
    public static let minimumSize = (width: 80, height: 24)

    public static func render(_ state: inout QueueState, width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let f = Formatting(state.language)
        if width < minimumSize.width || height < minimumSize.height {
            tooSmall(&buffer, f.strings.windowTooSmall)
            return buffer
        }
        header(&buffer, state, f)
        let listTop = 2
        let visible = height - listTop - 2
        state.scroll(visibleRows: visible)
        let columns = QueueColumns(width: width)
        columnHeaders(&buffer, columns, f)
        if state.count == 0 {
            let text = f.strings.emptyQueue
            buffer.put(text, x: max(1, (width - DisplayWidth.of(text)) / 2), y: listTop + visible / 2, style: Style(.dim))
        }
        for row in 0..<visible {
            let index = state.top + row
            guard index < state.count else { break }
            // A row not read yet (the read for a long jump is under way) stays blank for that frame.
            guard let entry = state.row(at: index) else { continue }
            drawEntry(&buffer, entry, y: listTop + row, columns: columns, now: state.now, f: f,
                      selected: index == state.selected, overdue: state.isOverdue(entry))
        }
        detailLine(&buffer, state, f, y: height - 2)
        StatusBar.draw(&buffer, state: state, f: f, y: height - 1)
        return buffer
    }

    private static func header(_ buffer: inout ScreenBuffer, _ state: QueueState, _ f: Formatting) {
        // Stale data is never quiet: the title gives way to what is wrong, in the red style.
        let stale = DataFreshness.notices(state.staleness, now: state.now, language: state.language)
        let style = stale.isEmpty ? Style(.header) : Style(.banner, bold: true)
        buffer.fill(row: 0, style: style)
        let counts = state.counts
        let overdue = state.overdueCount
        let right = "■ \(counts.red) \(f.strings.red.lowercased())  ▲ \(counts.yellow) \(f.strings.yellow.lowercased())"
            + (overdue > 0 ? "  ! \(overdue) \(f.strings.overdue)" : "")
            + "   \(f.dayAndTime(state.now)) "
        let room = buffer.width - DisplayWidth.of(right) - 1
        let title = "\(f.strings.appName) · \(f.strings.queueTitle)"
        // The title too where it fits, else the notice alone, shortened as far as needed.
        let candidates = stale.isEmpty ? [title] : stale.flatMap { ["\(title)  ⚠ \($0)", "⚠ \($0)"] }
        let left = candidates.first { DisplayWidth.of($0) + 1 <= room } ?? DisplayWidth.fit(candidates[candidates.count - 1], room - 1)
        buffer.put(" " + left, x: 0, y: 0, style: style)
        buffer.put(right, x: buffer.width - DisplayWidth.of(right), y: 0, style: style)
    }

    private static func columnHeaders(_ buffer: inout ScreenBuffer, _ c: QueueColumns, _ f: Formatting) {
        let style = Style(.columnHeader)
        for kind in c.shown {
            guard let span = c[kind] else { continue }
            buffer.put(DisplayWidth.fit(title(kind, f), span.width - 1), x: span.x, y: 1, style: style)
        }
        let waited = f.strings.columnWaited
        buffer.put(waited, x: buffer.width - 1 - DisplayWidth.of(waited), y: 1, style: style)
    }

    static func title(_ kind: QueueColumns.Kind, _ f: Formatting) -> String {
        switch kind {
        case .zone: f.strings.columnZone
        case .patient: f.strings.columnPatient
        case .age: f.strings.columnAge
        case .municipality: f.strings.columnMunicipality
        case .diagnosis: f.strings.columnDiagnosis
        case .measurement: f.strings.columnMeasurement
        case .measured: f.strings.columnMeasured
        case .owner: f.strings.columnOwner
        }
    }

    private static func drawEntry(_ buffer: inout ScreenBuffer, _ entry: QueueEntry, y: Int, columns c: QueueColumns,
                                  now: Date, f: Formatting, selected: Bool, overdue: Bool) {
        let base = Style(.normal, reverse: selected)
        if selected { buffer.fill(row: y, style: base) }
        let role: Role = entry.zone == .red ? .red : entry.zone == .yellow ? .yellow : .accent
        let zoneStyle = Style(role, bold: true, reverse: selected)
        if let zone = c[.zone] { buffer.put(DisplayWidth.fit(f.label(entry), zone.width), x: zone.x, y: y, style: zoneStyle) }
        // ◆ someone has claimed it; ↑ it was escalated to this zone; ✉ the patient has written
        // something nobody here has opened.
        let marker = (entry.owner.map { _ in "◆ " } ?? "") + (entry.escalated ? "↑ " : "")
            + (entry.unreadMessages > 0 && entry.trigger != nil ? "✉ " : "")
        // Overdue (past the response target in service hours): marked "!" and styled, not by colour alone.
        let waited = (overdue ? "! " : "") + f.waited(now.timeIntervalSince(entry.raisedAt))
        let waitedStyle = overdue ? Style(.warning, reverse: selected) : base
        if entry.isBlocked, let patient = c[.patient] {
            // No name, number, municipality or values: only that an alert waits for a colleague (and who has it).
            let end = buffer.width - 1 - DisplayWidth.of(waited) - 1
            buffer.put(DisplayWidth.fit(marker + f.strings.blockedPatient, min(end - patient.x, 60)), x: patient.x, y: y,
                       style: Style(.dim, reverse: selected))
            if let owner = c[.owner] { buffer.put(DisplayWidth.fit(entry.owner ?? "", owner.width), x: owner.x, y: y, style: base) }
            buffer.put(waited, x: buffer.width - 1 - DisplayWidth.of(waited), y: y, style: waitedStyle)
            return
        }
        for kind in c.shown where kind != .zone {
            guard let span = c[kind] else { continue }
            let text: String
            switch kind {
            case .zone: continue
            case .patient: text = marker + entry.patientName
            case .age: text = entry.birthDate.flatMap { NorwegianTime.age(born: $0, at: now) }.map { "\($0) \(PatientStrings.of(f.language).years)" } ?? ""
            case .municipality: text = entry.municipality.number.isEmpty ? f.strings.unknownMunicipality : entry.municipality.name
            case .diagnosis: text = entry.diagnoses.compactMap { PatientStrings.of(f.language).diagnoses[$0] }.joined(separator: ", ")
            case .measurement: text = f.finding(entry)
            case .measured: text = entry.trigger.map { f.dayAndTime($0.effective) } ?? ""
            case .owner: text = entry.owner ?? ""
            }
            // A long wait takes room from the columns before it on its row: never drawn over them.
            let room = min(span.width, buffer.width - 1 - DisplayWidth.of(waited) - 1 - span.x)
            if room > 0 { buffer.put(DisplayWidth.fit(text, room), x: span.x, y: y, style: base) }
        }
        buffer.put(waited, x: buffer.width - 1 - DisplayWidth.of(waited), y: y, style: waitedStyle)
    }

    private static func detailLine(_ buffer: inout ScreenBuffer, _ state: QueueState, _ f: Formatting, y: Int) {
        guard let entry = state.selectedEntry else { return }
        // Where the selected row is in the list: "12/131".
        let position = " \(state.selected + 1)/\(state.count) "
        let room = buffer.width - DisplayWidth.of(position)
        buffer.put(position, x: room, y: y, style: Style(.dim))
        if entry.isBlocked {
            buffer.put(DisplayWidth.fit(" \(f.strings.blockedRefusal)", room), x: 0, y: y, style: Style(.dim))
            return
        }
        let municipality = entry.municipality.number.isEmpty
            ? f.strings.unknownMunicipality : "\(entry.municipality.name) (\(entry.municipality.number))"
        let text = " \(entry.patientName) · \(municipality) · \(f.finding(entry)) "
            + "· \(f.dayAndTime(entry.trigger?.effective ?? entry.raisedAt)) · \(f.basis(entry.basis, marks: entry.marks))"
            + (entry.owner.map { " · " + f.strings.takenBy.replacingOccurrences(of: "%@", with: $0) } ?? "")
        buffer.put(DisplayWidth.fit(text, room), x: 0, y: y, style: Style(.dim))
    }

    private static func tooSmall(_ buffer: inout ScreenBuffer, _ message: String) {
        var words = message.split(separator: " ").map(String.init)
        var lines: [String] = []
        let width = max(1, buffer.width - 2)
        while !words.isEmpty {
            var line = words.removeFirst()
            while let next = words.first, DisplayWidth.of(line) + 1 + DisplayWidth.of(next) <= width {
                line += " " + words.removeFirst()
            }
            lines.append(line)
        }
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            buffer.put(line, x: max(0, (buffer.width - DisplayWidth.of(line)) / 2), y: top + i, style: Style(.warning))
        }
    }
}
