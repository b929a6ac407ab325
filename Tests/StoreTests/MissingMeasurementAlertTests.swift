import Foundation
import Testing
import VardeDomain
import VardeStore

/// Scheduled measurements that do not arrive become one routine alert per patient and day.
struct MissingMeasurementAlertTests {
    static let oslo = TimeZone(identifier: "Europe/Oslo")!
    /// Monday 23 November 2026, Norwegian time.
    static func monday(_ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = oslo
        return calendar.date(from: DateComponents(year: 2026, month: 11, day: 23, hour: hour, minute: minute))!
    }

    func cache(measuredAt: Date? = nil) throws -> CacheDatabase {
        let cache = try CacheDatabase()
        let plan = SelfCarePlan(id: "plan-1", patientID: "p1", goals: [],
                                schedule: [MeasurementSchedule(kind: .oxygenSaturation, timesPerDay: 1, dueByHour: 10),
                                           MeasurementSchedule(kind: .bodyWeight, timesPerDay: 1, dueByHour: 12)],
                                limits: [], actions: [], approval: nil, revised: Self.monday(0), lastUpdated: Self.monday(0))
        try cache.storePlans([plan], cursor: nil)
        if let measuredAt {
            let spo2 = HomeMeasurement(id: "m1", patientID: "p1", kind: .oxygenSaturation, code: "c", value: 96,
                                       unit: "%", effective: measuredAt, lastUpdated: measuredAt)
            _ = try cache.storeMeasurements([spo2], triage: Triage(), now: measuredAt, cursor: nil)
        }
        return cache
    }

    @Test func beforeTheDeadlineNothingAfterItOneRoutineRowNamingWhatIsMissing() throws {
        let store = try cache()
        #expect(try store.raiseMissingMeasurementAlerts(now: Self.monday(9, 59), hours: ServiceHours()) == 0)
        #expect(try store.raiseMissingMeasurementAlerts(now: Self.monday(10, 1), hours: ServiceHours()) == 1)
        let entry = try #require(try store.queue().first)
        #expect(entry.basis == .missingMeasurement)
        #expect(entry.zone == .green)
        #expect(entry.missing == [.oxygenSaturation])
        #expect(entry.raisedAt == Self.monday(10), "it waits from the deadline")
        // Later the same day: no second alert, even when more is missing.
        #expect(try store.raiseMissingMeasurementAlerts(now: Self.monday(13), hours: ServiceHours()) == 0)
        #expect(try store.queue().count == 1)
    }

    @Test func aMeasurementTodayMeansNothingIsMissingYesterdaysDoesNot() throws {
        #expect(try cache(measuredAt: Self.monday(8)).raiseMissingMeasurementAlerts(now: Self.monday(11), hours: ServiceHours()) == 0)
        let yesterday = try cache(measuredAt: Self.monday(8).addingTimeInterval(-86_400))
        #expect(try yesterday.raiseMissingMeasurementAlerts(now: Self.monday(11), hours: ServiceHours()) == 1)
    }

    @Test func outsideServiceHoursNothingIsRaised() throws {
        let store = try cache()
        #expect(try store.raiseMissingMeasurementAlerts(now: Self.monday(16), hours: ServiceHours()) == 0)
        #expect(try store.raiseMissingMeasurementAlerts(now: Self.monday(11).addingTimeInterval(-86_400), hours: ServiceHours()) == 0,
                "Sunday")
        var evenings = ServiceHours()
        evenings.closes = 22 * 60
        #expect(try store.raiseMissingMeasurementAlerts(now: Self.monday(16), hours: evenings) == 1)
    }

    @Test func aPatientWithAnOpenAlertGetsNoSecondOne() throws {
        let store = try cache(measuredAt: nil)
        let red = HomeMeasurement(id: "m9", patientID: "p1", kind: .heartRate, code: "c", value: 140, unit: "/min",
                                  effective: Self.monday(7), lastUpdated: Self.monday(7))
        _ = try store.storeMeasurements([red], triage: Triage(), now: Self.monday(7), cursor: nil)
        #expect(try store.queue().count == 1)
        #expect(try store.raiseMissingMeasurementAlerts(now: Self.monday(11), hours: ServiceHours()) == 0)
    }
}
