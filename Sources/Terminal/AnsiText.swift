/// Writes a screen buffer as text with ANSI colour codes (`varde render --ansi`).
public enum AnsiText {
    public static func render(_ buffer: ScreenBuffer, theme: Theme) -> String {
        var output = ""
        for y in 0..<buffer.height {
            var current: String?
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.text.isEmpty { continue }
                let code = sgr(cell.style, theme: theme)
                if code != current {
                    output += "\u{1b}[0m" + code
                    current = code
                }
                output += cell.text
            }
            output += "\u{1b}[0m\n"
        }
        return output
    }

    static func sgr(_ style: Style, theme: Theme) -> String {
        let look = theme.appearance(style.role)
        var codes: [String] = []
        if look.bold || style.bold { codes.append("1") }
        if look.dim { codes.append("2") }
        if look.underline || style.underline { codes.append("4") }
        if look.reverse != style.reverse { codes.append("7") }
        if theme.usesColour {
            if look.foreground >= 0 { codes.append("38;5;\(look.foreground)") }
            if look.background >= 0 { codes.append("48;5;\(look.background)") }
        }
        return codes.isEmpty ? "" : "\u{1b}[\(codes.joined(separator: ";"))m"
    }
}
