import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The console's event loop: one thread owns the terminal; the database tells it what changed.
public final class ConsoleApp {
    private let cache: CacheDatabase
    private let terminal: any TerminalBackend
    private let theme: Theme
    private let clock: () -> Date
    private var state: QueueState
    private let latest = LatestValue<[QueueEntry]>()

    public init(cache: CacheDatabase, terminal: any TerminalBackend, theme: Theme, language: Language,
                clock: @escaping () -> Date = Date.init) {
        self.cache = cache
        self.terminal = terminal
        self.theme = theme
        self.clock = clock
        state = QueueState(now: clock(), language: language)
    }

    /// Runs until the operator quits (or `shouldStop` says so, for tests).
    public func run(shouldStop: () -> Bool = { false }) {
        let observation = cache.observeQueue { [latest] entries in latest.set(entries) }
        defer {
            observation.cancel()
            terminal.shutdown()
        }
        var lastStatusRead = Date.distantPast
        while !shouldStop() {
            if let entries = latest.take() { state.update(entries) }
            state.now = clock()
            if Date().timeIntervalSince(lastStatusRead) >= 1 {
                state.sync = try? cache.syncState()
                lastStatusRead = Date()
            }
            let size = terminal.size
            terminal.draw(QueueScreen.render(&state, width: size.width, height: size.height), theme: theme)
            guard let key = terminal.readKey(timeoutMs: 250) else { continue }
            if handle(key, visibleRows: size.height - 4) == .quit { return }
        }
    }

    enum Outcome { case stay, quit }

    private func handle(_ key: Key, visibleRows: Int) -> Outcome {
        switch key {
        case .character("q"), .control("c"): return .quit
        case .down, .character("j"): state.move(by: 1)
        case .up, .character("k"): state.move(by: -1)
        case .pageDown, .control("d"): state.move(by: max(1, visibleRows / 2))
        case .pageUp, .control("u"): state.move(by: -max(1, visibleRows / 2))
        case .home, .character("g"): state.moveTo(0)
        case .end, .character("G"): state.moveTo(state.entries.count - 1)
        default: break
        }
        return .stay
    }
}

/// The newest value handed over from a background queue to the UI thread.
final class LatestValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    func set(_ newValue: Value) {
        lock.lock()
        value = newValue
        lock.unlock()
    }

    func take() -> Value? {
        lock.lock()
        defer { lock.unlock() }
        let current = value
        value = nil
        return current
    }
}
