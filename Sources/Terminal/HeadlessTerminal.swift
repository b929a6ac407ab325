/// An in-memory terminal for tests and `varde render`: keeps the last buffer, replays scripted keys.
public final class HeadlessTerminal: TerminalBackend {
    public var size: (width: Int, height: Int)
    public private(set) var screen: ScreenBuffer
    public var pendingKeys: [Key]
    public private(set) var isShutDown = false
    /// How many times the bell has sounded.
    public private(set) var bells = 0
    /// Control sequences written to the terminal, in order (OSC 52 copies among them).
    public private(set) var controlSequences: [String] = []
    /// How many full repaints were asked for.
    public private(set) var repaints = 0

    public init(width: Int, height: Int, keys: [Key] = []) {
        size = (width, height)
        screen = ScreenBuffer(width: width, height: height)
        pendingKeys = keys
    }

    public func draw(_ buffer: ScreenBuffer, theme: Theme) {
        screen = buffer
    }

    public func repaint() {
        repaints += 1
    }

    public func readKey(timeoutMs: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    public func shutdown() {
        isShutDown = true
    }

    public func bell() {
        bells += 1
    }

    public func send(controlSequence: String) {
        controlSequences.append(controlSequence)
    }
}
