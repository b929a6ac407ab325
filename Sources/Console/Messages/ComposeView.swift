import VardeDomain
import VardeTerminal

/// The editor box at the bottom of the messages tab: title, the text with its cursor, the
/// character count against the limit, and what the keys do.
enum ComposeView {
    /// Rows of text the editor shows at a window height.
    static func textRows(height: Int) -> Int { max(3, min(10, height / 3)) }

    /// Draws the editor from row `top` to the row above the status line; the text is laid out at
    /// `editor.width`, so keep that equal to `textWidth(buffer.width)`.
    static func draw(_ buffer: inout ScreenBuffer, _ editor: ComposeEditor, title: String, top: Int, language: Language,
                     refusal: String?) {
        let s = MessageStrings.of(language)
        let width = buffer.width
        let rows = textRows(height: buffer.height)
        buffer.put("┌" + String(repeating: "─", count: width - 2) + "┐", x: 0, y: top, style: Style(.accent))
        buffer.put(" \(DisplayWidth.fit(title, width - 6)) ", x: 2, y: top, style: Style(.accent, bold: true))
        let laidOut = editor.rows
        let cursorRow = editor.cursorRow
        let first = max(0, min(cursorRow - rows + 1, laidOut.count - rows))
        for line in 0..<rows {
            let y = top + 1 + line
            buffer.put("│", x: 0, y: y, style: Style(.accent))
            buffer.put("│", x: width - 1, y: y, style: Style(.accent))
            let index = first + line
            guard laidOut.indices.contains(index) else { continue }
            let text = String(editor.characters[laidOut[index]])
            buffer.put(text, x: 2, y: y, maxWidth: width - 4)
            if index == cursorRow {
                let x = 2 + editor.cursorColumn
                let under = editor.cursor < editor.characters.count && editor.characters[editor.cursor] != "\n"
                    && laidOut[index].contains(editor.cursor) ? String(editor.characters[editor.cursor]) : " "
                buffer.put(under, x: min(x, width - 2), y: y, style: Style(.normal, reverse: true))
            }
        }
        let bottom = top + rows + 1
        let counter = s.counter.replacingOccurrences(of: "%d/%d", with: "\(editor.count)/\(MessageText.maximumLength)")
        buffer.put("└" + String(repeating: "─", count: width - 2) + "┘", x: 0, y: bottom, style: Style(.accent))
        let nearLimit = editor.remaining < 50
        buffer.put(" \(counter) ", x: width - DisplayWidth.of(counter) - 4, y: bottom,
                   style: Style(nearLimit ? .warning : .accent))
        if let refusal {
            buffer.put(" \(DisplayWidth.fit(refusal, width - DisplayWidth.of(counter) - 10)) ", x: 2, y: bottom,
                       style: Style(.warning))
        }
    }

    /// The width the editor lays its text out at, inside the box.
    static func textWidth(_ width: Int) -> Int { width - 5 }

    /// Rows the whole box takes (border, text rows, border).
    static func height(_ screenHeight: Int) -> Int { textRows(height: screenHeight) + 2 }
}
