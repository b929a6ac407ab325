import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// Reopening a resolved alert (`o`) or correcting its note (`e`), over the patient's history: the
/// alerts resolved today (Norwegian time) to choose from, and a line for the reason or the corrected
/// note. Enter writes the amendment through an effect (a new history step and a Task update with
/// If-Match); a correction then opens the corrected journal note for review.
struct AmendLayer: ConsoleLayer {
    var alerts: [ResolvedAlert]
    let correcting: Bool
    let patientName: String
    var selected = 0
    var text: String
    /// Why the last Enter did nothing (said in the box until the next key).
    var notice: String?
    var pending = false
    var context: CommandContext { .amend }
    var isOverlay: Bool { true }

    init(alerts: [ResolvedAlert], correcting: Bool, patientName: String) {
        self.alerts = alerts
        self.correcting = correcting
        self.patientName = patientName
        text = correcting ? alerts.first?.alert.note ?? "" : ""
    }

    var chosen: ResolvedAlert? { alerts.indices.contains(selected) ? alerts[selected] : nil }

    static let commands: [LayerCommand<AmendLayer>] = [
        LayerCommand(.nextResolved) { a, _ in a.choose(a.selected + 1); return [] },
        LayerCommand(.previousResolved) { a, _ in a.choose(a.selected - 1); return [] },
        LayerCommand(.confirmAmend, unavailable: { a, m in
            let s = NoteStrings.of(m.context.language)
            if a.pending { return s.saving }
            if a.correcting, a.text.trimmingCharacters(in: .whitespaces).isEmpty { return s.emptyCorrection }
            return nil
        }) { a, _ in
            guard let id = a.chosen?.alert.id else { return [] }
            a.pending = true
            return [.amend(alertID: id, a.correcting ? .correctNote(a.text) : .reopen(reason: a.text))]
        },
        LayerCommand(.leaveAmend) { _, m in m.closeCurrent = true; return [] },
    ]

    /// Another alert chosen; a correction starts from that alert's note.
    mutating func choose(_ index: Int) {
        let next = max(0, min(alerts.count - 1, index))
        guard next != selected else { return }
        selected = next
        if correcting { text = chosen?.alert.note ?? "" }
    }

    /// Letters go to the line; the arrows, Enter and Esc to the keymap.
    mutating func type(_ key: Key, _ model: inout ConsoleModel) -> [Effect]? {
        switch key {
        case .character(let c):
            notice = nil
            if text.count < ResolveOverlay.noteLimit { text.append(c) }
        case .backspace:
            notice = nil
            if !text.isEmpty { text.removeLast() }
        case .control("w"): text = Palette.deletingWord(text)
        case .control("u"): text = ""
        default: return nil
        }
        return []
    }

    func render(_ model: ConsoleModel, below: ScreenBuffer?) -> ScreenBuffer {
        var buffer = below ?? ScreenBuffer(width: model.context.width, height: model.context.height)
        let s = NoteStrings.of(model.context.language)
        let f = Formatting(model.context.language)
        var lines = ["\(correcting ? s.correctTitle : s.reopenTitle) · \(Sanitiser.inert(patientName))", ""]
        for (index, item) in alerts.enumerated().prefix(max(1, buffer.height - 14)) {
            let outcome = item.alert.outcome.flatMap { HandlingOutcome.allCases.firstIndex(of: $0) }
                .map { f.strings.outcomes[$0] } ?? "–"
            var line = s.resolvedLine.replacingOccurrences(of: "%1", with: f.dayAndTime(item.resolvedAt))
                .replacingOccurrences(of: "%2", with: item.resolvedBy).replacingOccurrences(of: "%3", with: outcome)
            if let note = item.alert.note, !note.isEmpty { line += " – «\(note)»" }
            lines.append((index == selected ? "▶ " : "  ") + Sanitiser.inert(line))
        }
        lines += ["", correcting ? s.correctionPrompt : s.reasonPrompt]
        let width = min(buffer.width - 4, max(60, (lines.map(DisplayWidth.of).max() ?? 0) + 4))
        lines.append(ResolveOverlay.noteLine(Sanitiser.inert(text), width: width - 4))
        lines += ["", notice.map { "⚠ " + $0 } ?? (correcting ? s.correctHints : s.reopenHints)]
        let left = (buffer.width - width) / 2, top = max(1, (buffer.height - lines.count - 2) / 2)
        buffer.put("┌" + String(repeating: "─", count: width - 2) + "┐", x: left, y: top, style: Style(.accent))
        for (i, line) in lines.enumerated() {
            let style = i == lines.count - 1 && notice != nil ? Style(.warning) : Style(.normal)
            buffer.put("│", x: left, y: top + 1 + i, style: Style(.accent))
            buffer.put(" " + DisplayWidth.fit(line, width - 4) + " ", x: left + 1, y: top + 1 + i, style: style)
            buffer.put("│", x: left + width - 1, y: top + 1 + i, style: Style(.accent))
        }
        buffer.put("└" + String(repeating: "─", count: width - 2) + "┘", x: left, y: top + 1 + lines.count, style: Style(.accent))
        return buffer
    }
}
