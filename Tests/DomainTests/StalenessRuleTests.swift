import Foundation
import Testing
import VardeDomain

/// When the queue must say its data is not up to date: each limit with its boundary on both sides,
/// service hours, and a console that never synced.
struct StalenessRuleTests {
    /// Monday 23 November 2026 10:00 Norwegian time (09:00 UTC): inside service hours.
    static let monday10 = Date(timeIntervalSince1970: 1_795_424_400)
    /// Sunday 22 November 2026 13:00 Norwegian time: outside service hours.
    static let sunday13 = Date(timeIntervalSince1970: 1_795_348_800)
    static let limits = StalenessLimits() // 2 minutes, 60 minutes
    static let hours = ServiceHours()
    /// Started long ago: only the given times decide.
    static let longAgo = Date(timeIntervalSince1970: 0)

    func judge(now: Date = monday10, startedAt: Date = longAgo, syncAgo: TimeInterval?, arrivalAgo: TimeInterval? = 60)
        -> Staleness {
        StalenessRule.judge(now: now, startedAt: startedAt, lastSync: syncAgo.map { now.addingTimeInterval(-$0) },
                            lastArrival: arrivalAgo.map { now.addingTimeInterval(-$0) }, limits: Self.limits, hours: Self.hours)
    }

    @Test func theDefaultsAreTwoMinutesAndAnHour() {
        #expect(Self.limits.sync == 120)
        #expect(Self.limits.measurements == 3600)
    }

    @Test("the last sync: exactly the limit is still current, a second more is not",
          arguments: [(119.0, false), (120, false), (120.5, true), (121, true), (3600, true)] as [(TimeInterval, Bool)])
    func syncAge(age: TimeInterval, stale: Bool) {
        let result = judge(syncAgo: age)
        #expect(result == (stale ? .syncStopped(lastSuccess: Self.monday10.addingTimeInterval(-age)) : .current))
    }

    @Test("no new measurement in service hours: exactly the limit is still current, a second more is not",
          arguments: [(3599.0, false), (3600, false), (3601, true), (5 * 3600, true)] as [(TimeInterval, Bool)])
    func measurementAge(age: TimeInterval, stale: Bool) {
        let result = judge(syncAgo: 10, arrivalAgo: age)
        #expect(result == (stale ? .noNewMeasurements(since: Self.monday10.addingTimeInterval(-age)) : .current))
    }

    @Test func outsideServiceHoursAQuietNightIsNotAnAlarm() {
        #expect(judge(now: Self.sunday13, syncAgo: 10, arrivalAgo: 20 * 3600) == .current)
        // Monday 07:59 is before opening, 08:00 is inside.
        let before = Self.monday10.addingTimeInterval(-2 * 3600 - 60), opening = Self.monday10.addingTimeInterval(-2 * 3600)
        #expect(judge(now: before, syncAgo: 10, arrivalAgo: 10 * 3600) == .current)
        #expect(judge(now: opening, syncAgo: 10, arrivalAgo: 10 * 3600) == .noNewMeasurements(since: opening.addingTimeInterval(-10 * 3600)))
    }

    @Test func aStoppedSyncIsSaidAlsoOutsideServiceHours() {
        #expect(judge(now: Self.sunday13, syncAgo: 300) == .syncStopped(lastSuccess: Self.sunday13.addingTimeInterval(-300)))
    }

    @Test func aStoppedSyncComesBeforeMissingMeasurements() {
        #expect(judge(syncAgo: 300, arrivalAgo: 5 * 3600) == .syncStopped(lastSuccess: Self.monday10.addingTimeInterval(-300)))
    }

    @Test func neverSyncedIsStaleOnceTheConsoleHasRunPastTheLimit() {
        let now = Self.monday10
        #expect(judge(startedAt: now.addingTimeInterval(-60), syncAgo: nil) == .current)
        #expect(judge(startedAt: now.addingTimeInterval(-120), syncAgo: nil) == .current)
        #expect(judge(startedAt: now.addingTimeInterval(-121), syncAgo: nil) == .syncStopped(lastSuccess: nil))
    }

    @Test func noMeasurementEverIsStaleOnceTheConsoleHasRunAnHourInServiceHours() {
        let now = Self.monday10
        #expect(judge(startedAt: now.addingTimeInterval(-3600), syncAgo: 5, arrivalAgo: nil) == .current)
        #expect(judge(startedAt: now.addingTimeInterval(-3601), syncAgo: 5, arrivalAgo: nil) == .noNewMeasurements(since: nil))
        #expect(judge(now: Self.sunday13, startedAt: Self.longAgo, syncAgo: 5, arrivalAgo: nil) == .current)
    }

    @Test func fractionalLimitsWorkForTests() {
        let limits = StalenessLimits(sync: 0.05 * 60, measurements: 0.1 * 60)
        let now = Self.monday10
        #expect(StalenessRule.judge(now: now, startedAt: Self.longAgo, lastSync: now.addingTimeInterval(-3), lastArrival: now,
                                    limits: limits, hours: Self.hours) == .current)
        #expect(StalenessRule.judge(now: now, startedAt: Self.longAgo, lastSync: now.addingTimeInterval(-3.5), lastArrival: now,
                                    limits: limits, hours: Self.hours) == .syncStopped(lastSuccess: now.addingTimeInterval(-3.5)))
    }
}
