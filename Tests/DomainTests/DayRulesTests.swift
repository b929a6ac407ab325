import Foundation
import Testing
import VardeDomain

/// The pure rules of the nurse's day: accent-blind search, the masked fødselsnummer, reopening and
/// correcting a resolved alert, and where a shift handover starts by default.
struct DayRulesTests {
    @Test(arguments: [("gronli", "Grønli, Målfrid", true), ("GRØNLI", "Gronli", true), ("malfrid gron", "Grønli, Målfrid", true),
                      ("aase", "Åse", false), ("ase", "Åse", true), ("bodo", "Bodø 1804", true), ("hansen", "Grønli", false)])
    func searchIsAccentBlindAndNeedsEveryWord(_ query: String, _ text: String, _ expected: Bool) {
        #expect(SearchFolding.matches(query, in: text) == expected)
    }

    @Test func theFødselsnummerIsMaskedAfterTheBirthDate() {
        #expect(MaskedNationalID.masked("01818012345") == "018180 •••••")
        #expect(MaskedNationalID.grouped("01818012345") == "018180 12345")
        #expect(!MaskedNationalID.masked("01818012345").contains("12345"))
    }

    static let oslo = TimeZone(identifier: "Europe/Oslo")!
    static let resolvedAt = Date(timeIntervalSince1970: 1_795_348_800) // Sunday 22.11.2026 13:00 in Oslo

    func resolved() -> Alert {
        var alert = Alert(patientID: "p1", zone: .red, openedAt: Self.resolvedAt, raisedAt: Self.resolvedAt, triggerMeasurementID: "m1")
        alert.status = .resolved
        alert.owner = "kari"
        alert.outcome = .contactedPatient
        alert.note = "ringt"
        return alert
    }

    @Test func aResolvedAlertIsReopenedTheSameDayByAnyNurseAndBecomesTheirs() throws {
        let result = Amending.apply(.reopen(reason: "ny måling"), to: resolved(), resolvedAt: Self.resolvedAt, resolvedBy: "kari",
                                    by: "ola", now: Self.resolvedAt.addingTimeInterval(3 * 3600), timeZone: Self.oslo)
        let reopened = try result.get()
        #expect(reopened.status == .open)
        #expect(reopened.owner == "ola")
        #expect(reopened.outcome == nil)
    }

    @Test func reopeningOrCorrectingTheNextDayIsRefused() {
        // 23:30 the same evening is still the same day in Oslo; 00:30 is not.
        let lateEvening = Self.resolvedAt.addingTimeInterval(10.5 * 3600)
        let afterMidnight = Self.resolvedAt.addingTimeInterval(11.5 * 3600)
        #expect((try? Amending.apply(.reopen(reason: ""), to: resolved(), resolvedAt: Self.resolvedAt, resolvedBy: "kari",
                                     by: "kari", now: lateEvening, timeZone: Self.oslo).get()) != nil)
        #expect(Amending.apply(.reopen(reason: ""), to: resolved(), resolvedAt: Self.resolvedAt, resolvedBy: "kari",
                               by: "kari", now: afterMidnight, timeZone: Self.oslo) == .failure(.notSameDay))
        #expect(Amending.apply(.correctNote("x"), to: resolved(), resolvedAt: Self.resolvedAt, resolvedBy: "kari",
                               by: "kari", now: afterMidnight, timeZone: Self.oslo) == .failure(.notSameDay))
    }

    @Test func onlyTheResolvingNurseCorrectsTheNoteAndOnlyAResolvedAlertIsAmended() throws {
        #expect(Amending.apply(.correctNote("ny tekst"), to: resolved(), resolvedAt: Self.resolvedAt, resolvedBy: "kari",
                               by: "ola", now: Self.resolvedAt, timeZone: Self.oslo) == .failure(.resolvedBy("kari")))
        let corrected = try Amending.apply(.correctNote("ny tekst"), to: resolved(), resolvedAt: Self.resolvedAt, resolvedBy: "kari",
                                           by: "kari", now: Self.resolvedAt, timeZone: Self.oslo).get()
        #expect(corrected.note == "ny tekst")
        #expect(corrected.status == .resolved)
        var open = resolved()
        open.status = .open
        #expect(Amending.apply(.reopen(reason: ""), to: open, resolvedAt: nil, resolvedBy: nil, by: "kari",
                               now: Self.resolvedAt, timeZone: Self.oslo) == .failure(.notResolved))
    }

    @Test func theHandoverStartsAtThePreviousServiceDaysOpening() {
        let hours = ServiceHours()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.oslo
        func local(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
            calendar.date(from: DateComponents(year: 2026, month: 11, day: day, hour: hour, minute: minute))!
        }
        // Tuesday morning: Monday 08:00. Monday morning: Friday 08:00 (the weekend is not staffed).
        #expect(hours.previousShiftStart(before: local(24, 7, 45)) == local(23, 8))
        #expect(hours.previousShiftStart(before: local(23, 7, 45)) == local(20, 8))
    }
}
