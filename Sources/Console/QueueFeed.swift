import Foundation
import VardeDomain
import VardeStore

/// The queue as the database delivers it, kept alive. An observation stops for good after an error,
/// so a failed one is started again after a short wait (1 s, doubling to at most 5 s) until a read
/// succeeds; meanwhile `failure` says why the queue is not updating.
final class QueueFeed {
    private enum Delivery: Sendable {
        case queue([QueueEntry])
        case failure(String)
    }

    static let firstWait: TimeInterval = 1
    static let longestWait: TimeInterval = 5

    private let cache: CacheDatabase
    private let viewer: Viewer
    private var observation: QueueObservation?
    /// Deliveries tagged with the observation they came from: a cancelled one's late word is ignored.
    private let latest = LatestValue<(generation: Int, delivery: Delivery)>()
    private var generation = 0
    /// Why the queue is not updating, in SQLite's words; nil while it is.
    private(set) var failure: String?
    private var restartAt: Date?
    private var wait = firstWait

    init(cache: CacheDatabase, viewer: Viewer) {
        self.cache = cache
        self.viewer = viewer
    }

    /// Starts observing (again): the first read comes at once.
    func start() {
        observation?.cancel()
        generation += 1
        let (tag, latest) = (generation, latest)
        observation = cache.observeQueue(for: viewer, { latest.set((tag, .queue($0))) },
                                         onError: { latest.set((tag, .failure(CacheDatabase.reason($0)))) })
    }

    func cancel() {
        observation?.cancel()
        observation = nil
    }

    /// The queue if a new one arrived since the last call. A failed observation is started again
    /// here once its wait is over (`now` is the wall clock).
    func take(now: Date) -> [QueueEntry]? {
        if let (tag, delivery) = latest.take(), tag == generation {
            switch delivery {
            case .queue(let entries):
                failure = nil
                wait = Self.firstWait
                restartAt = nil
                return entries
            case .failure(let reason):
                fail(reason, now: now)
            }
        }
        if let due = restartAt, now >= due {
            restartAt = nil
            start()
        }
        return nil
    }

    /// Between the observation's reads (it only wakes on this process's own writes), checks that the
    /// queue can still be read; a failure stops the observation and starts the retries.
    func check(now: Date) {
        guard failure == nil else { return }
        do {
            try cache.checkQueueReadable(for: viewer)
        } catch {
            fail(CacheDatabase.reason(error), now: now)
        }
    }

    private func fail(_ reason: String, now: Date) {
        failure = reason
        cancel()
        guard restartAt == nil else { return }
        restartAt = now.addingTimeInterval(wait)
        wait = min(wait * 2, Self.longestWait)
    }
}
