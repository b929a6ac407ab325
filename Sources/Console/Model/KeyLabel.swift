import VardeTerminal

/// A key as the operator reads it in the status line ("c", "Ctrl-l", "F2").
enum KeyLabel {
    static func of(_ key: Key) -> String {
        switch key {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "Ctrl-\(c)"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .controlLeft: "Ctrl-←"
        case .controlRight: "Ctrl-→"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .delete: "Delete"
        case .resize: "resize"
        case .function(let n): "F\(n)"
        }
    }
}
