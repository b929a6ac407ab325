import Foundation
import Testing
@testable import VardeConsole

/// The screens' wall clock, worked out by arithmetic, says what Foundation's calendar says in Norway:
/// through both daylight-saving changes, across years and leap days, and for ages on and around birthdays.
struct NorwegianTimeTests {
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Oslo")!
        return calendar
    }

    @Test func everyQuarterHourAroundTheClockChangesAgreesWithTheCalendar() {
        // 2026-03-29 01:00 UTC (summer time begins) and 2026-10-25 01:00 UTC (it ends), a day either side,
        // and the turn of a leap year.
        let starts: [TimeInterval] = [1_774_746_000, 1_792_890_000, 1_709_164_800, 1_798_675_200]
        for start in starts {
            for step in stride(from: -86_400.0, through: 86_400, by: 900 + 7) {
                let date = Date(timeIntervalSince1970: start + step)
                let c = Self.calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
                let parts = NorwegianTime.parts(date)
                #expect([parts.year, parts.month, parts.day, parts.hour, parts.minute] == [c.year, c.month, c.day, c.hour, c.minute],
                        "\(date)")
            }
        }
    }

    /// 23:30 UTC on 1 March is 00:30 on 2 March in Norway: the birthday has come.
    @Test(arguments: [("1950-03-02", "2026-03-01T23:30:00Z", 76), ("1950-03-02", "2026-03-01T22:30:00Z", 75),
                      ("1950-03-02", "2026-03-02T00:30:00Z", 76), ("2000-12-31", "2026-12-31T10:00:00Z", 26),
                      ("2000-12-31", "2026-12-30T10:00:00Z", 25)])
    func anAgeTurnsAtMidnightInNorway(born: String, now: String, expected: Int) throws {
        let at = try #require(ISO8601DateFormatter().date(from: now))
        #expect(NorwegianTime.age(born: born, at: at) == expected)
        #expect(NorwegianTime.age(born: "ukjent", at: at) == nil)
    }

    /// The trend charts' date axis puts a label at each local midnight: the day a moment falls on and the
    /// moment each day begins agree with the calendar, through both clock changes and a leap day.
    @Test func everyMidnightAroundTheClockChangesAgreesWithTheCalendar() {
        for start in [1_774_746_000.0, 1_792_890_000, 1_709_164_800, 1_798_675_200] {
            for step in stride(from: -3 * 86_400.0, through: 3 * 86_400, by: 3_600 + 11) {
                let date = Date(timeIntervalSince1970: start + step)
                let day = NorwegianTime.day(date)
                #expect(NorwegianTime.midnight(day) == Self.calendar.startOfDay(for: date), "\(date)")
                #expect(NorwegianTime.midnight(day + 1) == Self.calendar.date(byAdding: .day, value: 1, to: Self.calendar.startOfDay(for: date)),
                        "\(date)")
            }
        }
    }
}
