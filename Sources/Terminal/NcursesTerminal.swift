import CCurses
import Foundation

/// The real terminal through ncursesw's wide-character API. Only this file imports curses.
public final class NcursesTerminal: TerminalBackend {
    private var previous: ScreenBuffer?
    private var pairs: [Int: Int16] = [:]
    private let colours: Bool
    private var active = true
    /// The terminal's locale is not UTF-8: only ASCII is sent (see `AsciiFallback`).
    public let asciiOnly: Bool
    /// The rows last sent in ASCII, to send only what changed.
    private var previousRows: [[Cell]]?

    /// Takes over the terminal: raw keys, no echo, hidden cursor; ASCII only where the locale is not UTF-8.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        asciiOnly = !AsciiFallback.speaksUTF8(environment)
        // A parent may have started us with signals blocked; ncurses needs SIGWINCH to see resizes.
        var resize = sigset_t()
        sigemptyset(&resize)
        sigaddset(&resize, SIGWINCH)
        pthread_sigmask(SIG_UNBLOCK, &resize, nil)
        varde_setlocale()
        let codeset = String(cString: setlocale(LC_CTYPE, nil)).uppercased()
        // Display widths need a UTF-8 locale (wcwidth); what is sent is ASCII when the terminal's is not.
        if !codeset.contains("UTF-8"), !codeset.contains("UTF8") { _ = setlocale(LC_CTYPE, "C.UTF-8") }
        initscr()
        raw()
        noecho()
        nonl()
        keypad(varde_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        colours = has_colors()
        if colours {
            start_color()
            use_default_colors()
        }
        signal(SIGTERM) { _ in varde_leave(); exit(143) }
        signal(SIGHUP) { _ in varde_leave(); exit(129) }
    }

    public var size: (width: Int, height: Int) {
        (Int(varde_cols()), Int(varde_lines()))
    }

    public func repaint() {
        previous = nil
        previousRows = nil
        clearok(varde_stdscr(), true)
    }

    public func draw(_ buffer: ScreenBuffer, theme: Theme) {
        let useColour = colours && theme.usesColour
        if previous?.width != buffer.width || previous?.height != buffer.height {
            repaint()
        }
        if asciiOnly {
            drawASCII(buffer, theme: theme, colour: useColour)
            return
        }
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if let previous, previous[x, y] == cell { continue }
                if cell.text.isEmpty { continue } // right half of a wide character
                var chars = cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
                let (attrs, pair) = attributes(cell.style, theme: theme, colour: useColour)
                _ = varde_put_cluster(Int32(y), Int32(x), &chars, Int32(chars.count), attrs, pair)
            }
        }
        previous = buffer
        wnoutrefresh(varde_stdscr())
        doupdate()
    }

    private func drawASCII(_ buffer: ScreenBuffer, theme: Theme, colour: Bool) {
        var rows: [[Cell]] = []
        rows.reserveCapacity(buffer.height)
        for y in 0..<buffer.height {
            let row = AsciiFallback.row((0..<buffer.width).map { buffer[$0, y] }, width: buffer.width)
            rows.append(row)
            let before = previousRows.flatMap { $0.indices.contains(y) ? $0[y] : nil }
            for (x, cell) in row.enumerated() where before?[x] != cell {
                var chars = cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
                let (attrs, pair) = attributes(cell.style, theme: theme, colour: colour)
                _ = varde_put_cluster(Int32(y), Int32(x), &chars, Int32(chars.count), attrs, pair)
            }
        }
        previous = buffer
        previousRows = rows
        wnoutrefresh(varde_stdscr())
        doupdate()
    }

    private func attributes(_ style: Style, theme: Theme, colour: Bool) -> (attr_t, Int16) {
        let look = theme.appearance(style.role)
        var attrs = varde_a_normal()
        if look.bold || style.bold { attrs |= varde_a_bold() }
        if look.underline || style.underline { attrs |= varde_a_underline() }
        if look.reverse != style.reverse { attrs |= varde_a_reverse() }
        if look.dim { attrs |= varde_a_dim() }
        guard colour, look.foreground != -1 || look.background != -1 else { return (attrs, 0) }
        return (attrs, pair(look.foreground, look.background))
    }

    private func pair(_ foreground: Int, _ background: Int) -> Int16 {
        let key = (foreground + 1) * 1000 + (background + 1)
        if let existing = pairs[key] { return existing }
        let number = Int16(pairs.count + 1)
        guard Int32(number) < varde_color_pairs() else { return 0 }
        let limit = Int(varde_colors())
        init_pair(number, Int16(foreground < limit ? foreground : foreground % 8),
                  Int16(background < limit ? background : background % 8))
        pairs[key] = number
        return number
    }

    public func readKey(timeoutMs: Int) -> Key? {
        timeout(Int32(timeoutMs))
        var code: Int32 = 0
        switch varde_read_key(&code) {
        case 1: return functionKey(code)
        case 0: return Key(characterCode: code)
        default: return nil
        }
    }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_BTAB: .backTab
        case varde_key_resize(): .resize
        case KEY_F0...(KEY_F0 + 63): .function(Int(code - KEY_F0))
        default: Self.extendedKey(code)
        }
    }

    /// Keys ncurses knows only by their terminfo name (xterm's Ctrl-arrows are kLFT5 and kRIT5).
    private static func extendedKey(_ code: Int32) -> Key? {
        guard let name = keyname(code).map({ String(cString: $0) }) else { return nil }
        switch name {
        case "kLFT5": return .controlLeft
        case "kRIT5": return .controlRight
        default: return nil
        }
    }

    public func bell() {
        guard active else { return }
        _ = beep()
    }

    /// Written after ncurses has flushed its frame, to the same output, so the terminal reads it whole.
    public func send(controlSequence: String) {
        guard active else { return }
        FileHandle.standardOutput.write(Data(controlSequence.utf8))
    }

    public func shutdown() {
        guard active else { return }
        active = false
        varde_leave()
    }
}
