import VardeTerminal

/// The `?` overlay: every command of the current context with its keys, from the command registry.
public enum HelpOverlay {
    public static func draw(over buffer: inout ScreenBuffer, context: CommandContext, language: Language) {
        let commands = CommandRegistry.commands(in: context)
        let title = language == .nb ? " Hjelp: taster (Esc eller ? lukker) " : " Help: keys (Esc or ? closes) "
        let lines = commands.map { command in
            DisplayWidth.fit(command.keyNames.joined(separator: " / "), 16) + command.description(language)
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
