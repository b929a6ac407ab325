import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The shared queue: red before yellow, longest waiting first. Pure: state and size in, buffer out.
public enum QueueScreen {
    public static let minimumSize = (width: 80, height: 24)

    /// Column widths for a terminal width: zone and waited fixed, the rest shared.
    struct Columns {
        let zone = 9, waited = 11
        let patient: Int, municipality: Int, measurement: Int

        init(width: Int) {
            let rest = width - 2 - zone - waited - 3
            patient = min(40, max(18, rest * 36 / 100))
            municipality = min(24, max(14, rest * 24 / 100))
            measurement = rest - patient - municipality
        }
    }

    public static func render(_ state: inout QueueState, width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let f = Formatting(state.language)
        if width < minimumSize.width || height < minimumSize.height {
            tooSmall(&buffer, f.strings.windowTooSmall)
            return buffer
        }
        header(&buffer, state, f)
        let columns = Columns(width: width)
        let listTop = 2
        let visible = height - listTop - 2
        state.scroll(visibleRows: visible)
        columnHeaders(&buffer, columns, f)
        if state.entries.isEmpty {
            let text = f.strings.emptyQueue
            buffer.put(text, x: max(1, (width - DisplayWidth.of(text)) / 2), y: listTop + visible / 2, style: Style(.dim))
        }
        for row in 0..<visible {
            let index = state.top + row
            guard index < state.entries.count else { break }
            drawEntry(&buffer, state.entries[index], y: listTop + row, columns: columns, now: state.now, f: f,
                      selected: index == state.selected, overdue: state.isOverdue(state.entries[index]))
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

    private static func columnHeaders(_ buffer: inout ScreenBuffer, _ c: Columns, _ f: Formatting) {
        let style = Style(.columnHeader)
        var x = 1
        for (title, width) in [(f.strings.columnZone, c.zone), (f.strings.columnPatient, c.patient),
                               (f.strings.columnMunicipality, c.municipality),
                               (f.strings.columnMeasurement, c.measurement)] {
            buffer.put(DisplayWidth.fit(title, width - 1), x: x, y: 1, style: style)
            x += width + 1
        }
        let waited = f.strings.columnWaited
        buffer.put(waited, x: buffer.width - 1 - DisplayWidth.of(waited), y: 1, style: style)
    }

    private static func drawEntry(_ buffer: inout ScreenBuffer, _ entry: QueueEntry, y: Int, columns c: Columns,
                                  now: Date, f: Formatting, selected: Bool, overdue: Bool) {
        let base = Style(.normal, reverse: selected)
        if selected { buffer.fill(row: y, style: base) }
        let role: Role = entry.zone == .red ? .red : entry.zone == .yellow ? .yellow : .accent
        let zoneStyle = Style(role, bold: true, reverse: selected)
        var x = 1
        buffer.put(DisplayWidth.fit(f.label(entry), c.zone), x: x, y: y, style: zoneStyle)
        x += c.zone + 1
        // ◆ someone has claimed it; ↑ it was escalated to this zone; ✉ the patient has written
        // something nobody here has opened.
        let marker = (entry.owner.map { _ in "◆ " } ?? "") + (entry.escalated ? "↑ " : "")
            + (entry.unreadMessages > 0 && entry.trigger != nil ? "✉ " : "")
        if entry.isBlocked {
            // No name, number, municipality or values: only that an alert waits for a colleague.
            buffer.put(DisplayWidth.fit(marker + f.strings.blockedPatient, c.patient + 1 + c.municipality + 1 + c.measurement),
                       x: x, y: y, style: Style(.dim, reverse: selected))
            let waited = f.waited(now.timeIntervalSince(entry.raisedAt))
            buffer.put(waited, x: buffer.width - 1 - DisplayWidth.of(waited), y: y, style: base)
            return
        }
        buffer.put(DisplayWidth.fit(marker + entry.patientName, c.patient), x: x, y: y, style: base)
        x += c.patient + 1
        let municipality = entry.municipality.number.isEmpty ? f.strings.unknownMunicipality : entry.municipality.name
        buffer.put(DisplayWidth.fit(municipality, c.municipality), x: x, y: y, style: base)
        x += c.municipality + 1
        buffer.put(DisplayWidth.fit(f.finding(entry), c.measurement), x: x, y: y, style: base)
        // Overdue (past the response target in service hours): marked "!" and styled, not by colour alone.
        let waited = (overdue ? "! " : "") + f.waited(now.timeIntervalSince(entry.raisedAt))
        buffer.put(waited, x: buffer.width - 1 - DisplayWidth.of(waited), y: y,
                   style: overdue ? Style(.warning, reverse: selected) : base)
    }

    private static func detailLine(_ buffer: inout ScreenBuffer, _ state: QueueState, _ f: Formatting, y: Int) {
        guard state.entries.indices.contains(state.selected) else { return }
        let entry = state.entries[state.selected]
        if entry.isBlocked {
            buffer.put(DisplayWidth.fit(" \(f.strings.blockedRefusal)", buffer.width), x: 0, y: y, style: Style(.dim))
            return
        }
        let municipality = entry.municipality.number.isEmpty
            ? f.strings.unknownMunicipality : "\(entry.municipality.name) (\(entry.municipality.number))"
        let text = " \(entry.patientName) · \(municipality) · \(f.finding(entry)) "
            + "· \(f.dayAndTime(entry.trigger?.effective ?? entry.raisedAt)) · \(f.basis(entry.basis, marks: entry.marks))"
            + (entry.owner.map { " · " + f.strings.takenBy.replacingOccurrences(of: "%@", with: $0) } ?? "")
        buffer.put(DisplayWidth.fit(text, buffer.width), x: 0, y: y, style: Style(.dim))
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
