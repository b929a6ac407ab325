import Foundation

/// How old the data may grow before the queue says it is not up to date (config `[staleness]`).
public struct StalenessLimits: Sendable, Equatable {
    /// The last successful sync may be at most this old (default 2 minutes).
    public var sync: TimeInterval
    /// Inside service hours, the newest measurement may have arrived at most this long ago (default 60 minutes).
    public var measurements: TimeInterval

    public init(sync: TimeInterval = 2 * 60, measurements: TimeInterval = 60 * 60) {
        self.sync = sync
        self.measurements = measurements
    }
}

/// Whether the queue on screen can be trusted to be current, and if not, why.
public enum Staleness: Sendable, Equatable {
    case current
    /// No successful sync for longer than the limit; nil: never synced since the console started.
    case syncStopped(lastSuccess: Date?)
    /// Inside service hours, no measurement has arrived for longer than the limit; nil: none ever arrived.
    case noNewMeasurements(since: Date?)
}

/// A quiet queue must mean nobody needs help: it may only look quiet while the data is fresh.
/// Pure: every time comes in as a parameter. The sync rule comes first, because without a sync no
/// measurement can arrive either.
public enum StalenessRule {
    /// - Parameters:
    ///   - startedAt: when the console started (a console that never synced is stale once it has
    ///     run longer than the limit).
    ///   - lastSync: the last successful sync, if any.
    ///   - lastArrival: when the newest measurement reached Varde, if any did.
    public static func judge(now: Date, startedAt: Date, lastSync: Date?, lastArrival: Date?,
                             limits: StalenessLimits, hours: ServiceHours) -> Staleness {
        if now.timeIntervalSince(lastSync ?? startedAt) > limits.sync {
            return .syncStopped(lastSuccess: lastSync)
        }
        // Outside service hours patients may rightly be quiet (a night, a weekend): no alarm then.
        if hours.isOpen(at: now), now.timeIntervalSince(lastArrival ?? startedAt) > limits.measurements {
            return .noNewMeasurements(since: lastArrival)
        }
        return .current
    }
}
