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
        var rows: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let wrapped = TextWrap.wrap(Sanitiser.inert(String(paragraph)), width: textWidth(width))
            rows += wrapped.isEmpty ? [""] : wrapped
        }
        return render(rows: rows, cursor: nil, first: scroll, patientName: patientName, freeNote: freeNote, delivery: delivery,
                      notice: notice, hints: nil, width: width, height: height, language: language, now: now)
    }

    /// The note being edited, its cursor shown, scrolled so that the cursor's row is on screen.
    static func render(editor: ComposeEditor, patientName: String, freeNote: Bool, notice: String?, hints: String?,
                       width: Int, height: Int, language: Language, now: Date) -> ScreenBuffer {
        let laidOut = editor.rows
        let rows = laidOut.map { String(editor.characters[$0]) }
        let row = editor.cursorRow
        let under = editor.cursor < editor.characters.count && editor.characters[editor.cursor] != "\n"
            && laidOut[row].contains(editor.cursor) ? String(editor.characters[editor.cursor]) : " "
        let room = textRows(height)
        let first = max(0, min(row - room + 1, rows.count - room))
        return render(rows: rows, cursor: (row, editor.cursorColumn, under), first: first, patientName: patientName, freeNote: freeNote,
                      delivery: .draft, notice: notice, hints: hints, width: width, height: height, language: language, now: now)
    }

    /// The width the note's text is laid out at, inside its box.
    static func textWidth(_ width: Int) -> Int { width - 4 }
    /// Rows of text the box shows.
    static func textRows(_ height: Int) -> Int { max(1, height - 5) }

    static func render(rows: [String], cursor: (row: Int, column: Int, under: String)?, first scroll: Int, patientName: String,
                       freeNote: Bool, delivery: Delivery, notice: String?, hints: String?, width: Int, height: Int,
                       language: Language, now: Date) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let s = DayStrings.of(language)
        let title = "\(freeNote ? s.freeNoteTitle : s.noteTitle) · \(Sanitiser.inert(patientName))"
        guard DayLayout.frame(&buffer, title: title, hints: hints ?? s.noteHints, language: language, now: now) else { return buffer }
        let (status, style): (String, Style) = switch delivery {
        case .draft: (s.noteDraft, Style(.dim))
        case .saved(.queued, _): (s.noteQueued, Style(.warning))
        case .saved(.delivered, _): (s.noteDelivered, Style(.green))
        case .saved(.failed, let failure): (s.noteFailed.replacingOccurrences(of: "%@", with: Sanitiser.inert(failure ?? "?")), Style(.red, bold: true))
        }
        buffer.put(DisplayWidth.fit(" \(status)", width), x: 0, y: 1, style: style)
        let inner = textWidth(width)
        buffer.put("┌" + String(repeating: "─", count: width - 2) + "┐", x: 0, y: 2, style: Style(.accent))
        let room = textRows(height)
        let first = max(0, min(scroll, rows.count - room))
        for line in 0..<room {
            let y = 3 + line
            buffer.put("│", x: 0, y: y, style: Style(.accent))
            buffer.put("│", x: width - 1, y: y, style: Style(.accent))
            if rows.indices.contains(first + line) { buffer.put(Sanitiser.inert(rows[first + line]), x: 2, y: y, maxWidth: inner) }
            if let cursor, cursor.row == first + line {
                buffer.put(cursor.under, x: min(2 + cursor.column, width - 2), y: y, style: Style(.normal, reverse: true))
            }
        }
        buffer.put("└" + String(repeating: "─", count: width - 2) + "┘", x: 0, y: height - 2, style: Style(.accent))
        if rows.count > room {
            let more = " \(first + 1)–\(min(rows.count, first + room))/\(rows.count) "
            buffer.put(more, x: width - DisplayWidth.of(more) - 2, y: 2, style: Style(.accent))
        }
        if let notice {
            buffer.put(" \(DisplayWidth.fit(Sanitiser.inert(notice), width - 6)) ", x: 2, y: height - 2, style: Style(.accent, bold: true))
        }
        return buffer
    }

    /// The furthest a saved note of `text` scrolls at this size.
    static func lastScroll(_ text: String, width: Int, height: Int) -> Int {
        var count = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            count += max(1, TextWrap.wrap(String(paragraph), width: textWidth(width)).count)
        }
        return max(0, count - textRows(height))
    }
}
