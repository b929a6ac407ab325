import VardeDomain
import VardeTerminal

/// The quick-reply templates from config.toml, numbered 1–9, over the editor.
enum TemplatePicker {
    static func draw(_ buffer: inout ScreenBuffer, _ templates: [ReplyTemplate], language: Language, bottom: Int) {
        let s = MessageStrings.of(language)
        var lines = templates.prefix(9).enumerated().map { "\($0.offset + 1)  \($0.element.name) – \($0.element.text)" }
        if lines.isEmpty { lines = [s.noTemplates] }
        let width = min(buffer.width - 4, max(DisplayWidth.of(s.templates) + 6, (lines.map(DisplayWidth.of).max() ?? 0) + 4))
        let height = lines.count + 2
        let top = max(4, bottom - height)
        buffer.put("┌" + String(repeating: "─", count: width - 2) + "┐", x: 2, y: top, style: Style(.accent))
        buffer.put(" \(s.templates) ", x: 4, y: top, style: Style(.accent))
        for (row, line) in lines.enumerated() {
            buffer.put("│ " + DisplayWidth.fit(line, width - 4) + " │", x: 2, y: top + 1 + row, style: Style(.normal))
        }
        buffer.put("└" + String(repeating: "─", count: width - 2) + "┘", x: 2, y: top + height - 1, style: Style(.accent))
    }
}
