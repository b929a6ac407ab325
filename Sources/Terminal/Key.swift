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
