import Foundation
import VardeDomain

/// How one simulated patient lives with home follow-up: how faithfully they measure, how late their
/// tablet uploads, how wrong its clock is, and whether the finger clip sits loosely now and then.
/// Drawn from a generator of its own, so the rest of the centre is the same with or without them.
struct PatientHabits: Sendable {
    /// Chance that a due measurement is simply not taken (forgotten, not at home).
    let skipChance: Double
    /// Tablets that upload hours after the measurement: the delay range, nil for a tablet that uploads at once.
    let uploadDelay: ClosedRange<Double>?
    /// A device clock this many seconds wrong (the measurement's time is off, not its upload).
    let clockOffset: Double
    /// Chance that a pulse oximeter reading is implausible (a loose clip: SpO2 far too low, pulse erratic).
    let looseClipChance: Double

    /// Most patients measure faithfully, some forget now and then, a few often (see Manual: "Den simulerte sentralen").
    static let shares = (faithful: 0.75, sometimes: 0.18)
    static let skipChances = (faithful: 0.02, sometimes: 0.12, often: 0.40)
    /// One tablet in sixteen uploads one to eight hours late; one in twenty-five has a clock minutes wrong.
    static let lateTabletShare = 0.06
    static let wrongClockShare = 0.04
    static let looseClip = 0.004

    static let tidy = PatientHabits(skipChance: 0, uploadDelay: nil, clockOffset: 0, looseClipChance: 0)

    static func draw(_ rng: inout SeededRandom) -> PatientHabits {
        let roll = Double.random(in: 0..<1, using: &rng)
        let skip = roll < shares.faithful ? skipChances.faithful
            : roll < shares.faithful + shares.sometimes ? skipChances.sometimes : skipChances.often
        let late = Double.random(in: 0..<1, using: &rng) < lateTabletShare
        let wrongClock = Double.random(in: 0..<1, using: &rng) < wrongClockShare
        let offset = wrongClock ? (Bool.random(using: &rng) ? 1 : -1) * Double.random(in: 120...540, using: &rng) : 0
        return PatientHabits(skipChance: skip, uploadDelay: late ? 3600...8 * 3600 : nil, clockOffset: offset,
                             looseClipChance: looseClip)
    }
}

/// A patient's place in the service path as the simulated centre registers it on the plan.
enum FollowUpCalendars {
    /// Shares of patients: on a pause around the start (holiday or hospital stay), in their trial period,
    /// follow-up ended in the last days. The rest are in ordinary follow-up.
    static let pausedShare = 0.05
    static let trialShare = 0.04
    static let endedShare = 0.02

    static func draw(_ rng: inout SeededRandom, start: Double) -> FollowUpCalendar? {
        let day = 86_400.0
        let roll = Double.random(in: 0..<1, using: &rng)
        let offset = Double.random(in: 0..<1, using: &rng)
        switch roll {
        case ..<pausedShare:
            let holiday = Bool.random(using: &rng)
            let begins = start - (0.5 + 4 * offset) * day
            let length = (holiday ? Double.random(in: 7...14, using: &rng) : Double.random(in: 3...8, using: &rng)) * day
            return FollowUpCalendar(pauses: [.init(period: DateInterval(start: Date(timeIntervalSince1970: begins), duration: length),
                                                   reason: holiday ? "ferie" : "innlagt på sykehus")])
        case ..<(pausedShare + trialShare):
            let begins = start - (3 + 11 * offset) * day
            return FollowUpCalendar(trialPeriod: DateInterval(start: Date(timeIntervalSince1970: begins), duration: 21 * day))
        case ..<(pausedShare + trialShare + endedShare):
            return FollowUpCalendar(ended: Date(timeIntervalSince1970: start - (1 + 9 * offset) * day))
        default:
            return nil
        }
    }
}
