import Foundation
import VardeDomain
import VardeTerminal

/// A journal note as the nurse reviews it before saving and afterwards: the composed text (which she
/// may edit), where it is on its way to the service, and the keys to save, copy and cancel.
public enum JournalNoteView {
    /// Where the note shown is: not saved yet, or its outbox status.
    public enum Delivery: Sendable, Equatable {
        case draft
        case saved(JournalNoteStatus, failure: String?)
    }

    public static func render(text: String, patientName: String, freeNote: Bool, delivery: Delivery, notice: String?,
                              scroll: Int, width: Int, height: Int, language: Language, now: Date) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let s = DayStrings.of(language)
        let title = "\(freeNote ? s.freeNoteTitle : s.noteTitle) · \(Sanitiser.inert(patientName))"
        guard DayLayout.frame(&buffer, title: title, hints: s.noteHints, language: language, now: now) else { return buffer }
        let (status, style): (String, Style) = switch delivery {
        case .draft: (s.noteDraft, Style(.dim))
        case .saved(.queued, _): (s.noteQueued, Style(.warning))
        case .saved(.delivered, _): (s.noteDelivered, Style(.green))
        case .saved(.failed, let failure): (s.noteFailed.replacingOccurrences(of: "%@", with: Sanitiser.inert(failure ?? "?")), Style(.red, bold: true))
        }
        buffer.put(DisplayWidth.fit(" \(status)", width), x: 0, y: 1, style: style)
        let inner = width - 4
        buffer.put("┌" + String(repeating: "─", count: width - 2) + "┐", x: 0, y: 2, style: Style(.accent))
        var rows: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let wrapped = TextWrap.wrap(Sanitiser.inert(String(paragraph)), width: inner)
            rows += wrapped.isEmpty ? [""] : wrapped
        }
        let room = height - 5
        let first = max(0, min(scroll, rows.count - room))
        for line in 0..<room {
            let y = 3 + line
            buffer.put("│", x: 0, y: y, style: Style(.accent))
            buffer.put("│", x: width - 1, y: y, style: Style(.accent))
            if rows.indices.contains(first + line) { buffer.put(rows[first + line], x: 2, y: y, maxWidth: inner) }
        }
        buffer.put("└" + String(repeating: "─", count: width - 2) + "┘", x: 0, y: height - 2, style: Style(.accent))
        if let notice {
            buffer.put(" \(DisplayWidth.fit(Sanitiser.inert(notice), width - 6)) ", x: 2, y: height - 2, style: Style(.accent, bold: true))
        }
        return buffer
    }
}
