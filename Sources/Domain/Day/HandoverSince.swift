import Foundation

/// When a shift handover starts, as a nurse types it: hours or days back (`12h`, `2d`, at most 31 days),
/// a clock time (`08:00`: today, or yesterday when that is still to come), a Norwegian date and time
/// (`22.11 08:00`, `22.11.2026 08:00`), or an ISO date-time (`2026-11-22 08:00` in the centre's time zone,
/// `2026-11-22T07:00:00Z` with its own offset). `varde report handover --since` and the handover view's
/// `t` read the same forms.
public enum HandoverSince {
    public static let longest: TimeInterval = 31 * 86_400

    public static func parse(_ typed: String, now: Date, timeZone: TimeZone) -> Date? {
        let text = typed.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if let unit = text.last, "hd".contains(unit), let value = Int(text.dropLast()), value > 0 {
            let seconds = Double(value) * (unit == "h" ? 3600 : 86_400)
            return seconds <= longest ? now.addingTimeInterval(-seconds) : nil
        }
        if let instant = instant(text) { return instant }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let today = calendar.dateComponents([.year, .month, .day], from: now)
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
        guard (1...2).contains(parts.count) else { return nil }
        let clock = parts.count == 2 ? time(parts[1]) : time(parts[0])
        let date = parts.count == 2 || clock == nil ? day(parts[0], year: today.year) : nil
        if parts.count == 2, date == nil || clock == nil { return nil }
        guard date != nil || clock != nil else { return nil }
        var components = date ?? today
        components.hour = clock?.hour ?? 0
        components.minute = clock?.minute ?? 0
        guard var result = calendar.date(from: components),
              calendar.component(.day, from: result) == components.day else { return nil }
        // A clock time alone that is still to come today means yesterday's.
        if date == nil, result > now, let yesterday = calendar.date(byAdding: .day, value: -1, to: result) { result = yesterday }
        return result
    }

    /// An ISO 8601 date-time with `Z` or an offset, with or without fractions of a second.
    static func instant(_ text: String) -> Date? {
        guard text.hasSuffix("Z") || text.dropFirst(10).contains("+") || text.dropFirst(10).contains("-") else { return nil }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// `08:00` or `8:00`.
    static func time(_ text: String) -> (hour: Int, minute: Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return (hour, minute)
    }

    /// `22.11`, `22.11.2026` or `2026-11-22`.
    static func day(_ text: String, year: Int?) -> DateComponents? {
        var components = DateComponents()
        if text.contains("-") {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
            (components.year, components.month, components.day) = (y, m, d)
        } else {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard (2...3).contains(parts.count), let d = Int(parts[0]), let m = Int(parts[1]) else { return nil }
            let y = parts.count == 3 ? Int(parts[2]) : year
            guard let y, y >= 2000 else { return nil }
            (components.year, components.month, components.day) = (y, m, d)
        }
        guard let month = components.month, (1...12).contains(month), let day = components.day, (1...31).contains(day) else { return nil }
        return components
    }
}
