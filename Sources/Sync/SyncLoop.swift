import Foundation

/// Runs the sync engine on its own thread (libcurl blocks) until stopped: every `interval` while the
/// server answers, backing off with jitter up to `maxBackoff` while it does not.
public final class SyncLoop: @unchecked Sendable {
    private let engine: SyncEngine
    private let interval: TimeInterval
    private let maxBackoff: TimeInterval
    private let condition = NSCondition()
    private var stopped = false
    private var thread: Thread?

    public init(engine: SyncEngine, interval: TimeInterval = 2, maxBackoff: TimeInterval = 30) {
        self.engine = engine
        self.interval = interval
        self.maxBackoff = maxBackoff
    }

    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "varde-sync"
        self.thread = thread
        thread.start()
    }

    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func run() {
        var failures = 0
        while true {
            condition.lock()
            let done = stopped
            condition.unlock()
            if done { return }
            do {
                _ = try engine.syncOnce()
                failures = 0
            } catch {
                failures += 1
            }
            let delay = failures == 0
                ? interval
                : min(maxBackoff, interval * pow(2, Double(failures - 1))) * Double.random(in: 0.8...1.2)
            condition.lock()
            if !stopped { _ = condition.wait(until: Date().addingTimeInterval(delay)) }
            condition.unlock()
        }
    }
}
