import Foundation

/// When the centre is staffed (default weekdays 08:00–15:30 Norwegian time). Response times are
/// counted in service hours only: an alert that arrives at night waits for the morning.
public struct ServiceHours: Sendable, Equatable {
    /// Weekdays open, Calendar numbering (1 Sunday … 7 Saturday).
    public var weekdays: Set<Int>
    /// Opening and closing as minutes after midnight.
    public var opens: Int
    public var closes: Int
    public var timeZone: TimeZone

    public init(weekdays: Set<Int> = [2, 3, 4, 5, 6], opens: Int = 8 * 60, closes: Int = 15 * 60 + 30,
                timeZone: TimeZone = TimeZone(identifier: "Europe/Oslo") ?? .current) {
        self.weekdays = weekdays
        self.opens = opens
        self.closes = closes
        self.timeZone = timeZone
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    public func isOpen(at date: Date) -> Bool {
        let c = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        let minute = (c.hour ?? 0) * 60 + (c.minute ?? 0)
        return weekdays.contains(c.weekday ?? 0) && minute >= opens && minute < closes
    }

    /// Seconds of service time between two instants (0 if `end` is not after `start`).
    public func serviceTime(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        var day = calendar.startOfDay(for: start)
        while day < end {
            if weekdays.contains(calendar.component(.weekday, from: day)) {
                let open = day.addingTimeInterval(TimeInterval(opens * 60))
                let close = day.addingTimeInterval(TimeInterval(closes * 60))
                let from = max(open, start), to = min(close, end)
                if to > from { total += to.timeIntervalSince(from) }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        return total
    }

    /// The end of the service day that `date` falls in or before (the routine target "end of day").
    public func closingTime(onOrAfter date: Date) -> Date {
        var day = calendar.startOfDay(for: date)
        for _ in 0..<14 {
            let close = day.addingTimeInterval(TimeInterval(closes * 60))
            if weekdays.contains(calendar.component(.weekday, from: day)), close > date { return close }
            day = calendar.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86_400)
        }
        return date
    }
}

/// How soon each kind of alert must be answered, in service time (defaults: red 30 min, yellow 4 h,
/// routine by the end of the service day).
public struct ResponseTargets: Sendable, Equatable {
    public var red: TimeInterval
    public var yellow: TimeInterval

    public init(red: TimeInterval = 30 * 60, yellow: TimeInterval = 4 * 3600) {
        self.red = red
        self.yellow = yellow
    }

    /// Whether an alert raised at `raisedAt` with `zone` (nil for routine) is overdue at `now`.
    public func isOverdue(zone: Zone?, raisedAt: Date, now: Date, hours: ServiceHours) -> Bool {
        switch zone {
        case .red?: hours.serviceTime(from: raisedAt, to: now) > red
        case .yellow?: hours.serviceTime(from: raisedAt, to: now) > yellow
        default: now > hours.closingTime(onOrAfter: raisedAt)
        }
    }
}
