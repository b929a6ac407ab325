import Foundation

/// Where the plan puts a patient in the service path over time: the trial period after start-up,
/// pauses (a hospital stay, a holiday) and the end of follow-up. Measurements missing during any of
/// them raise nothing (domain.md: "A patient in trial period or paused must not raise missing-measurement alerts").
public struct FollowUpCalendar: Codable, Sendable, Equatable {
    /// The 2–4 weeks of daily measurements after start-up, in which the limits are still being found.
    public var trialPeriod: DateInterval?
    /// Registered pauses, each with the reason the centre gave ("ferie", "innlagt på sykehus").
    public var pauses: [Pause]
    /// When follow-up ended; nil while it goes on.
    public var ended: Date?

    /// A pause of follow-up.
    public struct Pause: Codable, Sendable, Equatable {
        public var period: DateInterval
        public var reason: String?
        public init(period: DateInterval, reason: String? = nil) {
            self.period = period
            self.reason = reason
        }
    }

    public init(trialPeriod: DateInterval? = nil, pauses: [Pause] = [], ended: Date? = nil) {
        self.trialPeriod = trialPeriod
        self.pauses = pauses
        self.ended = ended
    }

    /// The patient's state at `instant`: ended wins over a pause, a pause over the trial period.
    public func state(at instant: Date) -> FollowUpState {
        if let ended, instant >= ended { return .ended }
        if pauses.contains(where: { $0.period.contains(instant) }) { return .paused }
        if let trialPeriod, trialPeriod.contains(instant) { return .trialPeriod }
        return .followUp
    }

    /// The pause in force at `instant`, for the plan view ("pause til 12.12: ferie").
    public func pause(at instant: Date) -> Pause? {
        pauses.first { $0.period.contains(instant) }
    }

    /// True when nothing is registered: the plan says follow-up, with no trial, pause or end.
    public var isEmpty: Bool { trialPeriod == nil && pauses.isEmpty && ended == nil }
}

extension SelfCarePlan {
    /// The patient's place in the service path at `instant` (follow-up when the plan registers nothing).
    public func followUpState(at instant: Date) -> FollowUpState {
        calendar?.state(at: instant) ?? .followUp
    }
}
