import VardeDomain
import VardeTerminal

/// Resolving an alert: first the outcome (1–7), then a short note.
public struct Resolving: Sendable, Equatable {
    public init(alertID: Int64, patientName: String, outcome: HandlingOutcome? = nil, note: String = "",
                warning: String? = nil) {
        self.alertID = alertID
        self.patientName = patientName
        self.outcome = outcome
        self.note = note
        self.warning = warning
    }

    public var alertID: Int64
    public var patientName: String
    public var outcome: HandlingOutcome?
    public var note = ""
    /// What resolving leaves behind that the nurse should know first (an unread message).
    public var warning: String?
}

/// The box in which a nurse picks the outcome and writes the note.
public enum ResolveOverlay {
    /// The longest note kept (typing beyond it is refused; the counter says so).
    static let noteLimit = 500

    public static func draw(over buffer: inout ScreenBuffer, _ resolving: Resolving, strings: Catalogue) {
        var lines = [resolving.patientName, ""]
        var note: String?
        if let warning = resolving.warning { lines = [resolving.patientName, "⚠ " + warning, ""] }
        if let outcome = resolving.outcome, let index = HandlingOutcome.allCases.firstIndex(of: outcome) {
            lines += ["▶ \(strings.outcomes[index])", "", "\(strings.writeNote)  \(resolving.note.count)/\(noteLimit)"]
            note = resolving.note
        } else {
            lines += [strings.chooseOutcome, ""]
            lines += strings.outcomes.enumerated().map { "\($0.offset + 1)  \($0.element)" }
        }
        let widest = max(lines.map(DisplayWidth.of).max() ?? 0, note.map { DisplayWidth.of($0) + 3 } ?? 0)
        let width = min(buffer.width - 4, max(50, widest + 4))
        if let note { lines.append(noteLine(note, width: width - 4)) }
        let left = (buffer.width - width) / 2, top = max(1, (buffer.height - lines.count - 2) / 2)
        buffer.put("┌" + String(repeating: "─", count: width - 2) + "┐", x: left, y: top)
        for (i, line) in lines.enumerated() {
            buffer.put("│ " + DisplayWidth.fit(line, width - 4) + " │", x: left, y: top + 1 + i)
        }
        buffer.put("└" + String(repeating: "─", count: width - 2) + "┘", x: left, y: top + 1 + lines.count)
    }

    /// The note field `width` cells wide, scrolled so that its end, where the nurse types, always
    /// shows; "…" says that its start has scrolled out.
    static func noteLine(_ note: String, width: Int) -> String {
        let field = "> \(note)▏"
        guard DisplayWidth.of(field) > width else { return field }
        var tail: [Character] = ["▏"]
        var used = 1
        for character in note.reversed() {
            let cells = DisplayWidth.of(character)
            if used + cells > width - 3 { break }
            tail.insert(character, at: 0)
            used += cells
        }
        return "> …" + String(tail)
    }
}
