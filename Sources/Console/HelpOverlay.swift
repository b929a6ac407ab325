import VardeTerminal

/// The `?` overlay: every key of the current context, then the `:` commands, from the command registry.
public enum HelpOverlay {
    public static func draw(over buffer: inout ScreenBuffer, context: CommandContext, language: Language) {
        let strings = language.strings
        let title = " \(strings.helpTitle) "
        var lines = CommandRegistry.commands(in: context).map { command in
            DisplayWidth.fit(command.keyNames.joined(separator: " / "), 16) + command.description(language)
        }
        let palette = CommandRegistry.paletteCommands(in: context)
        let full = palette.map { DisplayWidth.fit(":" + ($0.usage ?? $0.verbs[0]), 20) + $0.description(language) }
        let room = buffer.height - 4
        if lines.count + 2 + full.count <= room {
            lines += ["", strings.helpCommands] + full
        } else if lines.count + 2 <= room {
            lines += ["", strings.helpCommandsShort + " " + palette.map { ":" + $0.verbs[0] }.joined(separator: " ")]
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
