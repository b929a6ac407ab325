import Foundation

/// A real terminal for end-to-end tests: a tmux session on its own server socket, driven by
/// send-keys and read by capture-pane, exactly what an operator would see.
public final class TmuxSession: @unchecked Sendable {
    public let socket = "varde-test-\(UUID().uuidString.prefix(8))"
    public let name = "varde"

    public init(width: Int, height: Int, command: String) throws {
        try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command])
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let result = try runCommand("/usr/bin/tmux", ["-L", socket] + arguments,
                                    environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        guard result.status == 0 else { throw TmuxFailed(message: result.stderr) }
        return result.stdout
    }

    public func screen() -> String {
        (try? tmux(["capture-pane", "-p", "-t", name])) ?? ""
    }

    public func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    /// The pseudo-terminal the program in the pane writes to (for scribbling over its screen).
    public func paneTTY() throws -> String {
        try tmux(["display-message", "-p", "-t", name, "#{pane_tty}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The screen with its colours and attributes as escape sequences.
    public func screenWithEscapes() -> String {
        (try? tmux(["capture-pane", "-p", "-e", "-t", name])) ?? ""
    }

    /// Appends every byte the program in the pane writes, escape sequences included (an OSC 52 copy, a
    /// bell), to the file at `path`, as the terminal receives them.
    public func recordOutput(to path: String) throws {
        try tmux(["pipe-pane", "-O", "-t", name, "cat >> '\(path)'"])
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `condition` holds; returns the last screen either way.
    @discardableResult
    public func waitFor(seconds: Double = 60, _ condition: (String) -> Bool) async -> (ok: Bool, screen: String) {
        // The screens are captured by a thread of their own and judged here: on a two-core machine the test
        // pool can be busy for seconds, longer than a status message stays on the screen.
        let recorder = ScreenRecorder(self)
        defer { recorder.stop() }
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while true {
            // The newest screen is judged again when nothing changed (a condition may look beyond the screen).
            let new = recorder.takeNew()
            for screen in new.isEmpty ? [last] : new {
                last = screen
                if condition(screen) { return (true, screen) }
            }
            if Date() >= deadline { return (false, last) }
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
    }

    public func close() {
        _ = try? tmux(["kill-server"])
    }

    struct TmuxFailed: Error { var message: String }
}


/// Captures a session's screen every tenth of a second on a thread of its own, keeping each screen that
/// differs from the one before until it is taken.
final class ScreenRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var screens: [String] = []
    private var stopped = false

    init(_ session: TmuxSession) {
        let first = session.screen()
        screens = [first]
        Thread { [self] in
            var previous = first
            while !isStopped {
                usleep(100_000)
                let screen = session.screen()
                guard screen != previous else { continue }
                previous = screen
                lock.lock()
                screens.append(screen)
                lock.unlock()
            }
        }.start()
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// The screens captured since the last call, oldest first.
    func takeNew() -> [String] {
        lock.lock()
        defer { lock.unlock() }
        let taken = screens
        screens = []
        return taken
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }
}
