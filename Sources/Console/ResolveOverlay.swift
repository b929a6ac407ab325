import VardeDomain
import VardeTerminal

/// Resolving an alert: first the outcome (1–7), then a short note.
public struct Resolving: Sendable, Equatable {
    public var alertID: Int64
    public var patientName: String
    public var outcome: HandlingOutcome?
    public var note = ""
    /// What resolving leaves behind that the nurse should know first (an unread message).
    public var warning: String?
}

/// The box in which a nurse picks the outcome and writes the note.
enum ResolveOverlay {
    static func draw(over buffer: inout ScreenBuffer, _ resolving: Resolving, strings: Catalogue) {
        var lines = [resolving.patientName, ""]
        if let warning = resolving.warning { lines = [resolving.patientName, "⚠ " + warning, ""] }
        if let outcome = resolving.outcome, let index = HandlingOutcome.allCases.firstIndex(of: outcome) {
            lines += ["▶ \(strings.outcomes[index])", "", strings.writeNote, "> \(resolving.note)▏"]
        } else {
            lines += [strings.chooseOutcome, ""]
            lines += strings.outcomes.enumerated().map { "\($0.offset + 1)  \($0.element)" }
        }
        let width = min(buffer.width - 4, max(50, (lines.map(DisplayWidth.of).max() ?? 0) + 4))
        let left = (buffer.width - width) / 2, top = max(1, (buffer.height - lines.count - 2) / 2)
        buffer.put("┌" + String(repeating: "─", count: width - 2) + "┐", x: left, y: top)
        for (i, line) in lines.enumerated() {
            buffer.put("│ " + DisplayWidth.fit(line, width - 4) + " │", x: left, y: top + 1 + i)
        }
        buffer.put("└" + String(repeating: "─", count: width - 2) + "┘", x: left, y: top + 1 + lines.count)
    }
}
