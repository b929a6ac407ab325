import Foundation
import VardeDomain

/// Norwegian wall-clock parts of a moment, by arithmetic: a screen shows dozens of times per frame, and
/// Foundation's Calendar asks ICU for the zone's transitions on every call. The zone's offset is asked
/// once per hour of UTC and kept (Norway's offset only ever changes on a whole hour).
enum NorwegianTime {
    struct Parts: Equatable {
        var year: Int
        var month: Int
        var day: Int
        var hour: Int
        var minute: Int
    }

    private final class Offsets: @unchecked Sendable {
        let lock = NSLock()
        var byHour: [Int: Int] = [:]
    }
    private static let offsets = Offsets()

    static func parts(_ date: Date) -> Parts {
        let seconds = Int(floor(date.timeIntervalSince1970))
        let local = seconds + offset(hour: seconds.floorDiv(3600))
        let days = local.floorDiv(86_400), secondOfDay = local - days * 86_400
        let (year, month, day) = CivilDays.date(days)
        return Parts(year: year, month: month, day: day, hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60)
    }

    /// Whole years from a birth date ("1950-03-02") to `now` in Norway; nil when the date cannot be read.
    static func age(born: String, at now: Date) -> Int? {
        let parts = born.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let today = Self.parts(now)
        let beforeBirthday = (today.month, today.day) < (parts[1], parts[2])
        return today.year - parts[0] - (beforeBirthday ? 1 : 0)
    }

    /// The day in Norway a moment falls on, counted from 1 January 1970 (`CivilDays`).
    static func day(_ date: Date) -> Int {
        let seconds = Int(floor(date.timeIntervalSince1970))
        return (seconds + offset(hour: seconds.floorDiv(3600))).floorDiv(86_400)
    }

    /// The moment a day in Norway begins. Norway's clock changes at 01:00 UTC, never near midnight, so the
    /// offset three hours before UTC midnight is the offset at local midnight.
    static func midnight(_ day: Int) -> Date {
        let offset = offset(hour: (day * 86_400 - 3 * 3600).floorDiv(3600))
        return Date(timeIntervalSince1970: Double(day * 86_400 - offset))
    }

    /// "07", "12": two digits, without a format string.
    static func two(_ number: Int) -> String { number < 10 && number >= 0 ? "0\(number)" : "\(number)" }

    private static func offset(hour: Int) -> Int {
        offsets.lock.lock()
        defer { offsets.lock.unlock() }
        if let known = offsets.byHour[hour] { return known }
        if offsets.byHour.count > 10_000 { offsets.byHour.removeAll() }
        let seconds = Formatting.zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(hour * 3600)))
        offsets.byHour[hour] = seconds
        return seconds
    }
}

private extension Int {
    func floorDiv(_ divisor: Int) -> Int {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
