/// A key the operator pressed, or a terminal event.
public enum Key: Equatable, Sendable {
    case character(Character)
    case control(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    /// Ctrl-← and Ctrl-→ (a word at a time in the message editor).
    case controlLeft, controlRight
    case enter, escape, backspace, tab, backTab, delete
    case resize
    case function(Int)
}

extension Key {
    /// The key for a character as the terminal delivers it (ncurses' `get_wch` when it is not a function key):
    /// control codes become Enter, Tab, Esc, Backspace or Ctrl-letter; nil for what is no Unicode scalar.
    public init?(characterCode code: Int32) {
        switch code {
        case 27: self = .escape
        case 10, 13: self = .enter
        case 9: self = .tab
        case 8, 127: self = .backspace
        case 1...26: self = .control(Character(Unicode.Scalar(UInt8(code) + 96)))
        default:
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: code)) else { return nil }
            self = .character(Character(scalar))
        }
    }
}
