import Foundation
import VardeDomain

/// Where the plan puts the patient in the service path, for the patient header: a pause, the trial
/// period or the end of follow-up (nothing in ordinary follow-up). Missing measurements raise no item then.
enum FollowUpLine {
    static func text(_ plan: SelfCarePlan, now: Date, language: Language, date: (Date) -> String) -> String? {
        let nb = language == .nb
        guard let calendar = plan.calendar else { return nil }
        switch calendar.state(at: now) {
        case .followUp: return nil
        case .paused:
            guard let pause = calendar.pause(at: now) else { return nil }
            let until = pause.period.end == .distantFuture ? (nb ? "inntil videre" : "until further notice")
                : (nb ? "til " : "until ") + date(pause.period.end)
            let reason = pause.reason.map { " (\($0))" } ?? ""
            return (nb ? "⏸ oppfølging på pause " : "⏸ follow-up paused ") + until + reason
        case .trialPeriod:
            let end = calendar.trialPeriod.map { date($0.end) } ?? ""
            return nb ? "prøveperiode til \(end)" : "trial period until \(end)"
        case .ended:
            return (nb ? "oppfølging avsluttet " : "follow-up ended ") + (calendar.ended.map(date) ?? "")
        }
    }
}
