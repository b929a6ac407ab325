/// Where the console draws and reads keys: the real terminal (ncursesw) or a headless grid.
public protocol TerminalBackend: AnyObject {
    /// Columns and rows available now.
    var size: (width: Int, height: Int) { get }
    /// Shows the buffer; only cells that changed since the last call are written.
    func draw(_ buffer: ScreenBuffer, theme: Theme)
    /// Forgets what the terminal is believed to show: the next `draw` clears it and writes every
    /// cell (Ctrl-l, a new theme, a screen another program scribbled over).
    func repaint()
    /// Waits up to `timeoutMs` for a key; nil when none came.
    func readKey(timeoutMs: Int) -> Key?
    /// Gives the terminal back exactly as it was.
    func shutdown()
    /// Sounds the terminal's bell (a new red alert).
    func bell()
    /// Writes a control sequence straight to the terminal (OSC 52 to copy a note to the clipboard).
    func send(controlSequence: String)
}

extension TerminalBackend {
    public func bell() {}
    public func send(controlSequence: String) {}
}
