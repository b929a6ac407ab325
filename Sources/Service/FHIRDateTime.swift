import Foundation
import VardeDomain

/// Parses and formats FHIR `instant`/`dateTime` text without Foundation's slow formatters.
/// Accepts `YYYY`, `YYYY-MM`, `YYYY-MM-DD` and `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`.
public enum FHIRDateTime {
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + digits] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += digits
            return value
        }
        func expect(_ char: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == char else { return false }
            index += 1
            return true
        }
        guard let year = number(4) else { return nil }
        var month = 1, day = 1, hour = 0, minute = 0, second = 0.0, offset = 0
        if expect(UInt8(ascii: "-")) {
            guard let m = number(2), (1...12).contains(m) else { return nil }
            month = m
            if expect(UInt8(ascii: "-")) {
                guard let d = number(2), (1...31).contains(d) else { return nil }
                day = d
                if expect(UInt8(ascii: "T")) {
                    guard let h = number(2), h < 24, expect(UInt8(ascii: ":")), let mi = number(2), mi < 60,
                          expect(UInt8(ascii: ":")), let s = number(2), s <= 60 else { return nil }
                    hour = h; minute = mi; second = Double(s)
                    if expect(UInt8(ascii: ".")) {
                        var scale = 0.1
                        var digits = 0
                        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                            second += Double(bytes[index] - 48) * scale
                            scale /= 10
                            index += 1
                            digits += 1
                        }
                        guard digits > 0 else { return nil }
                    }
                    if expect(UInt8(ascii: "Z")) {
                        offset = 0
                    } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                        let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                        index += 1
                        guard let oh = number(2), expect(UInt8(ascii: ":")), let om = number(2) else { return nil }
                        offset = sign * (oh * 3600 + om * 60)
                    } else {
                        return nil // FHIR requires a zone when a time is given
                    }
                }
            }
        }
        guard index == bytes.count else { return nil }
        let days = CivilDays.days(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 - offset) + second
        return Date(timeIntervalSince1970: seconds)
    }

    /// Formats an instant in UTC with milliseconds, e.g. `2026-11-22T14:56:52.123Z`.
    public static func format(_ date: Date) -> String {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let millis = Int(((totalMillis % 1000) + 1000) % 1000)
        let seconds = Int((totalMillis - Int64(millis)) / 1000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (y, m, d) = CivilDays.date(days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad((secondOfDay / 60) % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(millis, 3))Z"
    }

    /// Formats a calendar date, e.g. `1948-03-02`.
    public static func formatDate(_ date: Date) -> String {
        String(format(date).prefix(10))
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
