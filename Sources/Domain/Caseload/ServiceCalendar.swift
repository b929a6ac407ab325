import Foundation

/// Service time between instants in a fixed span, answered by arithmetic: the opening intervals are
/// laid out once, with running totals, so figures over a hundred thousand alerts need not ask the
/// calendar a hundred thousand times. Agrees with `ServiceHours.serviceTime` inside the span.
public struct ServiceCalendar: Sendable {
    private var opens: [Double] = []
    private var closes: [Double] = []
    /// Service seconds before each interval.
    private var before: [Double] = []

    public init(hours: ServiceHours, from start: Date, to end: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = hours.timeZone
        var day = calendar.startOfDay(for: start)
        var total = 0.0
        while day <= end {
            if hours.weekdays.contains(calendar.component(.weekday, from: day)) {
                let open = day.addingTimeInterval(TimeInterval(hours.opens * 60)).timeIntervalSince1970
                let close = day.addingTimeInterval(TimeInterval(hours.closes * 60)).timeIntervalSince1970
                opens.append(open)
                closes.append(close)
                before.append(total)
                total += close - open
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        before.append(total)
    }

    /// Service seconds from the span's start to `instant`.
    private func elapsed(_ instant: Double) -> Double {
        var low = 0, high = opens.count
        while low < high {
            let mid = (low + high) / 2
            if opens[mid] <= instant { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return 0 }
        let index = low - 1
        return before[index] + min(instant, closes[index]) - opens[index]
    }

    /// The end of the service day `date` falls in or before (as `ServiceHours.closingTime`), inside the span.
    public func closingTime(onOrAfter date: Date) -> Date? {
        closingTime(onOrAfter: date.timeIntervalSince1970).map(Date.init(timeIntervalSince1970:))
    }

    /// Seconds of service time between two instants (0 if `end` is not after `start`).
    public func serviceTime(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        return serviceTime(from: start.timeIntervalSince1970, to: end.timeIntervalSince1970)
    }

    /// As `closingTime(onOrAfter:)`, in seconds since 1970.
    func closingTime(onOrAfter instant: TimeInterval) -> TimeInterval? {
        var low = 0, high = closes.count
        while low < high {
            let mid = (low + high) / 2
            if closes[mid] <= instant { low = mid + 1 } else { high = mid }
        }
        return low < closes.count ? closes[low] : nil
    }

    /// As `serviceTime(from:to:)`, in seconds since 1970.
    func serviceTime(from start: TimeInterval, to end: TimeInterval) -> TimeInterval {
        guard end > start else { return 0 }
        return max(0, elapsed(end) - elapsed(start))
    }
}
