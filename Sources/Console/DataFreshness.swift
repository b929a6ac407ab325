import Foundation
import VardeDomain
import VardeStore

/// What the queue needs to say whether its data is current: when the console started, when the
/// newest measurement reached Varde, and the limits from `[staleness]`.
public struct DataFreshness: Sendable, Equatable {
    public var startedAt: Date
    /// When the newest measurement reached Varde, as far as this console knows.
    public private(set) var lastArrival: Date?
    public var limits: StalenessLimits
    /// The last reading of the cache's arrivals.
    public private(set) var arrivals: MeasurementArrivals?

    public init(startedAt: Date, lastArrival: Date? = nil, limits: StalenessLimits = StalenessLimits()) {
        self.startedAt = startedAt
        self.lastArrival = lastArrival
        self.limits = limits
    }

    /// Takes a reading of the cache's arrivals. A row that was not there before arrived now; the first
    /// reading only knows the server's stamp on the newest row, before which it cannot have arrived.
    public mutating func observe(_ fresh: MeasurementArrivals, now: Date) {
        defer { arrivals = fresh }
        guard let arrivals else {
            lastArrival = fresh.newestStamp.map { min($0, now) }
            return
        }
        if fresh.newestRow > arrivals.newestRow { lastArrival = now }
    }

    /// The header's words for stale data, longest first (the header uses the first that fits); none when current.
    static func notices(_ staleness: Staleness, now: Date, language: Language) -> [String] {
        let s = FreshnessStrings.of(language)
        func when(_ date: Date) -> String { time(date, now: now, f: Formatting(language)) }
        switch staleness {
        case .current:
            return []
        case .syncStopped(let last?):
            let full = s.syncStopped.replacingOccurrences(of: "%@", with: when(last))
            return [full, String(full.split(separator: "·").first ?? "").trimmingCharacters(in: .whitespaces)]
        case .syncStopped(nil):
            return [s.neverSynced, String(s.neverSynced.split(separator: "·").first ?? "").trimmingCharacters(in: .whitespaces)]
        case .noNewMeasurements(let since?):
            return [s.noMeasurementsSince.replacingOccurrences(of: "%@", with: when(since))]
        case .noNewMeasurements(nil):
            return [s.noMeasurementsYet]
        }
    }

    /// "14:02" on the same day (Norwegian time), "21.11 14:02" before it.
    static func time(_ date: Date, now: Date, f: Formatting) -> String {
        let day = f.dayAndTime(date), today = f.dayAndTime(now)
        let sameDay = day.prefix(5) == today.prefix(5) && abs(now.timeIntervalSince(date)) < 86_400
        return sameDay ? String(day.dropFirst(6)) : day
    }
}
