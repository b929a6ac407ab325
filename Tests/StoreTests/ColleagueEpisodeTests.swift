import Foundation
import Testing
import VardeDomain
import VardeStore

/// A colleague's Task reaches this workstation's alert even when the two named it differently, and a
/// colleague's resolution covers only what was measured before it: a red measured afterwards, which this
/// workstation had folded into the alert it had open, is in the queue again.
struct ColleagueEpisodeTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    func spo2(_ id: String, _ value: Double, minutesAgo: Double) -> HomeMeasurement {
        OnePatientCache.spo2(id, value, minutesAgo: minutesAgo, now: now)
    }

    /// A patient with a yellow at 120 minutes ago and a red at 30 minutes ago, folded into one alert here.
    func cacheWithOneAlert() throws -> (CacheDatabase, Alert) {
        let cache = try OnePatientCache.make(now: now)
        _ = try cache.storeMeasurements([spo2("obs-yellow", 93, minutesAgo: 120), spo2("obs-red", 85, minutesAgo: 30)],
                                        triage: Triage(), now: now, cursor: nil)
        let entry = try #require(try cache.queue().first)
        #expect(entry.zone == .red)
        return (cache, try #require(try cache.alert(id: entry.alertID)))
    }

    func resolve(_ cache: CacheDatabase, key: String, minutesAgo: Double) throws {
        try cache.applyRemote(alertKey: key, owner: "hanne", resolved: true, outcome: .advisedPerPlan, note: "Rådet.",
                              taskVersion: "2", at: now, patientID: "p1",
                              steppedAt: now.addingTimeInterval(-minutesAgo * 60), triage: Triage())
    }

    @Test func aResolutionUnderAnotherNameClosesThePatientsEpisodeAndTheLaterRedComesBack() throws {
        let (cache, alert) = try cacheWithOneAlert()
        // The colleague's workstation opened it on a measurement later withdrawn, and resolved it an hour ago.
        try resolve(cache, key: "p1--obs-withdrawn", minutesAgo: 60)
        #expect(try cache.alert(id: alert.id ?? 0)?.status == .resolved, "the colleague's resolution reached it")
        #expect(try cache.alert(id: alert.id ?? 0)?.key == "p1--obs-withdrawn", "under the name the centre shares")
        let queue = try cache.queue()
        #expect(queue.count == 1, "\(queue)")
        #expect(queue.first?.zone == .red, "the red measured after the resolution waits for a nurse")
        #expect(queue.first?.raisedAt == now.addingTimeInterval(-30 * 60), "and waits from when it was measured")
    }

    @Test func aResolutionUnderTheSameNameLeavesALaterRedInTheQueue() throws {
        let (cache, alert) = try cacheWithOneAlert()
        try resolve(cache, key: alert.key, minutesAgo: 60)
        #expect(try cache.queue().map(\.zone) == [.red])
    }

    @Test func aResolutionAfterEverythingMeasuredLeavesNothing() throws {
        let (cache, alert) = try cacheWithOneAlert()
        try resolve(cache, key: alert.key, minutesAgo: 5)
        #expect(try cache.queue().isEmpty, "the colleague saw it all")
    }

    @Test func aStepTakenBeforeTheAlertOpenedIsAboutAnotherEpisode() throws {
        let (cache, alert) = try cacheWithOneAlert()
        try resolve(cache, key: "p1--obs-yesterday", minutesAgo: 24 * 60)
        #expect(try cache.alert(id: alert.id ?? 0)?.status == .open)
        #expect(try cache.alert(id: alert.id ?? 0)?.key == alert.key)
    }

    @Test func anAlertTakenHereIsNotRenamedByAColleaguesTask() throws {
        let (cache, alert) = try cacheWithOneAlert()
        _ = try cache.handle(alertID: alert.id ?? 0, .claim, by: "kari", at: now)
        try resolve(cache, key: "p1--obs-withdrawn", minutesAgo: 10)
        let mine = try #require(try cache.alert(id: alert.id ?? 0))
        #expect(mine.status == .open && mine.owner == "kari" && mine.key == alert.key)
    }
}
