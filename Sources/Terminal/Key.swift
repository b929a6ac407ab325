/// A key the operator pressed, or a terminal event.
public enum Key: Equatable, Sendable {
    case character(Character)
    case control(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete
    case resize
    case function(Int)
}
