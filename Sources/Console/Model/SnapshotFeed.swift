import Foundation
import VardeStore

/// Keeps the console's snapshot current: asks the cache's change counter on every turn of the loop
/// (cheap) and reads everything on screen again, on a queue of its own, when anything was committed,
/// when the request changed, or, after a failed read, when its wait is over (1 s doubling to 5 s).
/// While a sync commits page after page, reads are paced: the next starts no sooner than twice the
/// last one took, so that the console never takes more than a third of a core from the sync.
public final class SnapshotFeed: @unchecked Sendable {
    static let firstWait: TimeInterval = 1
    static let longestWait: TimeInterval = 5

    private let reader: ConsoleReader
    private let queue = DispatchQueue(label: "varde.snapshot")
    private let latest = LatestValue<ConsoleSnapshot>()
    private let lock = NSLock()
    private var reading = false
    private var lastToken: Int64?
    private var lastRequest: ConsoleReadRequest?
    private var retryAt: Date?
    private var wait = firstWait
    /// When the last read finished and how long it took.
    private var lastFinished = Date.distantPast
    private var lastDuration: TimeInterval = 0

    public init(reader: ConsoleReader) {
        self.reader = reader
    }

    /// A read is under way (the loop waits for keys only briefly, so that its rows are drawn at once).
    public var isReading: Bool {
        lock.lock()
        defer { lock.unlock() }
        return reading || latest.hasValue
    }

    /// Waits until the read under way has finished, at most `timeout` seconds.
    public func waitForRead(timeout: TimeInterval) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            lock.lock()
            let busy = reading
            lock.unlock()
            if !busy { return }
            usleep(200)
        }
    }

    /// Starts a read if one is due and none is under way.
    public func poll(_ request: ConsoleReadRequest, now: Date) {
        lock.lock()
        let (busy, finished, duration) = (reading, lastFinished, lastDuration)
        lock.unlock()
        guard !busy else { return }
        // A changed request (a patient opened) is read at once; commits wait for the pace.
        if request == lastRequest, Date().timeIntervalSince(finished) < 2 * duration { return }
        let token: Int64?
        do {
            token = try reader.changeToken()
        } catch {
            token = nil // the file cannot be asked: the read itself will say why
        }
        let retryDue = retryAt.map { now >= $0 } ?? false
        guard request != lastRequest || token == nil || token != lastToken || retryDue else { return }
        lastRequest = request
        lastToken = token
        retryAt = nil
        lock.lock()
        reading = true
        lock.unlock()
        let (reader, latest) = (reader, latest)
        queue.async { [weak self] in
            let started = Date()
            latest.set(ConsoleSnapshot(request: request, read: reader.read(request)))
            guard let self else { return }
            lock.lock()
            reading = false
            lastFinished = Date()
            lastDuration = lastFinished.timeIntervalSince(started)
            lock.unlock()
        }
    }

    /// The newest snapshot if one arrived since the last call.
    public func take(now: Date) -> ConsoleSnapshot? {
        guard let snapshot = latest.take() else { return nil }
        if snapshot.read.hasFailures {
            retryAt = now.addingTimeInterval(wait)
            wait = min(wait * 2, Self.longestWait)
        } else {
            wait = Self.firstWait
        }
        return snapshot
    }
}

extension ConsoleRead {
    /// Any part of the read failed.
    var hasFailures: Bool {
        func failed<T>(_ part: Part<T>?) -> Bool {
            if case .failure? = part { return true }
            return false
        }
        return failed(queue) || failed(municipalityNames) || failed(sync) || failed(outbox) || failed(quarantineCount)
            || failed(quarantined) || failed(notices) || failed(arrivals) || failed(patient) || failed(messageStatuses)
            || failed(journalNotes)
    }
}
