extension Key {
    /// A key from the name an operator writes in a configuration file: a single character (`c`,
    /// `/`), `Ctrl-x`, `Enter`, `Esc`, `Tab`, `Shift-Tab`, `Up`/`Down`/`Left`/`Right` (or arrows),
    /// `PgUp`, `PgDn`, `Home`, `End`, `Backspace`, `Delete`, `Space`, `F1`…`F12`.
    public init?(name: String) {
        let lower = name.lowercased()
        switch lower {
        case "enter", "return": self = .enter
        case "esc", "escape": self = .escape
        case "tab": self = .tab
        case "shift-tab", "backtab": self = .backTab
        case "up", "↑": self = .up
        case "down", "↓": self = .down
        case "left", "←": self = .left
        case "right", "→": self = .right
        case "ctrl-left", "ctrl-←": self = .controlLeft
        case "ctrl-right", "ctrl-→": self = .controlRight
        case "pgup", "pageup": self = .pageUp
        case "pgdn", "pagedown": self = .pageDown
        case "home": self = .home
        case "end": self = .end
        case "backspace": self = .backspace
        case "delete", "del": self = .delete
        case "space": self = .character(" ")
        default:
            if name.count == 1, let character = name.first, !character.isWhitespace, character.asciiValue.map({ $0 >= 32 && $0 < 127 }) ?? true {
                self = .character(character)
            } else if lower.hasPrefix("ctrl-"), name.count == 6, let letter = lower.last, letter.isLetter, letter.isASCII {
                self = .control(letter)
            } else if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...12).contains(number) {
                self = .function(number)
            } else {
                return nil
            }
        }
    }
}
