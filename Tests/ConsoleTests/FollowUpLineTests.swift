import Foundation
import Testing
@testable import VardeConsole
import VardeDomain

/// The patient header says when the plan has the patient on a pause, in a trial period or done with
/// follow-up: the reason no missing-measurement item comes.
struct FollowUpLineTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)
    func day(_ days: Double) -> Date { now.addingTimeInterval(days * 86_400) }
    func date(_ d: Date) -> String { ISO8601DateFormatter().string(from: d).prefix(10).description }

    func plan(_ calendar: FollowUpCalendar?) -> SelfCarePlan {
        var plan = PlanTemplates.draft(patientID: "p1", diagnoses: [.copd], shift: 0, approval: nil, revised: now)
        plan.calendar = calendar
        return plan
    }

    @Test func theHeaderSaysPauseTrialAndEnd() {
        let paused = plan(FollowUpCalendar(pauses: [.init(period: DateInterval(start: day(-2), end: day(5)), reason: "ferie")]))
        #expect(FollowUpLine.text(paused, now: now, language: .nb, date: date) == "⏸ oppfølging på pause til \(date(day(5))) (ferie)")
        #expect(FollowUpLine.text(paused, now: now, language: .en, date: date) == "⏸ follow-up paused until \(date(day(5))) (ferie)")
        let open = plan(FollowUpCalendar(pauses: [.init(period: DateInterval(start: day(-1), end: .distantFuture))]))
        #expect(FollowUpLine.text(open, now: now, language: .nb, date: date) == "⏸ oppfølging på pause inntil videre")
        let trial = plan(FollowUpCalendar(trialPeriod: DateInterval(start: day(-3), end: day(18))))
        #expect(FollowUpLine.text(trial, now: now, language: .nb, date: date) == "prøveperiode til \(date(day(18)))")
        let ended = plan(FollowUpCalendar(ended: day(-4)))
        #expect(FollowUpLine.text(ended, now: now, language: .en, date: date) == "follow-up ended \(date(day(-4)))")
        #expect(FollowUpLine.text(plan(nil), now: now, language: .nb, date: date) == nil)
        let over = plan(FollowUpCalendar(pauses: [.init(period: DateInterval(start: day(-9), end: day(-2)))]))
        #expect(FollowUpLine.text(over, now: now, language: .nb, date: date) == nil, "a pause that is over says nothing")
    }
}
