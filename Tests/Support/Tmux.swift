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
        // Polled on a thread of its own: on a two-core machine the test pool can be busy for seconds, longer
        // than a status message stays on the screen. The caller waits meanwhile, so the condition is never
        // called from two places at once.
        await withoutActuallyEscaping(condition) { condition in
            let box = UncheckedBox(condition)
            let result = try? await offPool { () -> (ok: Bool, screen: String) in
                let deadline = Date().addingTimeInterval(seconds)
                var last = self.screen()
                while Date() < deadline {
                    if box.value(last) { return (true, last) }
                    usleep(100_000)
                    last = self.screen()
                }
                return (box.value(last), last)
            }
            return result ?? (false, screen())
        }
    }

    public func close() {
        _ = try? tmux(["kill-server"])
    }

    struct TmuxFailed: Error { var message: String }
}

/// A value handed to a thread while its owner waits for that thread.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
