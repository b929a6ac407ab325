import VardeTerminal

/// The `?` overlay: every key of the current context, then the `:` commands, from the command registry.
public enum HelpOverlay {
    public static func draw(over buffer: inout ScreenBuffer, context: CommandContext, language: Language,
                            keymap: Keymap = .standard) {
        let strings = language.strings
        let title = " \(strings.helpTitle) "
        let keyed = keymap.commands(in: context).map { ($0.keyNames.joined(separator: " / "), $0.description(language)) }
        let palette = CommandRegistry.paletteCommands(in: context)
        let typed = palette.map { (":" + ($0.usage ?? $0.verbs[0]), $0.description(language)) }
        let column = (keyed + typed).map { DisplayWidth.of($0.0) }.max().map { $0 + 2 } ?? 0
        var lines = keyed.map { DisplayWidth.fit($0.0, column) + $0.1 }
        let full = typed.map { DisplayWidth.fit($0.0, column) + $0.1 }
        let room = buffer.height - 4
        if lines.count + 1 > room {
            // Too many keys for one column at this height: two columns, each as wide as half the box.
            let half = (buffer.width - 10) / 2
            let keyColumn = (keyed.map { DisplayWidth.of($0.0) }.max() ?? 0) + 2
            lines = keyed.map { DisplayWidth.fit($0.0, keyColumn) + $0.1 }
            let rows = (lines.count + 1) / 2
            lines = (0..<rows).map { row in
                DisplayWidth.fit(lines[row], half) + "  " + (row + rows < lines.count ? DisplayWidth.fit(lines[row + rows], half) : "")
            }
        }
        if lines.count + 2 + full.count <= room {
            lines += ["", strings.helpCommands] + full
        } else if lines.count + 1 <= room {
            // The command words always show; the blank line before them only when there is room.
            let short = strings.helpCommandsShort + " " + palette.map { ":" + $0.verbs[0] }.joined(separator: " ")
            lines += (lines.count + 2 <= room ? [""] : []) + [short]
        }
        let width = min(buffer.width - 4, max(DisplayWidth.of(title), lines.map(DisplayWidth.of).max() ?? 0) + 4)
        let height = min(buffer.height - 2, lines.count + 2)
        let left = (buffer.width - width) / 2, top = (buffer.height - height) / 2
        for row in 0..<height {
            let text: String
            if row == 0 { text = "┌" + String(repeating: "─", count: width - 2) + "┐" }
            else if row == height - 1 { text = "└" + String(repeating: "─", count: width - 2) + "┘" }
            else { text = "│ " + DisplayWidth.fit(lines[row - 1], width - 4) + " │" }
            buffer.put(text, x: left, y: top + row, style: Style(.normal))
        }
        buffer.put(title, x: left + 2, y: top, style: Style(.accent))
    }
}
